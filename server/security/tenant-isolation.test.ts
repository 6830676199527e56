import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAccountAs, createTokenFor, loadActor } from '../modules/accounts/index.ts';
import { createWorkspace, systemActor } from '../modules/workspaces/index.ts';
import { client, roles, startTestEnv, type Client, type TestEnv } from '../testing/harness.ts';

// Another tenant's data, marked with a canary string, must never reach this workspace: no
// listing, search, count or detail shows it, and no write reaches it.
const CANARY = 'canary7f3e9d';
let env: TestEnv;
let other: Client;
const theirs = { alert: 0, incident: 0, subject: 0, account: 0, view: 0, case: 0, status: 0 };

beforeAll(async () => {
  env = await startTestEnv();
  // Names shown: the test searches the other tenant's people by name.
  const ws = await createWorkspace(env.db, env.clock, `Tenant ${CANARY}`, `tenant-${CANARY}`, {
    pseudonymise: false,
  });
  const admin = await createAccountAs(env.db, env.clock, systemActor(ws), {
    email: `admin.${CANARY}@tenant.example`,
    name: `Admin ${CANARY}`,
    role: 'admin',
    password: 'correct horse battery staple',
  });
  const actor = await loadActor(env.db, admin.id, 'token');
  other = client(
    env.app,
    (await createTokenFor(env.db, env.clock, actor!, `token ${CANARY}`)).token,
    env.db,
  );
  theirs.account = admin.id;
  const ingested = await other.post('/api/v1/alerts', {
    source: `source-${CANARY}`,
    externalId: `ext-${CANARY}`,
    title: `Exfiltration ${CANARY}`,
    severity: 'high',
    detectedAt: '2026-03-01T10:00:00Z',
    subject: { email: `person.${CANARY}@tenant.example`, name: `Person ${CANARY}` },
    entities: [{ type: 'host', value: `host-${CANARY}` }],
  });
  expect(ingested.status, JSON.stringify(ingested.body)).toBe(200);
  theirs.alert = ingested.body.results[0].id;
  theirs.incident = ingested.body.results[0].incidentId;
  const kase = await other.post('/api/v1/cases', {
    title: `Case ${CANARY}`,
    description: `Description ${CANARY}`,
    tags: [CANARY],
  });
  expect(kase.status).toBe(201);
  theirs.case = kase.body.id;
  theirs.status = kase.body.status.id;
  await other.post(`/api/v1/cases/${kase.body.number}/comments`, { body: `Comment ${CANARY}` });
  await other.post(`/api/v1/cases/${kase.body.number}/tasks`, { title: `Task ${CANARY}` });
  await other.post(`/api/v1/cases/${kase.body.number}/links`, { alertIds: [theirs.alert] });
  const view = await other.post('/api/v1/views', {
    name: `View ${CANARY}`,
    shared: true,
    filters: {},
    columns: [],
    sort: 'updatedAt:desc',
  });
  theirs.view = view.body.id;
  theirs.subject = (await other.get(`/api/v1/alerts/${theirs.alert}`)).body.subject.id;
  // The canary is where a scan would find it: in the other workspace's own answers.
  for (const url of [`/api/v1/cases?q=${CANARY}`, `/api/v1/alerts?q=${CANARY}`, '/api/v1/views'])
    expect(JSON.stringify((await other.get(url)).body), url).toContain(CANARY);
  // Something of this workspace too, so lists are not trivially empty.
  await env.api('analyst').post('/api/v1/cases', { title: 'Ours' });
});
afterAll(() => env.close());

const lists = [
  '/api/v1/cases?limit=200&total=true',
  `/api/v1/cases?q=${CANARY}`,
  '/api/v1/alerts?limit=200&total=true',
  `/api/v1/alerts?q=${CANARY}`,
  `/api/v1/alerts?q=person.${CANARY}`,
  '/api/v1/alerts/sources',
  '/api/v1/alerts/dismissal-counts',
  '/api/v1/incidents?limit=200&total=true',
  '/api/v1/subjects?limit=200',
  `/api/v1/subjects?q=${CANARY}`,
  '/api/v1/accounts',
  '/api/v1/roles',
  '/api/v1/views',
  '/api/v1/case-statuses',
  '/api/v1/tokens',
  '/api/v1/me',
  '/api/v1/settings',
];

