import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../../testing/fingerprint.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

let seq = 0;
const alert = (overrides: Record<string, unknown> = {}) => ({
  source: 'dlp',
  externalId: `dlp-${(seq += 1)}`,
  title: 'Upload of customer list to personal cloud storage',
  description: 'customers.xlsx uploaded to drive.example.net',
  severity: 'high',
  riskScore: 82,
  detectedAt: '2026-03-01T10:00:00Z',
  subject: {
    email: 'Jane.Doe@corp.example',
    name: 'Jane Doe',
    department: 'Finance',
    manager: 'Sam Boss',
    jobTitle: 'Accountant',
  },
  entities: [{ type: 'host', value: 'LT-0042' }],
  events: [{ action: 'upload', file: 'customers.xlsx', bytes: 182000 }],
  payload: { vendor: { id: 77, rule: 'Customer data' } },
  ...overrides,
});
const ingest = (body: unknown) => env.api('ingest').post('/api/v1/alerts', body);

describe('alert ingestion', () => {
  it('stores one alert with its subject, entities, events and payload', async () => {
    const res = await ingest(alert({ externalId: 'one-1' }));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toMatchObject({ created: 1, duplicates: 0 });
    const [result] = res.body.results;
    expect(result).toMatchObject({ created: true, id: expect.any(Number) });
    const got = await env.api('viewer').get(`/api/v1/alerts/${result.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({
      source: 'dlp',
      externalId: 'one-1',
      severity: 'high',
      riskScore: 82,
      status: 'needs_review',
      detectedAt: '2026-03-01T10:00:00.000Z',
      subject: { name: 'Jane Doe', email: 'jane.doe@corp.example' },
      entities: [{ type: 'host', value: 'LT-0042' }],
      events: [{ action: 'upload', file: 'customers.xlsx', bytes: 182000 }],
      payload: { vendor: { id: 77, rule: 'Customer data' } },
      incidentId: expect.any(Number),
      triage: null,
      caseNumbers: [],
    });
    const subject = await env.api('viewer').get(`/api/v1/subjects/${got.body.subject.id}`);
    expect(subject.body).toMatchObject({
      department: 'Finance',
      manager: 'Sam Boss',
      jobTitle: 'Accountant',
      riskScore: 82,
      alertCount: 1,
    });
    const audit = await env.db
      .selectFrom('auditEvents')
      .selectAll()
      .where('action', '=', 'alerts.ingested')
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.after!).alertIds).toEqual([result.id]);
  });

  it('stores exactly one row for 20 parallel redeliveries of one alert', async () => {
    const body = alert({ externalId: 'redelivered-7' });
    const replies = await Promise.all(Array.from({ length: 20 }, () => ingest(body)));
    expect(replies.map((r) => r.status)).toEqual(new Array(20).fill(200));
    const ids = new Set(replies.map((r) => r.body.results[0].id));
    expect(ids.size).toBe(1);
    expect(replies.filter((r) => r.body.results[0].created)).toHaveLength(1);
    const rows = await env.db
      .selectFrom('alerts')
      .select('id')
      .where('externalId', '=', 'redelivered-7')
      .execute();
    expect(rows).toHaveLength(1);
    const before = await fingerprint(env.db);
    expect((await ingest(body)).body).toMatchObject({ created: 0, duplicates: 1 });
    expect(await fingerprint(env.db)).toEqual(before);
  });

  it('refuses a whole batch with one invalid alert, naming each problem, and stores nothing', async () => {
    const before = await fingerprint(env.db);
    const alerts = [
      alert(),
      alert(),
      alert(),
      alert({ severity: 'urgent' }),
      alert({ riskScore: 101 }),
    ];
    const res = await ingest({ alerts });
    expect(res.status).toBe(400);
    const paths = res.body.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(['body.alerts.3.severity', 'body.alerts.4.riskScore']);
    expect(await fingerprint(env.db)).toEqual(before);
  });

  it('answers a batch item by item, an alert repeated inside it created once', async () => {
    const a = alert({ externalId: 'batch-a' });
    const b = alert({ externalId: 'batch-b', subject: { upn: 'omar@corp.example' } });
    const res = await ingest({ alerts: [a, b, a] });
    expect(res.status).toBe(200);
    expect(res.body.created).toBe(2);
    expect(res.body.results.map((r: { created: boolean }) => r.created)).toEqual([
      true,
      true,
      false,
    ]);
    expect(res.body.results[2].id).toBe(res.body.results[0].id);
  });

  it('refuses a payload over 256 KB, a batch over 1,000 and a subject without e-mail or UPN', async () => {
    const big = await ingest(alert({ payload: { blob: 'x'.repeat(262_200) } }));
    expect(big.status).toBe(400);
    expect(big.body.error.details[0].path).toBe('body.alerts.0.payload');
    const many = await ingest({ alerts: Array.from({ length: 1001 }, () => alert()) });
    expect(many.status).toBe(400);
    const anon = await ingest(alert({ subject: { name: 'Nobody' } }));
    expect(anon.body.error.details[0].path).toBe('body.alerts.0.subject');
    expect((await ingest({ alerts: [] })).status).toBe(400);
    expect((await ingest(alert({ colour: 'red' }))).status).toBe(400);
  });

  it('accepts a batch of 1,000 over the default 1 MiB body limit, in one transaction', async () => {
    const alerts = Array.from({ length: 1000 }, (_, i) =>
      alert({
        externalId: `bulk-${i}`,
        description: 'd'.repeat(1500),
        subject: { email: `person${i % 50}@corp.example`, name: `Person ${i % 50}` },
        entities: [{ type: 'ip', value: `10.0.${i % 7}.${i % 50}` }],
      }),
    );
    expect(JSON.stringify({ alerts }).length).toBeGreaterThan(1024 * 1024);
    const started = performance.now();
    const res = await ingest({ alerts });
    const ms = performance.now() - started;
    expect(res.status, JSON.stringify(res.body).slice(0, 500)).toBe(200);
    expect(res.body.created).toBe(1000);
    console.info(`ingested 1,000 alerts through HTTP in ${ms.toFixed(0)} ms`);
  });
});
