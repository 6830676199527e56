import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../testing/fingerprint.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
let seq = 0;
beforeAll(async () => {
  env = await startTestEnv({
    CASEFILE_CORRELATION_WINDOW_HOURS: '24',
    CASEFILE_CORRELATION_MAX_ALERTS: '3',
  });
});
afterAll(() => env.close());

const ingest = async (o: Record<string, unknown>) => {
  const res = await env.api('ingest').post('/api/v1/alerts', {
    source: 'siem',
    externalId: `siem-${(seq += 1)}`,
    title: 'Rule hit',
    severity: 'low',
    detectedAt: '2026-03-01T00:00:00Z',
    ...o,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.results[0] as { id: number; incidentId: number };
};
const subject = (email: string) => ({ subject: { email } });

describe('correlation', () => {
  it('groups alerts of one subject within the window, and starts anew beyond it', async () => {
    const a = await ingest({ ...subject('ann@corp.example'), detectedAt: '2026-03-01T00:00:00Z' });
    const b = await ingest({
      ...subject('ann@corp.example'),
      detectedAt: '2026-03-01T23:00:00Z',
      severity: 'high',
    });
    const c = await ingest({ ...subject('ann@corp.example'), detectedAt: '2026-03-03T00:00:00Z' });
    expect(b.incidentId).toBe(a.incidentId);
    expect(c.incidentId).not.toBe(a.incidentId);
    const incident = await env.api('viewer').get(`/api/v1/incidents/${a.incidentId}`);
    expect(incident.body).toMatchObject({
      status: 'active',
      severity: 'high',
      alertCount: 2,
      subject: { email: 'ann@corp.example' },
      firstAlertAt: '2026-03-01T00:00:00.000Z',
      lastAlertAt: '2026-03-01T23:00:00.000Z',
    });
    expect(incident.body.alerts.map((x: { id: number }) => x.id)).toEqual([b.id, a.id]);
  });

  it("groups alerts of different subjects sharing an entity, and then their subjects' alerts", async () => {
    const host = { entities: [{ type: 'host', value: 'SRV-DB-01' }] };
    const a = await ingest({
      ...subject('bo@corp.example'),
      ...host,
      detectedAt: '2026-04-01T00:00:00Z',
    });
    const b = await ingest({
      ...subject('cy@corp.example'),
      ...host,
      detectedAt: '2026-04-01T05:00:00Z',
    });
    const c = await ingest({
      ...subject('cy@corp.example'),
      entities: [{ type: 'ip', value: 'SRV-DB-01' }],
      detectedAt: '2026-04-01T05:00:00Z',
    });
    expect(b.incidentId).toBe(a.incidentId);
    expect(c.incidentId).toBe(a.incidentId);
  });

  it('opens a new incident once one holds the maximum, also inside one batch', async () => {
    const res = await env.api('ingest').post('/api/v1/alerts', {
      alerts: Array.from({ length: 5 }, (_, i) => ({
        source: 'siem',
        externalId: `cap-${i}`,
        title: 'Repeated failed sign-in',
        severity: 'medium',
        detectedAt: `2026-05-01T0${i}:00:00Z`,
        subject: { email: 'dee@corp.example' },
      })),
    });
    const incidents = res.body.results.map((r: { incidentId: number }) => r.incidentId);
    expect(incidents[0]).toBe(incidents[2]);
    expect(incidents[3]).not.toBe(incidents[0]);
    expect(incidents[4]).toBe(incidents[3]);
  });

  it('closes a full incident to correlation and drops its keys, across batches', async () => {
    const alerts = [];
    for (let i = 0; i < 4; i += 1) {
      alerts.push(
        await ingest({
          ...subject('eve@corp.example'),
          entities: [{ type: 'host', value: 'WS-EVE' }],
          detectedAt: `2026-06-01T0${i}:00:00Z`,
        }),
      );
    }
    const [first, , third, fourth] = alerts.map((a) => a.incidentId);
    expect(third).toBe(first);
    expect(fourth).not.toBe(first);
    const keysOf = (id: number | undefined) =>
      env.db
        .selectFrom('incidentKeys')
        .select('key')
        .where('incidentId', '=', id!)
        .orderBy('key')
        .execute();
    expect(await keysOf(first)).toEqual([]);
    expect((await keysOf(fourth)).map((k) => k.key)).toEqual([
      'e:host:ws-eve',
      expect.stringMatching(/^s:\d+$/),
    ]);
    const full = await env.api('viewer').get(`/api/v1/incidents/${first}`);
    expect(full.body.alertCount).toBe(3);
  });

  it('does not join a resolved incident', async () => {
    const a = await ingest({ ...subject('eve@corp.example'), detectedAt: '2026-06-01T00:00:00Z' });
    const patched = await env.api('analyst').patch(`/api/v1/incidents/${a.incidentId}`, {
      status: 'resolved',
      title: 'Eve: benign',
      assigneeId: env.members.analyst.id,
    });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    expect(patched.body).toMatchObject({
      status: 'resolved',
      title: 'Eve: benign',
      assignee: { id: env.members.analyst.id },
    });
    const b = await ingest({ ...subject('eve@corp.example'), detectedAt: '2026-06-01T01:00:00Z' });
    expect(b.incidentId).not.toBe(a.incidentId);
    const audit = await env.db
      .selectFrom('auditEvents')
      .select(['action', 'after'])
      .where('action', '=', 'incident.updated')
      .execute();
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({
      status: 'resolved',
      title: 'Eve: benign',
    });
    const listed = await env
      .api('viewer')
      .get(`/api/v1/incidents?status=resolved&assignee=${env.members.analyst.id}`);
    expect(listed.body.items.map((i: { id: number }) => i.id)).toEqual([a.incidentId]);
  });

  it('pages incidents with a cursor and refuses guests and viewers where due', async () => {
    const first = await env.api('viewer').get('/api/v1/incidents?limit=2');
    expect(first.body.items).toHaveLength(2);
    const next = await env
      .api('viewer')
      .get(`/api/v1/incidents?limit=2&cursor=${first.body.nextCursor}`);
    expect(next.body.items[0].id).not.toBe(first.body.items[1].id);
    expect((await env.api('guest').get('/api/v1/incidents')).status).toBe(403);
    expect(
      (await env.api('viewer').patch(`/api/v1/incidents/${first.body.items[0].id}`, { title: 'x' }))
        .status,
    ).toBe(403);
  });
});

describe('editing an incident', () => {
  it('answers 412 to a change made on a stale version, and changes nothing', async () => {
    const a = await ingest({ ...subject('hal@corp.example'), detectedAt: '2026-08-01T00:00:00Z' });
    const url = `/api/v1/incidents/${a.incidentId}`;
    const read = await env.api('viewer').get(url);
    expect(read.headers.etag).toBe('"1"');
    expect(read.body.version).toBe(1);
    const first = await env
      .api('analyst')
      .patch(url, { title: 'Hal: mass download' }, { 'if-match': '"1"' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    expect(first.headers.etag).toBe('"2"');
    expect(first.body).toMatchObject({ title: 'Hal: mass download', version: 2 });
    const before = await fingerprint(env.db);
    const stale = await env
      .api('investigator')
      .patch(url, { status: 'resolved' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(stale.body.error.code).toBe('precondition_failed');
    expect(await fingerprint(env.db)).toEqual(before);
    const unchanged = await env.api('analyst').patch(url, { title: 'Hal: mass download' });
    expect(unchanged.body.version).toBe(2);
    const resolved = await env
      .api('investigator')
      .patch(url, { status: 'resolved' }, { 'if-match': '"2"' });
    expect(resolved.body).toMatchObject({ status: 'resolved', version: 3 });
  });

  it('edits an incident while a batch grows it, neither failing', async () => {
    for (let round = 0; round < 15; round += 1) {
      const email = `race${round}@corp.example`;
      const a = await ingest({ ...subject(email), detectedAt: '2026-10-01T00:00:00Z' });
      const [grown, edited] = await Promise.all([
        ingest({ ...subject(email), detectedAt: '2026-10-01T01:00:00Z' }),
        env.api('analyst').patch(`/api/v1/incidents/${a.incidentId}`, { title: `Race ${round}` }),
      ]);
      expect(grown.incidentId).toBe(a.incidentId);
      expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    }
  });

  it('keeps the version when correlation adds alerts', async () => {
    const a = await ingest({ ...subject('ida@corp.example'), detectedAt: '2026-09-01T00:00:00Z' });
    await ingest({ ...subject('ida@corp.example'), detectedAt: '2026-09-01T01:00:00Z' });
    const read = await env.api('viewer').get(`/api/v1/incidents/${a.incidentId}`);
    expect(read.body).toMatchObject({ alertCount: 2, version: 1 });
  });
});

describe('case links', () => {
  it('links and unlinks alerts and incidents without changing them, each change audited on the case', async () => {
    const x = await ingest({ ...subject('fay@corp.example'), detectedAt: '2026-07-01T00:00:00Z' });
    const y = await ingest({ ...subject('fay@corp.example'), detectedAt: '2026-07-01T01:00:00Z' });
    const lone = await ingest({
      ...subject('gil@corp.example'),
      detectedAt: '2026-07-01T00:00:00Z',
    });
    const kase = await env.api('analyst').post('/api/v1/cases', { title: 'Fay and Gil' });
    const number = kase.body.number;
    const linked = await env.api('analyst').post(`/api/v1/cases/${number}/links`, {
      incidentIds: [x.incidentId],
      alertIds: [lone.id, y.id],
    });
    expect(linked.status, JSON.stringify(linked.body)).toBe(200);
    expect(linked.body.incidents.map((i: { id: number }) => i.id)).toEqual([x.incidentId]);
    expect(linked.body.alerts).toHaveLength(2);
    expect((await env.api('viewer').get(`/api/v1/cases/${number}`)).body.alertCount).toBe(3);
    const inCase = await env
      .api('viewer')
      .get(`/api/v1/alerts?case=${number}&sort=detectedAt&order=asc`);
    expect(inCase.body.items.map((a: { id: number }) => a.id).sort()).toEqual(
      [x.id, y.id, lone.id].sort(),
    );
    const again = await env
      .api('analyst')
      .post(`/api/v1/cases/${number}/links`, { alertIds: [lone.id] });
    expect(again.status).toBe(200);
    const gone = await env
      .api('analyst')
      .delete(`/api/v1/cases/${number}/links/incident/${x.incidentId}`);
    expect(gone.status).toBe(204);
    expect((await env.api('viewer').get(`/api/v1/cases/${number}`)).body.alertCount).toBe(2);
    expect((await env.api('viewer').get(`/api/v1/incidents/${x.incidentId}`)).body.alertCount).toBe(
      2,
    );
    const activity = await env.api('viewer').get(`/api/v1/cases/${number}/activity`);
    const actions = activity.body.items.map((i: { action?: string }) => i.action);
    expect(actions.filter((a: string | undefined) => a === 'case.linked')).toHaveLength(1);
    expect(actions).toContain('case.unlinked');
    const before = await fingerprint(env.db);
    expect(
      (await env.api('analyst').delete(`/api/v1/cases/${number}/links/incident/${x.incidentId}`))
        .status,
    ).toBe(404);
    const bad = await env
      .api('analyst')
      .post(`/api/v1/cases/${number}/links`, { alertIds: [999999] });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details[0].path).toBe('body.alertIds.0');
    expect(await fingerprint(env.db)).toEqual(before);
  });
});
