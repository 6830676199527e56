import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../server/db/connection.ts';
import { verifyPassword } from '../../server/modules/accounts/password.ts';
import { configuredAdmin, demoOptions, freshDemo } from './demo-testing.ts';
import { generatePlan } from './generate.ts';

const now = new Date('2026-03-02T09:00:00.000Z');
const options = demoOptions(now);
const DAY = 86_400_000;

let database: Database;
beforeAll(async () => {
  ({ database } = await freshDemo(options));
});
afterAll(() => database.close());

const alerts = () =>
  database.db
    .selectFrom('alerts')
    .leftJoin('subjects', 'subjects.id', 'alerts.subjectId')
    .select([
      'alerts.id',
      'alerts.source',
      'alerts.status',
      'alerts.detectedAt',
      'alerts.receivedAt',
      'alerts.triagedAt',
      'alerts.triagedBy',
      'alerts.dismissCategory',
      'alerts.dismissReason',
      'alerts.incidentId',
      'alerts.correlationKey',
      'subjects.email',
    ])
    .execute();

describe('the demo alerts', () => {
  it('files its alerts under subjects with a department, a job title and a colleague as manager', async () => {
    const subjects = await database.db.selectFrom('subjects').selectAll().execute();
    expect(subjects.length).toBeGreaterThanOrEqual(12);
    for (const s of subjects) {
      expect(s.department).toBeTruthy();
      expect(s.jobTitle).toBeTruthy();
      expect(s.manager).toBeTruthy();
    }
    const names = new Set(subjects.map((s) => s.name));
    const reportingToColleague = subjects.filter((s) => names.has(s.manager ?? ''));
    expect(reportingToColleague.length).toBeGreaterThan(subjects.length / 2);
  });

  it('holds ten alerts per case from four sources, detected over the 90 days before now', async () => {
    const rows = await alerts();
    expect(rows.length).toBeGreaterThanOrEqual(250);
    expect(rows.length).toBeLessThan(300);
    expect(new Set(rows.map((a) => a.source))).toEqual(
      new Set(['purview-dlp', 'defender-endpoint', 'entra-id-protection', 'proofpoint-email']),
    );
    const times = rows.map((a) => Date.parse(a.detectedAt));
    expect(Math.min(...times)).toBeGreaterThan(now.getTime() - 90 * DAY);
    expect(Math.max(...times)).toBeLessThan(now.getTime());
    // Spread over the period: alerts in each of its three months.
    const months = new Set(
      rows.map((a) => Math.floor((now.getTime() - Date.parse(a.detectedAt)) / (30 * DAY))),
    );
    expect(months).toEqual(new Set([0, 1, 2]));
    for (const a of rows) expect(a.receivedAt > a.detectedAt).toBe(true);
  });

  it('groups them into incidents by correlation: one person each, unless an entity joined another', async () => {
    const rows = await alerts();
    const incidents = await database.db.selectFrom('incidents').selectAll().execute();
    expect(incidents.length).toBeGreaterThan(10);
    expect(rows.every((a) => a.incidentId !== null && a.correlationKey !== null)).toBe(true);
    const people = new Map<number, Set<string>>();
    for (const a of rows)
      if (a.email) people.set(a.incidentId!, (people.get(a.incidentId!) ?? new Set()).add(a.email));
    const single = [...people.values()].filter((p) => p.size === 1).length;
    expect(single / people.size).toBeGreaterThan(0.8);
    // Every other person of an incident came in through a value they share with it.
    for (const [id, emails] of people) {
      if (emails.size === 1) continue;
      const arrivals = new Map<string, string>();
      for (const a of rows
        .filter((r) => r.incidentId === id && r.email)
        .sort((x, y) => (x.detectedAt < y.detectedAt ? -1 : 1)))
        if (!arrivals.has(a.email!)) arrivals.set(a.email!, a.correlationKey!);
      const joined = [...arrivals.values()].filter((k) => k.startsWith('e:'));
      expect(joined.length, `incident ${id}`).toBeGreaterThanOrEqual(emails.size - 1);
    }
    // The campaigns' rare values (a phishing domain, a spraying address) group their targets.
    const plan = generatePlan(options);
    const keys = new Set(rows.map((a) => a.correlationKey));
    expect(plan.sharedValues.some((v) => keys.has(`e:${v.type}:${v.value}`))).toBe(true);
  });

  it('shows triage: dismissals with a category and a reason, by analysts, after the alert arrived', async () => {
    const rows = await alerts();
    const triagers = new Set(
      (
        await database.db
          .selectFrom('accounts')
          .select('id')
          .where('roleKey', 'in', ['analyst', 'investigator'])
          .execute()
      ).map((a) => a.id),
    );
    const dismissed = rows.filter((a) => a.status === 'dismissed');
    expect(dismissed.length).toBeGreaterThan(rows.length / 3);
    for (const a of dismissed) {
      expect(a.dismissCategory).not.toBeNull();
      expect(a.dismissReason).toBeTruthy();
      expect(triagers.has(a.triagedBy!)).toBe(true);
      expect(a.triagedAt! > a.receivedAt).toBe(true);
      expect(a.triagedAt! < now.toISOString()).toBe(true);
    }
    expect(new Set(dismissed.map((a) => a.dismissCategory)).size).toBeGreaterThanOrEqual(3);
    expect(dismissed.some((a) => a.dismissCategory === 'duplicate')).toBe(true);
  });

  it('leaves the last days partly waiting for review', async () => {
    const waiting = (await alerts()).filter((a) => a.status === 'needs_review');
    expect(waiting.length).toBeGreaterThan(0);
    for (const a of waiting)
      expect(Date.parse(a.receivedAt)).toBeGreaterThan(now.getTime() - 5 * DAY);
  });

  it('links cases to the alerts confirmed into them and to incidents, with their subject', async () => {
    const links = await database.db
      .selectFrom('caseLinks')
      .innerJoin('cases', 'cases.id', 'caseLinks.caseId')
      .select([
        'caseLinks.kind',
        'caseLinks.refId',
        'caseLinks.linkedAt',
        'cases.id',
        'cases.subjectId',
        'cases.createdAt',
      ])
      .execute();
    const linkedCases = new Set(links.map((l) => l.id));
    expect(linkedCases.size).toBeGreaterThanOrEqual(Math.round(options.cases * 0.3));
    expect(links.some((l) => l.kind === 'incident')).toBe(true);
    const byId = new Map((await alerts()).map((a) => [a.id, a]));
    const subjects = new Map(
      (await database.db.selectFrom('subjects').select(['id', 'email']).execute()).map((s) => [
        s.id,
        s.email,
      ]),
    );
    for (const l of links.filter((k) => k.kind === 'alert')) {
      const alert = byId.get(l.refId)!;
      expect(['confirmed', 'resolved']).toContain(alert.status);
      expect(l.linkedAt >= l.createdAt).toBe(true);
      expect(l.linkedAt > alert.receivedAt).toBe(true);
    }
    // A case opened from alerts is about their subject.
    const fromAlerts = links.filter((l) => l.kind === 'alert' && l.linkedAt === l.createdAt);
    expect(fromAlerts.length).toBeGreaterThan(0);
    for (const l of fromAlerts) expect(subjects.get(l.subjectId!)).toBe(byId.get(l.refId)!.email);
  });

  it('has analysts take some incidents and resolve others', async () => {
    const taken = await database.db
      .selectFrom('incidents')
      .innerJoin('accounts', 'accounts.id', 'incidents.assigneeId')
      .select(['accounts.roleKey'])
      .execute();
    expect(taken.length).toBeGreaterThan(0);
    for (const t of taken) expect(['analyst', 'investigator']).toContain(t.roleKey);
    // Resolved only once nothing in them waited: each alert triaged before the incident resolved.
    const resolved = await database.db
      .selectFrom('incidents')
      .select(['id', 'updatedAt'])
      .where('status', '=', 'resolved')
      .execute();
    expect(resolved.length).toBeGreaterThan(0);
    const rows = await alerts();
    for (const i of resolved)
      for (const a of rows.filter((r) => r.incidentId === i.id))
        expect(a.triagedAt !== null && a.triagedAt <= i.updatedAt, `incident ${i.id}`).toBe(true);
  });

  it('dates every alert event after the alert arrived', async () => {
    const received = new Map((await alerts()).map((a) => [String(a.id), a.receivedAt]));
    const events = (
      await database.db
        .selectFrom('auditEvents')
        .select(['occurredAt', 'targetId'])
        .where('targetType', '=', 'alert')
        .execute()
    ).map((e) => ({ occurredAt: e.occurredAt, receivedAt: received.get(e.targetId)! }));
    expect(events.length).toBeGreaterThan(0);
    for (const e of events) expect(e.occurredAt >= e.receivedAt).toBe(true);
  });

  it('creates the configured administrator, before the demo accounts', async () => {
    const admin = await database.db
      .selectFrom('accounts')
      .selectAll()
      .where('email', '=', configuredAdmin.email)
      .executeTakeFirstOrThrow();
    expect(admin.roleKey).toBe('admin');
    expect(await verifyPassword(admin.passwordHash ?? '', configuredAdmin.password)).toBe(true);
    const first = await database.db
      .selectFrom('accounts')
      .select('email')
      .orderBy('createdAt')
      .orderBy('id')
      .executeTakeFirstOrThrow();
    expect(first.email).toBe(configuredAdmin.email);
  });
});
