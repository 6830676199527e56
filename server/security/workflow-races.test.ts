import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAuditChain } from '../modules/audit/index.ts';
import { startTestEnv, type Reply, type TestEnv } from '../testing/harness.ts';

// Requests that race for one thing have exactly one winner and leave consistent state. They
// run together (Promise.all of in-process requests); on PostgreSQL their transactions truly
// interleave over the pool's connections. A token revoked while requests with it are in
// flight is raced in server/modules/accounts/revocation-race.test.ts.
let env: TestEnv;
let seq = 0;

beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(async () => {
  const chain = await verifyAuditChain(env.db, env.workspaceId);
  expect(chain.ok, JSON.stringify(chain)).toBe(true);
  await env.close();
});

async function ingest(
  extra: Record<string, unknown> = {},
): Promise<{ id: number; incidentId: number }> {
  seq += 1;
  const res = await env.api('ingest').post('/api/v1/alerts', {
    source: 'edr',
    externalId: `race-${seq}`,
    title: `Race ${seq}`,
    severity: 'high',
    detectedAt: '2026-03-01T10:00:00Z',
    // A subject of its own: every alert opens its own incident.
    subject: { email: `racer.${seq}@example.com` },
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.results[0];
}

const newCase = async (title: string) => {
  const res = await env.api('analyst').post('/api/v1/cases', { title });
  expect(res.status).toBe(201);
  return res.body as { number: number; version: number };
};

const statuses = (replies: Reply[]) => replies.map((r) => r.status).sort();

function expectRefused(replies: Reply[], status: number, code: string) {
  for (const r of replies.filter((x) => x.status === status))
    expect(r.body).toEqual({
      error: { code, message: expect.any(String), requestId: expect.any(String) },
    });
}

const auditCount = async (action: string, targetId: number | string) =>
  (
    await env.db
      .selectFrom('auditEvents')
      .select('id')
      .where('action', '=', action)
      .where('targetId', '=', String(targetId))
      .execute()
  ).length;

const alertStatus = async (id: number) =>
  (
    await env.db
      .selectFrom('alerts')
      .select('status')
      .where('id', '=', id)
      .executeTakeFirstOrThrow()
  ).status;

/** The status docs/alert-lifecycle.md gives a confirmed alert, from what is stored now. */
async function statusByRule(id: number): Promise<string> {
  const alert = await env.db
    .selectFrom('alerts')
    .select(['incidentId'])
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  const covering = await env.db
    .selectFrom('caseLinks')
    .innerJoin('cases', 'cases.id', 'caseLinks.caseId')
    .select('cases.statusCategory')
    .where((eb) =>
      eb.or([
        eb.and([eb('caseLinks.kind', '=', 'alert'), eb('caseLinks.refId', '=', id)]),
        eb.and([
          eb('caseLinks.kind', '=', 'incident'),
          eb('caseLinks.refId', '=', alert.incidentId ?? -1),
        ]),
      ]),
    )
    .execute();
  const incident = await env.db
    .selectFrom('incidents')
    .select('status')
    .where('id', '=', alert.incidentId ?? -1)
    .executeTakeFirst();
  if (covering.some((c) => c.statusCategory !== 'closed')) return 'confirmed';
  const closed = covering.some((c) => c.statusCategory === 'closed');
  return closed || incident?.status === 'resolved' ? 'resolved' : 'confirmed';
}

const resolve = (number: number, version: number) =>
  env
    .api('investigator')
    .post(
      `/api/v1/cases/${number}/resolve`,
      { classification: 'confirmed_violation', reason: 'Raced' },
      { 'if-match': `"${version}"` },
    );

describe('racing workflows', () => {
  it('lets one of many analysts triage an alert; the others get 409 and one event is audited', async () => {
    const { id } = await ingest();
    const target = await newCase('Triage target');
    const casesBefore = (await env.db.selectFrom('cases').select('id').execute()).length;
    const who = ['analyst', 'investigator', 'admin'] as const;
    const replies = await Promise.all(
      Array.from({ length: 9 }, (_, i) => {
        const api = env.api(who[i % 3]);
        if (i % 3 === 0)
          return api.post(`/api/v1/alerts/${id}/dismiss`, { category: 'other', reason: `r${i}` });
        if (i % 3 === 1)
          return api.post(`/api/v1/alerts/${id}/confirm`, { caseNumber: target.number });
        return api.post(`/api/v1/alerts/${id}/confirm`, { newCase: { title: `Racer ${i}` } });
      }),
    );
    expect(statuses(replies)).toEqual([200, ...Array(8).fill(409)]);
    expectRefused(replies, 409, 'conflict');
    const winner = replies.findIndex((r) => r.status === 200);
    const events =
      (await auditCount('alert.confirmed', id)) + (await auditCount('alert.dismissed', id));
    expect(events).toBe(1);
    expect(await alertStatus(id)).toBe(winner % 3 === 0 ? 'dismissed' : 'confirmed');
    // A confirm into a new case that lost opened no case.
    const casesAfter = (await env.db.selectFrom('cases').select('id').execute()).length;
    expect(casesAfter - casesBefore).toBe(winner % 3 === 2 ? 1 : 0);
    const links = await env.db
      .selectFrom('caseLinks')
      .selectAll()
      .where('refId', '=', id)
      .execute();
    expect(links).toHaveLength(winner % 3 === 0 ? 0 : 1);
  });

  it('resolves a case once when resolves race from one version', async () => {
    const kase = await newCase('Resolved twice');
    const { id } = await ingest();
    await env.api('analyst').post(`/api/v1/alerts/${id}/confirm`, { caseNumber: kase.number });
    const replies = await Promise.all(Array.from({ length: 6 }, () => resolve(kase.number, 1)));
    expect(statuses(replies)).toEqual([200, 412, 412, 412, 412, 412]);
    expectRefused(replies, 412, 'precondition_failed');
    expect(await auditCount('case.resolved', kase.number)).toBe(1);
    const row = await env.db
      .selectFrom('cases')
      .select(['version', 'statusCategory'])
      .where('workspaceId', '=', env.workspaceId)
      .where('number', '=', kase.number)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ version: 2, statusCategory: 'closed' });
    expect(await alertStatus(id)).toBe('resolved');
  });

  it('applies one of many If-Match edits of a case and of a task made on the same version', async () => {
    const kase = await newCase('Edited at once');
    const task = (
      await env.api('analyst').post(`/api/v1/cases/${kase.number}/tasks`, { title: 'Edited' })
    ).body;
    const priorities = ['low', 'high', 'critical', 'low', 'high', 'critical', 'low', 'high'];
    const [caseReplies, taskReplies] = await Promise.all([
      Promise.all(
        priorities.map((priority, i) =>
          env
            .api(i % 2 ? 'analyst' : 'investigator')
            .patch(`/api/v1/cases/${kase.number}`, { priority }, { 'if-match': '"1"' }),
        ),
      ),
      Promise.all(
        priorities.map((_, i) =>
          env
            .api(i % 2 ? 'analyst' : 'investigator')
            .patch(
              `/api/v1/cases/${kase.number}/tasks/${task.id}`,
              { title: `Title ${i}` },
              { 'if-match': `"${task.version}"` },
            ),
        ),
      ),
    ]);
    for (const replies of [caseReplies, taskReplies]) {
      expect(statuses(replies)).toEqual([200, ...Array(7).fill(412)]);
      expectRefused(replies, 412, 'precondition_failed');
    }
    const caseWinner = caseReplies.find((r) => r.status === 200)!;
    const taskWinner = taskReplies.find((r) => r.status === 200)!;
    const now = await env.api('viewer').get(`/api/v1/cases/${kase.number}`);
    expect(now.body).toMatchObject({ version: 2, priority: caseWinner.body.priority });
    const row = await env.db
      .selectFrom('tasks')
      .select(['title', 'version'])
      .where('id', '=', task.id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ title: taskWinner.body.title, version: task.version + 1 });
    expect(await auditCount('case.updated', kase.number)).toBe(1);
  });

  it('claims each alert of overlapping bulk confirms once, with one case link', async () => {
    const alerts = [];
    for (let i = 0; i < 6; i += 1) alerts.push((await ingest()).id);
    const target = await newCase('Bulk target');
    const sets = [alerts.slice(0, 3), alerts.slice(1, 4), alerts.slice(2, 5), alerts.slice(3, 6)];
    const replies = await Promise.all(
      sets.flatMap((alertIds, i) => [
        env.api('analyst').post('/api/v1/alerts/bulk-confirm', {
          alertIds,
          caseNumber: target.number,
        }),
        env.api('investigator').post('/api/v1/alerts/bulk-confirm', {
          alertIds,
          newCase: { title: `Bulk racer ${i}` },
        }),
      ]),
    );
    expect(replies.map((r) => r.status)).toEqual(Array(8).fill(200));
    const wins = replies.flatMap((r) =>
      (r.body.results as Array<{ id: number; ok: boolean }>).filter((x) => x.ok).map((x) => x.id),
    );
    expect(wins.sort((a, b) => a - b)).toEqual(alerts);
    for (const id of alerts) {
      const links = await env.db
        .selectFrom('caseLinks')
        .select('caseId')
        .where('kind', '=', 'alert')
        .where('refId', '=', id)
        .execute();
      expect(links, `alert ${id}`).toHaveLength(1);
      expect(await auditCount('alert.confirmed', id), `alert ${id}`).toBe(1);
      expect(await alertStatus(id)).toBe('confirmed');
    }
    // No racer that lost everything left an empty case behind.
    const racers = await env.db
      .selectFrom('cases')
      .select('id')
      .where('title', 'like', 'Bulk racer %')
      .execute();
    for (const { id } of racers) {
      const held = await env.db
        .selectFrom('caseLinks')
        .select('refId')
        .where('caseId', '=', id)
        .execute();
      expect(held.length, `case ${id}`).toBeGreaterThan(0);
    }
  });

  it('gives 50 concurrent creations 50 distinct consecutive numbers', async () => {
    const start = (await newCase('before')).number;
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        env.api(i % 2 ? 'analyst' : 'investigator').post('/api/v1/cases', { title: `Racer ${i}` }),
      ),
    );
    expect(results.map((r) => r.status)).toEqual(Array(50).fill(201));
    const numbers = results.map((r) => r.body.number as number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => start + 1 + i));
    const ws = await env.db
      .selectFrom('workspaces')
      .select('nextCaseNumber')
      .where('id', '=', env.workspaceId)
      .executeTakeFirstOrThrow();
    expect(ws.nextCaseNumber).toBe(start + 51);
  });

  it('leaves alert statuses by the lifecycle rule when links and unlinks race a resolve', async () => {
    for (let round = 0; round < 6; round += 1) {
      const resolved = await newCase(`Resolved in round ${round}`);
      const unlinked = await newCase(`Unlinked in round ${round}`);
      const linked = await newCase(`Linked in round ${round}`);
      const a = await ingest();
      const b = await ingest();
      const c = await ingest();
      for (const x of [a, b, c])
        await env.api('analyst').post(`/api/v1/alerts/${x.id}/confirm`, {
          caseNumber: resolved.number,
        });
      // a: also under an open case that lets it go; b: its incident goes to an open case;
      // c: only the resolved case covers it.
      await env.api('analyst').post(`/api/v1/cases/${unlinked.number}/links`, { alertIds: [a.id] });
      const replies = await Promise.all([
        resolve(resolved.number, 1),
        env.api('analyst').delete(`/api/v1/cases/${unlinked.number}/links/alert/${a.id}`),
        env
          .api('analyst')
          .post(`/api/v1/cases/${linked.number}/links`, { incidentIds: [b.incidentId] }),
      ]);
      expect(
        replies.map((r) => r.status),
        JSON.stringify(replies.map((r) => r.body)),
      ).toEqual([200, 204, 200]);
      const got = [await alertStatus(a.id), await alertStatus(b.id), await alertStatus(c.id)];
      const rule = [await statusByRule(a.id), await statusByRule(b.id), await statusByRule(c.id)];
      expect(got, `round ${round}`).toEqual(rule);
      expect(rule).toEqual(['resolved', 'confirmed', 'resolved']);
    }
  });
});
