import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiRoutes } from '../routes.ts';
import { createAccountAs, createTokenFor, loadActor } from '../modules/accounts/index.ts';
import { createWorkspace, systemActor } from '../modules/workspaces/index.ts';
import { fingerprint } from '../testing/fingerprint.ts';
import { client, PASSWORD, startTestEnv, type Client, type TestEnv } from '../testing/harness.ts';

// Attacks on alert ingestion. Covered next to ingestion itself: a batch over 1,000 alerts or
// with one invalid alert is refused whole, naming the index, and stores nothing; parallel
// redeliveries store one alert; a payload over 256 KB is refused
// (server/modules/alerts/ingest.test.ts); times far off (ingest-times.test.ts).
const LIMIT = 64 * 1024;
let env: TestEnv;
let seq = 0;

beforeAll(async () => {
  env = await startTestEnv({ CASEFILE_INGEST_BODY_LIMIT_BYTES: String(LIMIT) });
});
afterAll(() => env.close());

const alert = (extra: Record<string, unknown> = {}) => {
  seq += 1;
  return {
    source: 'edr',
    externalId: `attack-${seq}`,
    title: `Ingested ${seq}`,
    severity: 'medium',
    detectedAt: '2026-03-01T10:00:00Z',
    subject: { email: 'ingest.target@corp.example' },
    ...extra,
  };
};

/** An account of a new workspace with a token of the given scope. */
async function otherWorkspace(slug: string, scope: 'full' | 'ingest'): Promise<Client> {
  const ws = await createWorkspace(env.db, env.clock, `Other ${slug}`, slug);
  const account = await createAccountAs(env.db, env.clock, systemActor(ws), {
    email: `admin@${slug}.example`,
    name: `Admin ${slug}`,
    role: 'admin',
    password: PASSWORD,
  });
  const actor = await loadActor(env.db, account.id, 'token');
  return client(
    env.app,
    (await createTokenFor(env.db, env.clock, actor!, 'feed', { scope })).token,
  );
}

describe('ingestion under attack', () => {
  it('refuses a body over the ingestion limit with 413 and stores nothing', async () => {
    const before = await fingerprint(env.db);
    const alerts = Array.from({ length: 40 }, () => alert({ description: 'x'.repeat(2_000) }));
    const res = await env.api('ingest').post('/api/v1/alerts', { alerts });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({
      error: {
        code: 'too_large',
        message: 'The request body is too large',
        requestId: expect.any(String),
      },
    });
    expect(await fingerprint(env.db)).toEqual(before);
    // Under the limit the same kind of batch is stored.
    const fits = await env.api('ingest').post('/api/v1/alerts', { alerts: alerts.slice(0, 20) });
    expect(fits.status, JSON.stringify(fits.body).slice(0, 300)).toBe(200);
  });

  it('keeps the triage of an alert redelivered with changes, and stores no second alert', async () => {
    const first = alert({ severity: 'low' });
    const stored = (await env.api('ingest').post('/api/v1/alerts', first)).body.results[0];
    const dismissed = await env
      .api('analyst')
      .post(`/api/v1/alerts/${stored.id}/dismiss`, { category: 'false_positive', reason: 'Known' });
    expect(dismissed.status, JSON.stringify(dismissed.body)).toBe(200);
    const triage = async () =>
      env.db
        .selectFrom('alerts')
        .select(['status', 'triagedAt', 'triagedBy', 'dismissReason', 'incidentId'])
        .where('id', '=', stored.id)
        .executeTakeFirstOrThrow();
    const before = await triage();
    const changed = { ...first, severity: 'high', title: 'Escalated by the source' };
    const again = await env.api('ingest').post('/api/v1/alerts', changed);
    expect(again.status, JSON.stringify(again.body)).toBe(200);
    expect(again.body.results[0]).toMatchObject({ id: stored.id, created: false });
    expect(await triage()).toEqual(before);
    const rows = await env.db
      .selectFrom('alerts')
      .select('id')
      .where('source', '=', first.source)
      .where('externalId', '=', first.externalId)
      .execute();
    expect(rows).toHaveLength(1);
  });

  it("files another workspace's ingestion in that workspace only, whatever the alert says", async () => {
    const ours = alert();
    const ourId = (await env.api('ingest').post('/api/v1/alerts', ours)).body.results[0].id;
    const theirs = await otherWorkspace('ingest-elsewhere', 'ingest');
    // The same source and external id: a different alert, of theirs.
    const res = await theirs.post('/api/v1/alerts', { ...ours, title: 'Planted' });
    expect(res.status).toBe(200);
    expect(res.body.results[0].created).toBe(true);
    expect(res.body.results[0].id).not.toBe(ourId);
    const mine = await env.api('analyst').get(`/api/v1/alerts/${ourId}`);
    expect(mine.body.title).toBe(ours.title);
    const queue = await env.api('analyst').get('/api/v1/alerts?limit=200');
    expect(JSON.stringify(queue.body)).not.toContain('Planted');
    // Naming a workspace in the body is refused, not obeyed.
    const named = await theirs.post('/api/v1/alerts', { ...alert(), workspaceId: env.workspaceId });
    expect(named.status).toBe(400);
    expect(named.body.error.code).toBe('invalid_input');
  });

  it('lets an ingest-scope token of an admin reach the ingestion routes and nothing else', async () => {
    const feed = await otherWorkspace('ingest-only', 'ingest');
    const before = await fingerprint(env.db);
    const ingestion = new Set([
      'POST /api/v1/alerts',
      'POST /api/v1/alerts/ingest/:format',
      'POST /api/v1/activities',
    ]);
    const fill = (url: string) =>
      url
        .replace(':number', '1000')
        .replace(':kind', 'alert')
        .replace(':source', 'edr')
        .replace(/:\w+/g, '1');
    let tried = 0;
    for (const route of apiRoutes(env.config)) {
      if (route.auth === 'public' || ingestion.has(`${route.method} ${route.url}`)) continue;
      const method = route.method;
      const body = method === 'GET' || method === 'DELETE' ? undefined : {};
      const res = await feed.request(method, fill(route.url), body);
      const label = `${method} ${route.url}: ${JSON.stringify(res.body)}`;
      expect([401, 403], label).toContain(res.status);
      expect(res.body.error, label).toEqual(
        expect.objectContaining({ code: expect.any(String), requestId: expect.any(String) }),
      );
      tried += 1;
    }
    expect(tried).toBeGreaterThan(40);
    expect(await fingerprint(env.db)).toEqual(before);
  });
});
