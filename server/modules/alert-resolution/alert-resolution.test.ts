import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../testing/fingerprint.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';
import { injectFailure } from '../../testing/inject-failure.ts';

let env: TestEnv;
let seq = 0;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

/** An alert waiting for review; alerts of one subject share an incident. */
const ingest = async (email: string): Promise<{ id: number; incidentId: number }> => {
  seq += 1;
  const res = await env.api('ingest').post('/api/v1/alerts', {
    source: 'dlp',
    externalId: `res-${seq}`,
    title: `Upload to personal cloud ${seq}`,
    severity: 'high',
    detectedAt: '2026-03-01T08:00:00Z',
    subject: { email },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.results[0];
};
const ok = <T extends { status: number; body: unknown }>(res: T, status = 200): T => {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  return res;
};
const confirmNew = async (id: number, title: string): Promise<number> =>
  ok(await env.api('analyst').post(`/api/v1/alerts/${id}/confirm`, { newCase: { title } })).body
    .caseNumbers[0];
const confirmInto = async (id: number, caseNumber: number) =>
  ok(await env.api('analyst').post(`/api/v1/alerts/${id}/confirm`, { caseNumber }));
const openCase = async (title: string): Promise<number> =>
  ok(await env.api('analyst').post('/api/v1/cases', { title }), 201).body.number;
const resolve = async (number: number) =>
  ok(
    await env
      .api('analyst')
      .post(`/api/v1/cases/${number}/resolve`, { classification: 'benign', reason: 'Done' }),
  );
const reopen = async (number: number) =>
  ok(await env.api('analyst').post(`/api/v1/cases/${number}/reopen`, { reason: 'More to do' }));
const link = async (number: number, body: { alertIds?: number[]; incidentIds?: number[] }) =>
  ok(await env.api('analyst').post(`/api/v1/cases/${number}/links`, body));
const setIncident = async (id: number, status: 'active' | 'resolved') =>
  ok(await env.api('analyst').patch(`/api/v1/incidents/${id}`, { status }));
const statuses = async (ids: number[]) => {
  const rows = await env.db
    .selectFrom('alerts')
    .select(['id', 'status'])
    .where('id', 'in', ids)
    .execute();
  return ids.map((id) => rows.find((r) => r.id === id)?.status);
};
/** The alerts.* events recorded since `afterSeq`, with what they name. */
const resolutionEvents = async (afterSeq: number) =>
  (
    await env.db
      .selectFrom('auditEvents')
      .leftJoin('cases', 'cases.id', 'auditEvents.caseId')
      .select([
        'auditEvents.action',
        'auditEvents.targetType',
        'auditEvents.targetId',
        'auditEvents.after',
        'cases.number',
      ])
      .where('auditEvents.seq', '>', afterSeq)
      .where('auditEvents.action', 'like', 'alerts.%')
      .orderBy('auditEvents.seq')
      .execute()
  ).map((e) => ({
    action: e.action,
    target: `${e.targetType} ${e.targetId}`,
    caseNumber: e.number,
    alertIds: (JSON.parse(e.after!) as { alertIds: number[] }).alertIds,
  }));
const headSeq = async () =>
  (await env.db.selectFrom('auditHeads').select('seq').executeTakeFirstOrThrow()).seq;

describe('resolving and reopening cases', () => {
  it('resolves the confirmed alerts a case covers once no open case covers them', async () => {
    const a1 = await ingest('ann@corp.example');
    const a2 = await ingest('ann@corp.example');
    const waiting = await ingest('ann@corp.example');
    const dismissed = await ingest('ann@corp.example');
    expect(new Set([a2.incidentId, waiting.incidentId, dismissed.incidentId])).toEqual(
      new Set([a1.incidentId]),
    );
    const main = await confirmNew(a1.id, 'Ann: exfiltration');
    const side = await confirmNew(a2.id, 'Ann: second look');
    await link(main, { incidentIds: [a1.incidentId] });
    ok(
      await env.api('analyst').post(`/api/v1/alerts/${dismissed.id}/dismiss`, {
        category: 'benign_true_positive',
        reason: 'Backup job',
      }),
    );
    const ids = [a1.id, a2.id, waiting.id, dismissed.id];

    const seq0 = await headSeq();
    await resolve(side);
    // a2 is still covered by the open case `main`, through its incident.
    expect(await statuses(ids)).toEqual(['confirmed', 'confirmed', 'needs_review', 'dismissed']);
    expect(await resolutionEvents(seq0)).toEqual([]);

    const seq1 = await headSeq();
    await resolve(main);
    expect(await statuses(ids)).toEqual(['resolved', 'resolved', 'needs_review', 'dismissed']);
    expect(await resolutionEvents(seq1)).toEqual([
      {
        action: 'alerts.resolved',
        target: `case ${main}`,
        caseNumber: main,
        alertIds: [a1.id, a2.id].sort((x, y) => x - y),
      },
    ]);
    const queue = await env.api('viewer').get(`/api/v1/alerts?status=resolved&case=${main}`);
    expect(queue.body.items.map((a: { id: number }) => a.id).sort()).toEqual([a1.id, a2.id].sort());
    expect((await env.api('viewer').get(`/api/v1/alerts/${a1.id}`)).body).toMatchObject({
      status: 'resolved',
      triage: { by: { id: env.members.analyst.id } },
    });
    const feed = await env.api('viewer').get(`/api/v1/cases/${main}/activity?kind=audit`);
    expect(feed.body.items.map((i: { action: string }) => i.action).slice(0, 2)).toEqual([
      'alerts.resolved',
      'case.resolved',
    ]);

    // Reopening `side` brings back only the alert it covers; `main` stays closed for a1.
    const seq2 = await headSeq();
    await reopen(side);
    expect(await statuses(ids)).toEqual(['resolved', 'confirmed', 'needs_review', 'dismissed']);
    expect(await resolutionEvents(seq2)).toEqual([
      { action: 'alerts.reopened', target: `case ${side}`, caseNumber: side, alertIds: [a2.id] },
    ]);
    const seq3 = await headSeq();
    await reopen(main);
    expect(await statuses(ids)).toEqual(['confirmed', 'confirmed', 'needs_review', 'dismissed']);
    expect(await resolutionEvents(seq3)).toEqual([
      { action: 'alerts.reopened', target: `case ${main}`, caseNumber: main, alertIds: [a1.id] },
    ]);
  });

  it('changes nothing when resolving or reopening is refused', async () => {
    const a = await ingest('bea@corp.example');
    const number = await confirmNew(a.id, 'Bea: refused');
    const before = await fingerprint(env.db);
    const body = { classification: 'benign', reason: 'Done' };
    expect((await env.api('viewer').post(`/api/v1/cases/${number}/resolve`, body)).status).toBe(
      403,
    );
    expect(
      (
        await env
          .api('analyst')
          .post(`/api/v1/cases/${number}/resolve`, body, { 'if-match': '"0"' })
      ).status,
    ).toBe(412);
    expect(
      (await env.api('analyst').post(`/api/v1/cases/${number}/reopen`, { reason: 'x' })).status,
    ).toBe(409);
    expect(await fingerprint(env.db)).toEqual(before);
    expect(await statuses([a.id])).toEqual(['confirmed']);
  });

  it('resolves the case and its alerts together or not at all', async () => {
    const a = await ingest('cal@corp.example');
    const number = await confirmNew(a.id, 'Cal: all or nothing');
    const restore = await injectFailure(
      env.db,
      'alerts',
      'update',
      `new.id = ${a.id} and new.status = 'resolved'`,
    );
    const before = await fingerprint(env.db);
    try {
      const res = await env
        .api('analyst')
        .post(`/api/v1/cases/${number}/resolve`, { classification: 'benign', reason: 'Done' });
      expect(res.status).toBe(500);
      expect(await fingerprint(env.db)).toEqual(before);
    } finally {
      await restore();
    }
    const kase = await env.api('viewer').get(`/api/v1/cases/${number}`);
    expect(kase.body.resolution).toBeNull();
    await resolve(number);
    expect(await statuses([a.id])).toEqual(['resolved']);
  });

  it('resolves an alert shared by two cases resolved at the same time', async () => {
    for (let round = 0; round < 3; round += 1) {
      const a = await ingest(`dan${round}@corp.example`);
      const first = await confirmNew(a.id, `Dan ${round}: first`);
      const second = await openCase(`Dan ${round}: second`);
      await link(second, { alertIds: [a.id] });
      await Promise.all([resolve(first), resolve(second)]);
      expect(await statuses([a.id])).toEqual(['resolved']);
    }
  });
});

describe('incidents, links and triage', () => {
  it('resolves with its incident the confirmed alerts no open case covers, and back', async () => {
    const inCase = await ingest('eve@corp.example');
    const loose = await ingest('eve@corp.example');
    const waiting = await ingest('eve@corp.example');
    const incident = inCase.incidentId;
    const open = await confirmNew(inCase.id, 'Eve: open case');
    const gone = await confirmNew(loose.id, 'Eve: unlinked');
    ok(await env.api('analyst').delete(`/api/v1/cases/${gone}/links/alert/${loose.id}`), 204);
    const ids = [inCase.id, loose.id, waiting.id];

    const seq0 = await headSeq();
    await setIncident(incident, 'resolved');
    expect(await statuses(ids)).toEqual(['confirmed', 'resolved', 'needs_review']);
    expect(await resolutionEvents(seq0)).toEqual([
      {
        action: 'alerts.resolved',
        target: `incident ${incident}`,
        caseNumber: null,
        alertIds: [loose.id],
      },
    ]);
    await resolve(open);
    expect(await statuses(ids)).toEqual(['resolved', 'resolved', 'needs_review']);

    // Reactivated, the incident takes back only what no closed case concluded.
    const seq1 = await headSeq();
    await setIncident(incident, 'active');
    expect(await statuses(ids)).toEqual(['resolved', 'confirmed', 'needs_review']);
    expect(await resolutionEvents(seq1)).toEqual([
      {
        action: 'alerts.reopened',
        target: `incident ${incident}`,
        caseNumber: null,
        alertIds: [loose.id],
      },
    ]);
    const before = await fingerprint(env.db);
    expect(
      (await env.api('viewer').patch(`/api/v1/incidents/${incident}`, { status: 'resolved' }))
        .status,
    ).toBe(403);
    expect(await fingerprint(env.db)).toEqual(before);
  });

  it('confirms a resolved alert linked to an open case, and resolves it when unlinked', async () => {
    const a = await ingest('fin@corp.example');
    const closed = await confirmNew(a.id, 'Fin: concluded');
    await resolve(closed);
    const fresh = await openCase('Fin: new lead');
    const seq0 = await headSeq();
    await link(fresh, { alertIds: [a.id] });
    expect(await statuses([a.id])).toEqual(['confirmed']);
    ok(await env.api('analyst').delete(`/api/v1/cases/${fresh}/links/alert/${a.id}`), 204);
    expect(await statuses([a.id])).toEqual(['resolved']);
    expect(await resolutionEvents(seq0)).toEqual([
      { action: 'alerts.reopened', target: `case ${fresh}`, caseNumber: fresh, alertIds: [a.id] },
      { action: 'alerts.resolved', target: `case ${fresh}`, caseNumber: fresh, alertIds: [a.id] },
    ]);
  });

  it('resolves at once an alert confirmed into a closed case', async () => {
    const done = await ingest('gus@corp.example');
    const late = await ingest('gus@corp.example');
    const number = await confirmNew(done.id, 'Gus: concluded');
    await resolve(number);
    const seq0 = await headSeq();
    const res = await confirmInto(late.id, number);
    expect(res.body).toMatchObject({ status: 'resolved', caseNumbers: [number] });
    expect(await resolutionEvents(seq0)).toEqual([
      {
        action: 'alerts.resolved',
        target: `case ${number}`,
        caseNumber: number,
        alertIds: [late.id],
      },
    ]);
  });
});
