import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/connection.ts';
import { verifyPassword } from '../../server/modules/accounts/password.ts';
import { verifyAuditChain } from '../../server/modules/audit/index.ts';
import { demoOptions, freshDemo } from './demo-testing.ts';
import { generatePlan } from './generate.ts';
import { DemoRefusedError, runDemo } from './run-demo.ts';
import { DEMO_DOMAIN, DEMO_PASSWORD } from './vocabulary.ts';

const now = new Date('2026-03-02T09:00:00.000Z');
const options = demoOptions(now);

const caseList = (database: Database) =>
  database.db
    .selectFrom('cases')
    .select(['number', 'title', 'priority', 'statusCategory', 'createdAt'])
    .orderBy('number')
    .execute();

let database: Database;
let workspaceId: number;
const others: Database[] = [];
beforeAll(async () => {
  ({ database, workspaceId } = await freshDemo(options));
});
afterAll(async () => {
  await database.close();
  for (const other of others) await other.close();
});

describe('casefile demo', () => {
  it("gives its people scored activity, with a sequence behind each DLP alert, in the timeline's rollup", async () => {
    const events = await database.db
      .selectFrom('activityEvents')
      .select(['alertId', 'sequenceId', 'occurredAt', 'subjectId'])
      .where('workspaceId', '=', workspaceId)
      .execute();
    expect(events.length).toBeGreaterThan(100);
    expect(events.every((e) => e.occurredAt < options.now.toISOString())).toBe(true);
    const linked = events.filter((e) => e.alertId !== null);
    const dlp = await database.db
      .selectFrom('alerts')
      .select('id')
      .where('source', '=', 'purview-dlp')
      .where('subjectId', 'is not', null)
      .execute();
    expect(new Set(linked.map((e) => e.alertId))).toEqual(new Set(dlp.map((a) => a.id)));
    expect(linked.every((e) => e.sequenceId === `alert-${e.alertId}`)).toBe(true);
    const days = await database.db
      .selectFrom('subjectActivityDays')
      .select((eb) => eb.fn.sum<number>('eventCount').as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(days.n)).toBe(events.length);
  });

  it('creates the requested number of cases and an account of every role', async () => {
    expect(await caseList(database)).toHaveLength(25);
    const accounts = await database.db
      .selectFrom('accounts')
      .select(['email', 'roleKey', 'passwordHash'])
      .where('email', 'like', `%@${DEMO_DOMAIN}`)
      .execute();
    expect(accounts.length).toBeGreaterThanOrEqual(8);
    expect(new Set(accounts.map((a) => a.roleKey))).toEqual(
      new Set(['viewer', 'analyst', 'investigator', 'admin', 'guest', 'ingest']),
    );
    const first = accounts.find((a) => a.roleKey !== 'ingest');
    expect(await verifyPassword(first?.passwordHash ?? '', DEMO_PASSWORD)).toBe(true);
  });

  it('leaves a queue with new, active and closed cases, resolved both ways', async () => {
    const cases = await database.db
      .selectFrom('cases')
      .select(['statusCategory', 'resolutionClassification', 'resolutionReason'])
      .execute();
    const categories = new Set(cases.map((c) => c.statusCategory));
    expect(categories).toEqual(new Set(['new', 'active', 'closed']));
    const closed = cases.filter((c) => c.statusCategory === 'closed');
    expect(new Set(closed.map((c) => c.resolutionClassification))).toEqual(
      new Set(['benign', 'confirmed_violation']),
    );
    expect(closed.every((c) => (c.resolutionReason ?? '').length > 0)).toBe(true);
  });

  it('adds tasks and comments, and the case counters match the rows', async () => {
    const cases = await database.db
      .selectFrom('cases')
      .select(['id', 'taskTotal', 'taskOpen', 'commentCount'])
      .execute();
    const tasks = await database.db.selectFrom('tasks').select(['caseId', 'status']).execute();
    const comments = await database.db.selectFrom('comments').select('caseId').execute();
    expect(tasks.length).toBeGreaterThan(0);
    expect(comments.length).toBeGreaterThan(0);
    for (const c of cases) {
      const own = tasks.filter((t) => t.caseId === c.id);
      expect(Number(c.taskTotal)).toBe(own.length);
      expect(Number(c.taskOpen)).toBe(
        own.filter((t) => t.status === 'new' || t.status === 'in_progress').length,
      );
      expect(Number(c.commentCount)).toBe(comments.filter((m) => m.caseId === c.id).length);
    }
  });

  it('dates every event in the 90 days before now, and after the creation of its case', async () => {
    const limit = now.toISOString();
    const events = await database.db
      .selectFrom('auditEvents')
      .leftJoin('cases', 'cases.id', 'auditEvents.caseId')
      .select(['auditEvents.occurredAt', 'cases.createdAt'])
      .execute();
    expect(events.length).toBeGreaterThan(25);
    for (const e of events) {
      expect(e.occurredAt <= limit).toBe(true);
      if (e.createdAt !== null) expect(e.occurredAt >= e.createdAt).toBe(true);
    }
    const comments = await database.db
      .selectFrom('comments')
      .innerJoin('cases', 'cases.id', 'comments.caseId')
      .select(['comments.createdAt as at', 'cases.createdAt as opened'])
      .execute();
    expect(comments.every((c) => c.at <= limit && c.at > c.opened)).toBe(true);
    const first = await database.db
      .selectFrom('cases')
      .select((eb) => eb.fn.min('createdAt').as('at'))
      .executeTakeFirstOrThrow();
    expect(String(first.at) >= new Date(now.getTime() - 90 * 86_400_000).toISOString()).toBe(true);
  });

  it('keeps the audit chain valid', async () => {
    const report = await verifyAuditChain(database.db, workspaceId);
    expect(report).toMatchObject({ ok: true });
    expect(report.checked).toBeGreaterThan(100);
  });

  it('makes the same cases from the same seed and now', async () => {
    const again = await freshDemo(options);
    others.push(again.database);
    expect(await caseList(again.database)).toEqual(await caseList(database));
    const alertList = (d: Database) =>
      d.db
        .selectFrom('alerts')
        .select(['externalId', 'status', 'incidentId', 'dismissCategory', 'triagedAt'])
        .orderBy('id')
        .execute();
    expect(await alertList(again.database)).toEqual(await alertList(database));
  });

  it('refuses to run twice on the same database, and writes nothing', async () => {
    const count = async (table: 'cases' | 'auditEvents' | 'accounts') =>
      Number(
        (
          await database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );
    const before = [await count('cases'), await count('auditEvents'), await count('accounts')];
    await expect(runDemo(database.db, workspaceId, options)).rejects.toBeInstanceOf(
      DemoRefusedError,
    );
    expect([await count('cases'), await count('auditEvents'), await count('accounts')]).toEqual(
      before,
    );
  });
});

describe('the demo plan', () => {
  it('lays out 300 cases in order: creation first, every step after it and before now', () => {
    const plan = generatePlan({ cases: 300, seed: 42, now });
    const opened = new Map<number, number>();
    let last = -Infinity;
    for (const step of plan.steps) {
      expect(step.at).toBeGreaterThanOrEqual(last);
      expect(step.at).toBeLessThan(now.getTime());
      last = step.at;
      if (step.kind === 'createCase') opened.set(step.caseIdx, step.at);
      else expect(step.at).toBeGreaterThan(opened.get(step.caseIdx) ?? Infinity);
    }
    expect(opened.size).toBe(300);
    expect(plan.accountsAt).toBeLessThan(Math.min(...opened.values()));
  });

  it('delivers every alert in the 90 days before now, and triages each after its delivery', () => {
    const plan = generatePlan({ cases: 30, seed: 3, now });
    expect(plan.alerts.length).toBeGreaterThanOrEqual(300);
    const delivered = new Map<number, number>();
    let last = -Infinity;
    for (const step of plan.alertSteps) {
      expect(step.at).toBeGreaterThanOrEqual(last);
      expect(step.at).toBeLessThan(now.getTime());
      last = step.at;
      if (step.kind === 'ingest') {
        for (const i of step.alerts) {
          expect(Date.parse(plan.alerts[i]!.detectedAt)).toBeLessThan(step.at);
          delivered.set(i, step.at);
        }
      } else {
        const list = step.kind === 'dismiss' ? step.alerts : [step.alert];
        for (const i of list) expect(step.at).toBeGreaterThan(delivered.get(i) ?? Infinity);
      }
    }
    expect(delivered.size).toBe(plan.alerts.length);
    expect(Math.min(...delivered.values())).toBeGreaterThan(now.getTime() - 90 * 86_400_000);
    for (const step of plan.steps) {
      const list =
        step.kind === 'confirmAlerts'
          ? step.alerts
          : step.kind === 'linkIncident'
            ? [step.alert]
            : step.kind === 'createCase'
              ? [
                  ...(step.fromAlerts ?? []),
                  ...(step.subjectOf === undefined ? [] : [step.subjectOf]),
                ]
              : [];
      for (const i of list) expect(step.at).toBeGreaterThan(delivered.get(i) ?? Infinity);
    }
  });

  it('differs with another seed', () => {
    const titles = (seed: number) =>
      generatePlan({ cases: 20, seed, now }).steps.flatMap((s) =>
        s.kind === 'createCase' ? [s.title] : [],
      );
    expect(titles(1)).not.toEqual(titles(2));
  });
});
