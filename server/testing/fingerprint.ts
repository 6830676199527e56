import { sql } from 'kysely';
import type { Db } from '../db/connection.ts';

/** Tables left out of the summary: for now only SQLite's own bookkeeping. */
const ignored = (name: string) => name.startsWith('sqlite_');

/** Every stored table of the schema, read from the database itself, with its columns. */
async function storedTables(db: Db) {
  const tables = await db.introspection.getTables();
  return tables
    .filter((t) => !t.isView && !ignored(t.name))
    .map((t) => ({ name: t.name, columns: new Set(t.columns.map((c) => c.name)) }))
    .sort((x, y) => (x.name < y.name ? -1 : 1));
}

/**
 * A summary of everything stored: row counts, versions, last updates and the audit head.
 * Equal before and after a refused request means the request changed nothing.
 */
export async function fingerprint(db: Db): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  // Per table: its rows, and where it has them the sum of versions and the last update.
  for (const { name, columns } of await storedTables(db)) {
    const { rows } = await sql<{ n: number | string; v: number | string | null; u: unknown }>`select
        count(*) as n,
        ${columns.has('version') ? sql`coalesce(sum(version), 0)` : sql`null`} as v,
        ${columns.has('updated_at') ? sql`max(updated_at)` : sql`null`} as u
      from ${sql.table(name)}`.execute(db);
    const row = rows[0];
    out[name] = [Number(row?.n ?? 0), row?.v === null ? null : Number(row?.v), String(row?.u)];
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
    caseState: [Number(cases.v), cases.u, Number(cases.c)],
    taskVersions: Number(tasks.v),
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
