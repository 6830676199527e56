import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AlertDetail } from '../../../contract/alerts.ts';
import { IncidentDetail, IncidentPage } from '../../../contract/incidents.ts';
import { WorkspaceSettings } from '../../../contract/settings.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

let seq = 0;
let day = 0;
// Each test works on its own day, far from the others' windows.
beforeEach(() => {
  day += 3;
});
const at = (hour: number) => new Date(Date.UTC(2026, 4, 1 + day, hour, seq % 60)).toISOString();
const person = (name: string) => ({
  email: `${name.toLowerCase().replace(/\s+/g, '.')}@corp.example`,
  name,
});

async function ingest(alerts: Array<Record<string, unknown>>) {
  const res = await env.api('ingest').post('/api/v1/alerts', {
    alerts: alerts.map((a) => ({
      source: 'edr',
      externalId: `corr-${(seq += 1)}`,
      title: 'Suspicious activity',
      severity: 'low',
      detectedAt: at(9),
      ...a,
    })),
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.results as Array<{ id: number; incidentId: number }>;
}
const alertOf = async (id: number) =>
  AlertDetail.parse((await env.api('viewer').get(`/api/v1/alerts/${id}`)).body);
const incidentOf = async (id: number) => {
  const res = await env.api('viewer').get(`/api/v1/incidents/${id}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return IncidentDetail.parse(res.body);
};
const setCorrelation = async (correlation: Record<string, unknown>) => {
  const res = await env.api('admin').patch('/api/v1/settings', { correlation });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return WorkspaceSettings.parse(res.body);
};

describe('why an alert is in its incident', () => {
  it('records the opening alert, the same subject, and the shared entity', async () => {
    const megan = person('Megan Bowen');
    const [first, second, third] = await ingest([
      { subject: megan, detectedAt: at(9), entities: [{ type: 'host', value: 'FIN-LT-042' }] },
      { subject: megan, detectedAt: at(10) },
      // No subject: it joins through the laptop, whatever case the source wrote it in.
      { detectedAt: at(11), entities: [{ type: 'HOST', value: 'fin-lt-042' }] },
    ]);
    expect(new Set([first!.incidentId, second!.incidentId, third!.incidentId]).size).toBe(1);
    expect((await alertOf(first!.id)).correlation).toEqual({ reason: 'opened' });
    expect((await alertOf(second!.id)).correlation).toEqual({ reason: 'subject' });
    expect((await alertOf(third!.id)).correlation).toEqual({
      reason: 'entity',
      entity: { type: 'host', value: 'fin-lt-042' },
    });
  });

  it('keeps a person with their own incident rather than another one sharing a value', async () => {
    const [a] = await ingest([
      {
        subject: person('Ann Lee'),
        detectedAt: at(9),
        entities: [{ type: 'ip', value: '10.1.1.1' }],
      },
    ]);
    const [b] = await ingest([{ subject: person('Bob Ray'), detectedAt: at(10) }]);
    // Bob's later alert shares Ann's address, but Bob already has an incident of his own.
    const [b2] = await ingest([
      {
        subject: person('Bob Ray'),
        detectedAt: at(11),
        entities: [{ type: 'ip', value: '10.1.1.1' }],
      },
    ]);
    expect(b2!.incidentId).toBe(b!.incidentId);
    expect(b2!.incidentId).not.toBe(a!.incidentId);
  });
});

describe('which values correlate', () => {
  it('does not group by process command lines or file names unless the workspace says so', async () => {
    const cmd = { type: 'process', value: 'powershell.exe -File inventory.ps1' };
    const file = { type: 'file', value: 'invoice.pdf' };
    const [a, b] = await ingest([
      { subject: person('Cara Diaz'), detectedAt: at(9), entities: [cmd, file] },
      { subject: person('Dan Moss'), detectedAt: at(10), entities: [cmd, file] },
    ]);
    expect(b!.incidentId).not.toBe(a!.incidentId);

    const saved = await setCorrelation({ entityTypes: ['host', 'Process'] });
    expect(saved.correlation.entityTypes).toEqual(['host', 'process']);
    try {
      // From now on: the values of alerts stored after the change.
      const [c, d] = await ingest([
        { subject: person('Eli Wong'), detectedAt: at(11), entities: [cmd] },
        { detectedAt: at(12), entities: [cmd] },
      ]);
      expect(d!.incidentId).toBe(c!.incidentId);
      expect((await alertOf(d!.id)).correlation).toEqual({
        reason: 'entity',
        entity: { type: 'process', value: cmd.value.toLowerCase() },
      });
    } finally {
      await setCorrelation({ entityTypes: ['host', 'ip', 'account', 'hash', 'url', 'domain'] });
    }
  });

  it('refuses a malformed setting and changes nothing', async () => {
    const before = (await env.api('viewer').get('/api/v1/settings')).body;
    for (const correlation of [
      { entityTypes: ['host', 'host'] },
      { entityTypes: ['no spaces'] },
      { commonValueSubjects: 0 },
      { commonValueSubjects: '5' },
    ]) {
      const res = await env.api('admin').patch('/api/v1/settings', { correlation });
      expect(res.status, JSON.stringify(correlation)).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
    expect((await env.api('viewer').get('/api/v1/settings')).body).toEqual(before);
    expect(
      (await env.api('analyst').patch('/api/v1/settings', { incidents: { autoResolve: true } }))
        .status,
    ).toBe(403);
  });

  it('knows a value the whole office shares as common, even on a day few people use it', async () => {
    // The file server appears with one person a day for a week: never more than five in a
    // correlation window, but seven over the days counted.
    const fileServer = { type: 'host', value: `nw-fs01-${seq}` };
    const base = Date.UTC(2026, 4, 1 + day);
    const on = (d: number, hour: number) => new Date(base + d * 86_400_000 + hour * 3_600_000);
    for (let d = 0; d < 7; d += 1)
      await ingest([
        {
          subject: person(`Office Worker ${d}`),
          detectedAt: on(d, 9).toISOString(),
          entities: [fileServer],
        },
      ]);
    day += 8;
    const [a, b] = await ingest([
      { subject: person('Nia Brook'), detectedAt: on(7, 9).toISOString(), entities: [fileServer] },
      { subject: person('Omar Lee'), detectedAt: on(7, 10).toISOString(), entities: [fileServer] },
    ]);
    expect(b!.incidentId).not.toBe(a!.incidentId);
    expect((await alertOf(b!.id)).correlation?.reason).toBe('opened');
  });

  it('stops a value seen with too many people from grouping, and splits what it joined', async () => {
    await setCorrelation({ commonValueSubjects: 2 });
    try {
      const egress = { type: 'ip', value: '198.51.100.24' };
      const [a1] = await ingest([
        { subject: person('Eve Stone'), detectedAt: at(8), entities: [egress] },
      ]);
      // Gil has no incident yet: through the shared address he joins Eve's.
      const [g1] = await ingest([
        {
          subject: person('Gil Hart'),
          detectedAt: at(9),
          severity: 'high',
          riskScore: 90,
          title: 'Credential dumping tool detected',
          entities: [egress],
        },
      ]);
      expect(g1!.incidentId).toBe(a1!.incidentId);
      const mixed = await incidentOf(a1!.incidentId);
      expect(mixed.subjects.map((s) => s.name)).toEqual(['Eve Stone', 'Gil Hart']);
      expect(mixed.title).toBe('Eve Stone and Gil Hart — Credential dumping tool detected');
      const [g2] = await ingest([{ subject: person('Gil Hart'), detectedAt: at(10) }]);
      expect(g2!.incidentId).toBe(a1!.incidentId);

      // A third person behind the same address: it is common now, and the incident is split.
      const [h1] = await ingest([
        { subject: person('Hal Price'), detectedAt: at(11), entities: [egress] },
      ]);
      expect(h1!.incidentId).not.toBe(a1!.incidentId);
      const eve = await incidentOf(a1!.incidentId);
      expect(eve.subjects.map((s) => s.name)).toEqual(['Eve Stone']);
      expect(eve.alertCount).toBe(1);
      expect(eve.severity).toBe('low');
      const gil = await alertOf(g1!.id);
      expect(gil.incidentId).not.toBe(a1!.incidentId);
      expect(gil.correlation).toEqual({ reason: 'opened' });
      expect((await alertOf(g2!.id)).incidentId).toBe(gil.incidentId);
      expect((await alertOf(g2!.id)).correlation).toEqual({ reason: 'subject' });
      const gilIncident = await incidentOf(gil.incidentId!);
      expect(gilIncident).toMatchObject({
        alertCount: 2,
        severity: 'high',
        title: 'Gil Hart — Credential dumping tool detected',
        subjectCount: 1,
      });
      const split = await env.db
        .selectFrom('auditEvents')
        .select(['targetId', 'after'])
        .where('action', '=', 'incident.split')
        .where('targetId', '=', String(a1!.incidentId))
        .execute();
      expect(split).toHaveLength(1);
      expect(JSON.parse(split[0]!.after!)).toMatchObject({
        commonValues: ['e:ip:198.51.100.24'],
        incidents: [
          { id: a1!.incidentId, alertIds: [a1!.id] },
          { id: gil.incidentId, alertIds: [g1!.id, g2!.id] },
        ],
      });
      // The incident queue's subject filter follows the split.
      const byGil = IncidentPage.parse(
        (await env.api('viewer').get(`/api/v1/incidents?subject=${gil.subject!.id}`)).body,
      );
      expect(byGil.items.map((i) => i.id)).toEqual([gil.incidentId]);
    } finally {
      await setCorrelation({ commonValueSubjects: 5 });
    }
  });

  it('keeps an incident already taken into a case whole', async () => {
    await setCorrelation({ commonValueSubjects: 2 });
    try {
      const proxy = { type: 'ip', value: '203.0.113.9' };
      const [a] = await ingest([
        { subject: person('Ivy Chen'), detectedAt: at(8), entities: [proxy] },
      ]);
      const [b] = await ingest([
        { subject: person('Jon Park'), detectedAt: at(9), entities: [proxy] },
      ]);
      expect(b!.incidentId).toBe(a!.incidentId);
      const kase = await env.api('analyst').post('/api/v1/cases', { title: 'Proxy' });
      const linked = await env
        .api('analyst')
        .post(`/api/v1/cases/${kase.body.number}/links`, { incidentIds: [a!.incidentId] });
      expect(linked.status, JSON.stringify(linked.body)).toBe(200);
      await ingest([{ subject: person('Kim Ross'), detectedAt: at(10), entities: [proxy] }]);
      const kept = await incidentOf(a!.incidentId);
      expect(kept.alertCount).toBe(2);
      expect(kept.subjectCount).toBe(2);
      const keys = await env.db
        .selectFrom('incidentKeys')
        .select('key')
        .where('incidentId', '=', a!.incidentId)
        .execute();
      expect(keys.map((k) => k.key)).not.toContain('e:ip:203.0.113.9');
    } finally {
      await setCorrelation({ commonValueSubjects: 5 });
    }
  });
});

describe('what an incident shows', () => {
  it('follows its most severe alert until someone renames it', async () => {
    const lea = person('Lea Voss');
    const [first] = await ingest([
      { subject: lea, detectedAt: at(8), title: 'Unfamiliar sign-in' },
    ]);
    await ingest([
      { subject: lea, detectedAt: at(9), title: 'USB copy', severity: 'high', riskScore: 70 },
    ]);
    await ingest([
      {
        subject: lea,
        detectedAt: at(10),
        title: 'Bigger USB copy',
        severity: 'high',
        riskScore: 80,
      },
    ]);
    const id = first!.incidentId;
    expect((await incidentOf(id)).title).toBe('Lea Voss — Bigger USB copy');
    const renamed = await env.api('analyst').patch(`/api/v1/incidents/${id}`, {
      title: 'Lea: departing employee',
    });
    expect(renamed.status, JSON.stringify(renamed.body)).toBe(200);
    await ingest([
      { subject: lea, detectedAt: at(11), title: 'Mass upload', severity: 'high', riskScore: 99 },
    ]);
    expect(await incidentOf(id)).toMatchObject({
      title: 'Lea: departing employee',
      titleCustom: true,
    });
  });

  it('lists the cases covering it through its alerts, and when it is ready to resolve', async () => {
    const [a, b] = await ingest([
      { subject: person('Max Ode'), detectedAt: at(8) },
      { subject: person('Max Ode'), detectedAt: at(9) },
    ]);
    const id = a!.incidentId;
    expect(await incidentOf(id)).toMatchObject({
      cases: [],
      needsReview: 2,
      readyToResolve: false,
    });
    const confirmed = await env
      .api('analyst')
      .post(`/api/v1/alerts/${a!.id}/confirm`, { newCase: { title: 'Max Ode' } });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    const number = confirmed.body.caseNumbers[0];
    expect((await incidentOf(id)).cases).toEqual([
      { number, title: 'Max Ode', closed: false, via: 'alerts' },
    ]);
    const inCase = IncidentPage.parse(
      (await env.api('viewer').get('/api/v1/incidents?linked=true&limit=200')).body,
    );
    expect(inCase.items.find((i) => i.id === id)?.caseNumbers).toEqual([number]);
    await env.api('analyst').post(`/api/v1/alerts/${b!.id}/dismiss`, {
      category: 'duplicate',
      reason: 'Same as the other',
    });
    expect(await incidentOf(id)).toMatchObject({ needsReview: 0, readyToResolve: false });
    const resolved = await env.api('analyst').post(`/api/v1/cases/${number}/resolve`, {
      classification: 'benign',
      reason: 'Approved transfer',
    });
    expect(resolved.status, JSON.stringify(resolved.body)).toBe(200);
    const ready = await incidentOf(id);
    expect(ready).toMatchObject({ status: 'active', readyToResolve: true });
    expect(ready.cases[0]!.closed).toBe(true);
  });

  it('resolves itself when the workspace says so', async () => {
    await env.api('admin').patch('/api/v1/settings', { incidents: { autoResolve: true } });
    try {
      const [a, b] = await ingest([
        { subject: person('Ned Frey'), detectedAt: at(8) },
        { subject: person('Ned Frey'), detectedAt: at(9) },
      ]);
      await env.api('analyst').post(`/api/v1/alerts/${a!.id}/dismiss`, {
        category: 'false_positive',
        reason: 'Test rule',
      });
      expect((await incidentOf(a!.incidentId)).status).toBe('active');
      await env.api('analyst').post(`/api/v1/alerts/${b!.id}/dismiss`, {
        category: 'false_positive',
        reason: 'Test rule',
      });
      const done = await incidentOf(a!.incidentId);
      expect(done.status).toBe('resolved');
      const audit = await env.db
        .selectFrom('auditEvents')
        .select(['action', 'actorId'])
        .where('targetType', '=', 'incident')
        .where('targetId', '=', String(a!.incidentId))
        .execute();
      expect(audit).toEqual([
        { action: 'incident.resolved_automatically', actorId: env.members.analyst.id },
      ]);
    } finally {
      await env.api('admin').patch('/api/v1/settings', { incidents: { autoResolve: false } });
    }
  });
});

describe('dismissal categories', () => {
  it('stores the category, filters by it, and counts it', async () => {
    const [a, b] = await ingest([
      { subject: person('Ola Berg'), detectedAt: at(8) },
      { subject: person('Ola Berg'), detectedAt: at(9) },
    ]);
    const before = (await env.api('viewer').get('/api/v1/alerts/dismissal-counts')).body.counts;
    const refused = await env.api('analyst').post(`/api/v1/alerts/${a!.id}/dismiss`, {
      category: 'maybe',
      reason: 'x',
    });
    expect(refused.status).toBe(400);
    expect((await alertOf(a!.id)).status).toBe('needs_review');
    const bulk = await env.api('analyst').post('/api/v1/alerts/bulk-dismiss', {
      alertIds: [a!.id, b!.id],
      category: 'benign_true_positive',
      reason: 'Approved backup to the team drive',
    });
    expect(bulk.status).toBe(200);
    expect((await alertOf(a!.id)).triage).toMatchObject({
      category: 'benign_true_positive',
      reason: 'Approved backup to the team drive',
    });
    const listed = await env
      .api('viewer')
      .get('/api/v1/alerts?dismissCategory=benign_true_positive&limit=200');
    expect(listed.body.items.map((i: { id: number }) => i.id)).toEqual(
      expect.arrayContaining([a!.id, b!.id]),
    );
    const after = (await env.api('viewer').get('/api/v1/alerts/dismissal-counts')).body.counts;
    expect(after.benign_true_positive).toBe(before.benign_true_positive + 2);
    expect(after.false_positive).toBe(before.false_positive);
  });
});