describe('tenant isolation', () => {
  for (const role of roles) {
    it(`shows a ${role} nothing of another workspace`, async () => {
      const api = env.api(role);
      for (const url of lists) {
        const res = await api.get(url);
        // Answered (or refused to this role), never refused as malformed: the scan must look.
        expect([200, 403], `${role} GET ${url}`).toContain(res.status);
        expect(JSON.stringify(res.body), `${role} GET ${url}`).not.toContain(CANARY);
      }
      const details = [
        `/api/v1/alerts/${theirs.alert}`,
        `/api/v1/incidents/${theirs.incident}`,
        `/api/v1/subjects/${theirs.subject}`,
        `/api/v1/accounts/${theirs.account}`,
        `/api/v1/views/${theirs.view}`,
        `/api/v1/alerts?incident=${theirs.incident}`,
        `/api/v1/incidents?subject=${theirs.subject}`,
      ];
      for (const url of details) {
        const res = await api.get(url);
        expect(JSON.stringify(res.body), `${role} GET ${url}`).not.toContain(CANARY);
        if (res.status !== 200) expect([403, 404], `${role} GET ${url}`).toContain(res.status);
      }
    });
  }

  it('lets no write of this workspace reach the other one', async () => {
    const admin = env.api('admin');
    const ours = (await admin.post('/api/v1/cases', { title: 'Ours to link' })).body.number;
    const attempts: Array<[string, string, unknown]> = [
      ['POST', `/api/v1/alerts/${theirs.alert}/dismiss`, { category: 'other', reason: 'x' }],
      ['POST', `/api/v1/alerts/${theirs.alert}/confirm`, { caseNumber: ours }],
      [
        'POST',
        '/api/v1/alerts/bulk-dismiss',
        { alertIds: [theirs.alert], category: 'other', reason: 'x' },
      ],
      ['PATCH', `/api/v1/incidents/${theirs.incident}`, { title: 'Taken over' }],
      [
        'POST',
        `/api/v1/cases/${ours}/links`,
        { alertIds: [theirs.alert], incidentIds: [theirs.incident] },
      ],
      ['PUT', `/api/v1/cases/${ours}/contributors/${theirs.account}`, undefined],
      ['PATCH', `/api/v1/accounts/${theirs.account}`, { disabled: true }],
      ['PATCH', `/api/v1/views/${theirs.view}`, { name: 'Taken over' }],
      ['DELETE', `/api/v1/views/${theirs.view}`, undefined],
      ['PATCH', `/api/v1/cases/${ours}`, { statusId: theirs.status }],
      ['POST', '/api/v1/cases', { title: 'Focus on theirs', subjectId: theirs.subject }],
    ];
    for (const [method, url, body] of attempts) {
      const res = await admin.request(
        method,
        url,
        body,
        method === 'PATCH' && url.includes('/incidents/') ? { 'if-match': '"1"' } : undefined,
      );
      if (url.endsWith('/bulk-dismiss')) {
        // A bulk answer reports each alert: theirs is not found here.
        expect(res.body.results, url).toEqual([
          expect.objectContaining({ id: theirs.alert, ok: false }),
        ]);
        continue;
      }
      expect(res.status, `${method} ${url}: ${JSON.stringify(res.body)}`).toBeGreaterThanOrEqual(
        400,
      );
      expect(res.status, `${method} ${url}`).toBeLessThan(500);
    }
    const alert = (await other.get(`/api/v1/alerts/${theirs.alert}`)).body;
    expect(alert.status).toBe('needs_review');
    expect((await other.get(`/api/v1/incidents/${theirs.incident}`)).body.title).toContain(CANARY);
    expect((await other.get(`/api/v1/views/${theirs.view}`)).status).toBe(200);
    const account = (await other.get(`/api/v1/accounts/${theirs.account}`)).body;
    expect(account.disabled).toBe(false);
  });
});
