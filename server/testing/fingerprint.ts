import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

const tables = [
  'accounts',
  'sessions',
  'apiTokens',
  'caseStatuses',
  'cases',
  'tasks',
  'comments',
  'caseContributors',
  'auditEvents',
  'searchDocs',
  'roles',
  'savedViews',
  'subjects',
  'incidents',
  'alerts',
  'alertEntities',
  'incidentKeys',
  'caseLinks',
  'alertMappings',
  'webhookSubscriptions',
  'webhookDeliveries',
  'activityEvents',
  'subjectActivityDays',
] as const;

/**
 * A summary of everything stored: row counts, versions, last updates and the audit head.
 * Equal before and after a refused request means the request changed nothing.
 */
export async function fingerprint(db: Db): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const table of tables) {
    const row = await db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  const cases = await db
    .selectFrom('cases')
    .select([
      sql<number>`coalesce(sum(version), 0)`.as('v'),
      sql<string>`max(updated_at)`.as('u'),
      sql<number>`coalesce(sum(task_open + comment_count), 0)`.as('c'),
    ])
    .executeTakeFirstOrThrow();
  const tasks = await db
    .selectFrom('tasks')
    .select(sql<number>`coalesce(sum(version), 0)`.as('v'))
    .executeTakeFirstOrThrow();
  const accounts = await db
    .selectFrom('accounts')
    .select([sql<string>`max(updated_at)`.as('u'), sql<number>`coalesce(sum(disabled), 0)`.as('d')])
    .executeTakeFirstOrThrow();
  const statuses = await db
    .selectFrom('caseStatuses')
    .select(sql<string>`max(updated_at)`.as('u'))
    .executeTakeFirstOrThrow();
  const tokens = await db
    .selectFrom('apiTokens')
    .select(sql<number>`count(revoked_at)`.as('r'))
    .executeTakeFirstOrThrow();
  const alerts = await db
    .selectFrom('alerts')
    .select([sql<number>`count(triaged_at)`.as('t'), sql<string>`max(triaged_at)`.as('u')])
    .executeTakeFirstOrThrow();
  const alertStatuses = await db
    .selectFrom('alerts')
    .select(['status', (eb) => eb.fn.countAll<number>().as('n')])
    .groupBy('status')
    .orderBy('status')
    .execute();
  const numbers = await db
    .selectFrom('workspaces')
    .select(['id', 'nextCaseNumber'])
    .orderBy('id')
    .execute();
  const updated = async (table: 'incidents' | 'subjects' | 'alertMappings') =>
    (
      await db
        .selectFrom(table)
        .select(sql<string>`max(updated_at)`.as('u'))
        .executeTakeFirstOrThrow()
    ).u;
  const rollups = await db
    .selectFrom('subjectActivityDays')
    .select([
      sql<number>`coalesce(sum(event_count), 0)`.as('n'),
      sql<number>`coalesce(sum(score_sum), 0)`.as('s'),
    ])
    .executeTakeFirstOrThrow();
  const head = await db.selectFrom('auditHeads').select(['seq', 'hash']).execute();
  return {
    ...out,
    cases: [out.cases, Number(cases.v), cases.u, Number(cases.c)],
    tasks: [out.tasks, Number(tasks.v)],
    accountsState: [accounts.u, Number(accounts.d)],
    statuses: statuses.u,
    revoked: Number(tokens.r),
    triaged: [Number(alerts.t), alerts.u],
    alertStatuses: alertStatuses.map((r) => `${r.status}:${Number(r.n)}`),
    nextCaseNumbers: numbers.map((r) => r.nextCaseNumber),
    incidentsUpdated: await updated('incidents'),
    subjectsUpdated: await updated('subjects'),
    mappingsUpdated: await updated('alertMappings'),
    rollups: [Number(rollups.n), Number(rollups.s)],
    head,
  };
}
