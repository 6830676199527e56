import { PNG_1X1, uploadEvidence } from './evidence.ts';
import type { Member, TestEnv } from './harness.ts';
import { evidenceMatrix } from './route-matrix-evidence.ts';

/**
 * Every route, for every role: the expected answer. `ok` is any 2xx. A route missing here
 * fails the test, and so does a refused call that changed anything.
 */
export type Who =
  'viewer' | 'analyst' | 'investigator' | 'admin' | 'guest' | 'contributor' | 'ingest';
type Outcome = 'ok' | 403 | 404 | 405 | 409;
export const who: Who[] = [
  'viewer',
  'analyst',
  'investigator',
  'admin',
  'guest',
  'contributor',
  'ingest',
];

export interface Row {
  /** The ingestion service role holds one permission: unless named, it is answered as a guest. */
  expect: Record<Exclude<Who, 'ingest'>, Outcome> & { ingest?: Outcome };
  /** Builds fresh fixtures and the request to make. */
  request: (
    f: Fixtures,
  ) => Promise<{ url: string; body?: unknown; headers?: Record<string, string> }>;
}

export interface Fixtures {
  env: TestEnv;
  contributor: Member;
  /** A new case with the contributor added; closed when asked. */
  newCase(closed?: boolean): Promise<number>;
  /** A new saved view of the admin's, shared with the workspace. */
  sharedView(): Promise<number>;
  /** A new dead job of the workspace. */
  deadJob(): Promise<number>;
  /** A new alert waiting for review, with its subject and incident. */
  newAlert(): Promise<{ id: number; incidentId: number; subjectId: number }>;
  /** A new activity event of a new subject, not reviewed; its id. */
  newActivity(): Promise<number>;
  /** A new webhook subscription, with one failed delivery. */
  newWebhook(): Promise<{ id: number; deliveryId: number }>;
  /** A new case with one evidence item (a PNG capture) an investigator added. */
  newEvidence(): Promise<{ number: number; id: number }>;
}

type Expect = Row['expect'];
const all = (o: Outcome): Expect => ({
  viewer: o,
  analyst: o,
  investigator: o,
  admin: o,
  guest: o,
  contributor: o,
});
const members: Expect = { ...all('ok'), guest: 403, contributor: 403 };
const adminOnly: Expect = { ...all(403), admin: 'ok' };
const caseView: Expect = { ...all('ok'), guest: 404 };
const caseManage: Expect = {
  viewer: 403,
  analyst: 'ok',
  investigator: 'ok',
  admin: 'ok',
  guest: 404,
  contributor: 403,
};
const caseComment: Expect = {
  viewer: 403,
  analyst: 'ok',
  investigator: 'ok',
  admin: 'ok',
  guest: 404,
  contributor: 'ok',
};
const managers: Expect = {
  viewer: 403,
  analyst: 'ok',
  investigator: 'ok',
  admin: 'ok',
  guest: 403,
  contributor: 403,
};

const alertView: Expect = { ...members, ingest: 403 };
const triagers: Expect = { ...managers, ingest: 403 };
const ingesters: Expect = { ...all(403), admin: 'ok', ingest: 'ok' };
const caseLinksView: Expect = { ...caseView, contributor: 403, ingest: 404 };
const unique = () => Math.random().toString(36).slice(2);

export const matrix: Record<string, Row> = {
  'GET /api/v1/me': { expect: all('ok'), request: async () => ({ url: '/api/v1/me' }) },
  'PATCH /api/v1/me': {
    expect: all('ok'),
    request: async () => ({ url: '/api/v1/me', body: { name: 'Same Name Again' } }),
  },
  'GET /api/v1/tokens': { expect: all('ok'), request: async () => ({ url: '/api/v1/tokens' }) },
  'GET /api/v1/accounts': { expect: members, request: async () => ({ url: '/api/v1/accounts' }) },
  'GET /api/v1/accounts/:id': {
    expect: { ...members, guest: 404, contributor: 404 },
    request: async (f) => ({ url: `/api/v1/accounts/${f.env.members.admin.id}` }),
  },
  'POST /api/v1/accounts': {
    expect: adminOnly,
    request: async () => ({
      url: '/api/v1/accounts',
      body: {
        email: `new.${Math.random().toString(36).slice(2)}@example.com`,
        name: 'New Person',
        role: 'viewer',
        password: 'a long enough password',
      },
    }),
  },
  'PATCH /api/v1/accounts/:id': {
    expect: { ...adminOnly, guest: 404, contributor: 404 },
    request: async (f) => ({
      url: `/api/v1/accounts/${f.env.members.viewer.id}`,
      body: { name: `Vera ${Math.random().toString(36).slice(2, 6)}` },
    }),
  },
  'GET /api/v1/roles': { expect: members, request: async () => ({ url: '/api/v1/roles' }) },
  'GET /api/v1/case-statuses': {
    expect: all('ok'),
    request: async () => ({ url: '/api/v1/case-statuses' }),
  },
  'POST /api/v1/case-statuses': {
    expect: adminOnly,
    request: async () => ({
      url: '/api/v1/case-statuses',
      body: { name: `Waiting ${Math.random().toString(36).slice(2, 8)}`, category: 'active' },
    }),
  },
  'PATCH /api/v1/case-statuses/:id': {
    expect: adminOnly,
    request: async (f) => {
      const open = (await f.env.api('admin').get('/api/v1/case-statuses')).body.items.find(
        (s: { name: string }) => s.name === 'Open',
      );
      return {
        url: `/api/v1/case-statuses/${open.id}`,
        body: {
          color: `#${Math.floor(Math.random() * 0xffffff)
            .toString(16)
            .padStart(6, '0')}`,
        },
      };
    },
  },
  'GET /api/v1/cases': { expect: all('ok'), request: async () => ({ url: '/api/v1/cases' }) },
  'GET /api/v1/cases/export': {
    expect: all('ok'),
    request: async () => ({ url: '/api/v1/cases/export' }),
  },
  'POST /api/v1/cases': {
    expect: managers,
    request: async () => ({ url: '/api/v1/cases', body: { title: 'Matrix case' } }),
  },
  'POST /api/v1/cases/bulk': {
    expect: managers,
    request: async (f) => ({
      url: '/api/v1/cases/bulk',
      body: { numbers: [await f.newCase()], set: { priority: 'high' } },
    }),
  },
  'GET /api/v1/cases/:number': {
    expect: caseView,
    request: async (f) => ({ url: `/api/v1/cases/${await f.newCase()}` }),
  },
  'PATCH /api/v1/cases/:number': {
    expect: caseManage,
    request: async (f) => ({
      url: `/api/v1/cases/${await f.newCase()}`,
      body: { priority: 'critical' },
    }),
  },
  'POST /api/v1/cases/:number/resolve': {
    expect: caseManage,
    request: async (f) => ({
      url: `/api/v1/cases/${await f.newCase()}/resolve`,
      body: { classification: 'benign', reason: 'Expected behaviour' },
    }),
  },
  'POST /api/v1/cases/:number/reopen': {
    expect: caseManage,
    request: async (f) => ({
      url: `/api/v1/cases/${await f.newCase(true)}/reopen`,
      body: { reason: 'New evidence' },
    }),
  },
  'GET /api/v1/cases/:number/tasks': {
    expect: caseView,
    request: async (f) => ({ url: `/api/v1/cases/${await f.newCase()}/tasks` }),
  },
  'POST /api/v1/cases/:number/tasks': {
    expect: caseManage,
    request: async (f) => ({
      url: `/api/v1/cases/${await f.newCase()}/tasks`,
      body: { title: 'Collect logs' },
    }),
  },
  'PATCH /api/v1/cases/:number/tasks/:id': {
    expect: caseManage,
    request: async (f) => {
      const number = await f.newCase();
      const task = await f.env
        .api('admin')
        .post(`/api/v1/cases/${number}/tasks`, { title: 'Interview manager' });
      return {
        url: `/api/v1/cases/${number}/tasks/${task.body.id}`,
        body: { status: 'in_progress' },
      };
    },
  },
  'GET /api/v1/cases/:number/activity': {
    expect: caseView,
    request: async (f) => ({ url: `/api/v1/cases/${await f.newCase()}/activity` }),
  },
  'POST /api/v1/cases/:number/comments': {
    expect: caseComment,
    request: async (f) => ({
      url: `/api/v1/cases/${await f.newCase()}/comments`,
      body: { body: 'Looked at it.' },
    }),
  },
  'PATCH /api/v1/cases/:number/comments/:id': {
    expect: all(405),
    request: async (f) => ({
      url: `/api/v1/cases/${await f.newCase()}/comments/1`,
      body: { body: 'changed' },
    }),
  },
  'DELETE /api/v1/cases/:number/comments/:id': {
    expect: all(405),
    request: async (f) => ({ url: `/api/v1/cases/${await f.newCase()}/comments/1` }),
  },
  'GET /api/v1/cases/:number/contributors': {
    expect: caseView,
    request: async (f) => ({ url: `/api/v1/cases/${await f.newCase()}/contributors` }),
  },
  'PUT /api/v1/cases/:number/contributors/:accountId': {
    expect: caseManage,
    request: async (f) => ({
      url: `/api/v1/cases/${await f.newCase()}/contributors/${f.env.members.viewer.id}`,
    }),
  },
  'DELETE /api/v1/cases/:number/contributors/:accountId': {
    expect: caseManage,
    request: async (f) => {
      const number = await f.newCase();
      await f.env
        .api('admin')
        .put(`/api/v1/cases/${number}/contributors/${f.env.members.viewer.id}`);
      return { url: `/api/v1/cases/${number}/contributors/${f.env.members.viewer.id}` };
    },
  },
  'GET /api/v1/views': { expect: members, request: async () => ({ url: '/api/v1/views' }) },
  'POST /api/v1/views': {
    expect: members,
    request: async () => ({
      url: '/api/v1/views',
      body: { name: 'My queue', filters: { category: 'active' } },
    }),
  },
  'GET /api/v1/views/:id': {
    expect: members,
    request: async (f) => ({ url: `/api/v1/views/${await f.sharedView()}` }),
  },
  'PATCH /api/v1/views/:id': {
    expect: adminOnly,
    request: async (f) => ({
      url: `/api/v1/views/${await f.sharedView()}`,
      body: { name: 'Renamed' },
    }),
  },
  'DELETE /api/v1/views/:id': {
    expect: adminOnly,
    request: async (f) => ({ url: `/api/v1/views/${await f.sharedView()}` }),
  },
  'GET /api/v1/subjects': { expect: alertView, request: async () => ({ url: '/api/v1/subjects' }) },
  'GET /api/v1/subjects/:id': {
    expect: alertView,
    request: async (f) => ({ url: `/api/v1/subjects/${(await f.newAlert()).subjectId}` }),
  },
  'POST /api/v1/alerts': {
    expect: ingesters,
    request: async () => ({
      url: '/api/v1/alerts',
      body: {
        source: 'edr',
        externalId: unique(),
        title: 'Matrix alert',
        severity: 'low',
        detectedAt: '2026-03-01T00:00:00Z',
      },
    }),
  },
  'POST /api/v1/alerts/ingest/:format': {
    expect: ingesters,
    request: async () => ({
      url: '/api/v1/alerts/ingest/ocsf',
      body: {
        class_uid: 2004,
        severity_id: 3,
        time: 1772323200000,
        finding_info: { uid: unique(), title: 'Matrix finding' },
      },
    }),
  },
  'POST /api/v1/activities': {
    expect: ingesters,
    request: async () => ({
      url: '/api/v1/activities',
      body: {
        source: 'dlp',
        externalId: unique(),
        subject: { email: `mover.${unique()}@corp.example` },
        occurredAt: '2026-03-01T00:00:00Z',
        category: 'exfiltration',
        activityType: 'usb.copied',
        riskScore: 50,
      },
    }),
  },
  // Revealing needs subjects.reveal and a pseudonymised workspace: the matrix's workspace shows
  // names, so the permitted call is refused as a conflict (reveals.test.ts covers the rest).
  'POST /api/v1/subjects/pseudonym-lookups': {
    expect: { ...all(403), investigator: 'ok', admin: 'ok' },
    request: async () => ({
      url: '/api/v1/subjects/pseudonym-lookups',
      body: { identity: `known.${unique()}@corp.example`, justification: 'matching an HR report' },
    }),
  },
  'GET /api/v1/cases/:number/subject-reveals': {
    expect: caseView,
    request: async (f) => ({ url: `/api/v1/cases/${await f.newCase()}/subject-reveals` }),
  },
  'POST /api/v1/cases/:number/subject-reveals': {
    expect: { ...all(403), investigator: 409, admin: 409, guest: 404 },
    request: async (f) => ({
      url: `/api/v1/cases/${await f.newCase()}/subject-reveals`,
      body: { justification: 'the manager needs to be told' },
    }),
  },
  'DELETE /api/v1/cases/:number/subject-reveals/mine': {
    expect: caseView,
    request: async (f) => ({ url: `/api/v1/cases/${await f.newCase()}/subject-reveals/mine` }),
  },
  'GET /api/v1/subjects/:id/summary': {
    expect: alertView,
    request: async (f) => ({ url: `/api/v1/subjects/${(await f.newAlert()).subjectId}/summary` }),
  },
  'GET /api/v1/subjects/:id/risk': {
    expect: alertView,
    request: async (f) => ({ url: `/api/v1/subjects/${(await f.newAlert()).subjectId}/risk` }),
  },
  'GET /api/v1/subjects/:id/activity-days': {
    expect: alertView,
    request: async (f) => ({
      url: `/api/v1/subjects/${(await f.newAlert()).subjectId}/activity-days`,
    }),
  },
  'GET /api/v1/subjects/:id/timeline': {
    expect: alertView,
    request: async (f) => ({
      url: `/api/v1/subjects/${(await f.newAlert()).subjectId}/timeline`,
    }),
  },
  'GET /api/v1/subjects/:id/activities/export': {
    expect: alertView,
    request: async (f) => ({
      url: `/api/v1/subjects/${(await f.newAlert()).subjectId}/activities/export`,
    }),
  },
  'GET /api/v1/subjects/:id/activities': {
    expect: alertView,
    request: async (f) => ({
      url: `/api/v1/subjects/${(await f.newAlert()).subjectId}/activities`,
    }),
  },
  'GET /api/v1/activities/:id': {
    expect: alertView,
    request: async (f) => ({ url: `/api/v1/activities/${await f.newActivity()}` }),
  },
  'POST /api/v1/activities/:id/review': {
    expect: triagers,
    request: async (f) => ({
      url: `/api/v1/activities/${await f.newActivity()}/review`,
      body: { reviewed: true },
    }),
  },
  'POST /api/v1/activities/review': {
    expect: triagers,
    request: async (f) => ({
      url: '/api/v1/activities/review',
      body: { ids: [await f.newActivity()], reviewed: true },
    }),
  },
  'GET /api/v1/alerts': { expect: alertView, request: async () => ({ url: '/api/v1/alerts' }) },
  'GET /api/v1/alerts/export': {
    expect: alertView,
    request: async () => ({ url: '/api/v1/alerts/export' }),
  },
  'GET /api/v1/alerts/:id': {
    expect: alertView,
    request: async (f) => ({ url: `/api/v1/alerts/${(await f.newAlert()).id}` }),
  },
  'POST /api/v1/alerts/:id/confirm': {
    expect: triagers,
    request: async (f) => ({
      url: `/api/v1/alerts/${(await f.newAlert()).id}/confirm`,
      body: { caseNumber: await f.newCase() },
    }),
  },
  'POST /api/v1/alerts/:id/dismiss': {
    expect: triagers,
    request: async (f) => ({
      url: `/api/v1/alerts/${(await f.newAlert()).id}/dismiss`,
      body: { category: 'false_positive', reason: 'Known scanner' },
    }),
  },
  'POST /api/v1/alerts/bulk-confirm': {
    expect: triagers,
    request: async (f) => ({
      url: '/api/v1/alerts/bulk-confirm',
      body: { alertIds: [(await f.newAlert()).id], newCase: { title: 'Matrix triage' } },
    }),
  },
  'POST /api/v1/alerts/bulk-dismiss': {
    expect: triagers,
    request: async (f) => ({
      url: '/api/v1/alerts/bulk-dismiss',
      body: {
        alertIds: [(await f.newAlert()).id],
        category: 'false_positive',
        reason: 'Known scanner',
      },
    }),
  },
  'GET /api/v1/alerts/dismissal-counts': {
    expect: alertView,
    request: async () => ({ url: '/api/v1/alerts/dismissal-counts' }),
  },
  'GET /api/v1/alerts/sources': {
    expect: alertView,
    request: async () => ({ url: '/api/v1/alerts/sources' }),
  },
  'GET /api/v1/settings': { expect: alertView, request: async () => ({ url: '/api/v1/settings' }) },
  'PATCH /api/v1/settings': {
    expect: adminOnly,
    request: async () => ({
      url: '/api/v1/settings',
      body: { incidents: { autoResolve: false } },
    }),
  },
  'GET /api/v1/jobs': { expect: adminOnly, request: async () => ({ url: '/api/v1/jobs' }) },
  'POST /api/v1/jobs/:id/retry': {
    expect: adminOnly,
    request: async (f) => ({ url: `/api/v1/jobs/${await f.deadJob()}/retry` }),
  },
  'GET /api/v1/alert-mappings/:source': {
    expect: adminOnly,
    request: async (f) => {
      await f.env.api('admin').put('/api/v1/alert-mappings/hr-feed', {
        fields: { externalId: '$.id', title: '$.summary' },
      });
      return { url: '/api/v1/alert-mappings/hr-feed' };
    },
  },
  'PUT /api/v1/alert-mappings/:source': {
    expect: adminOnly,
    request: async () => ({
      url: `/api/v1/alert-mappings/feed-${unique()}`,
      body: { fields: { externalId: '$.id', title: '$.summary' } },
    }),
  },
  'GET /api/v1/incidents': {
    expect: alertView,
    request: async () => ({ url: '/api/v1/incidents' }),
  },
  'GET /api/v1/incidents/:id': {
    expect: alertView,
    request: async (f) => ({ url: `/api/v1/incidents/${(await f.newAlert()).incidentId}` }),
  },
  'PATCH /api/v1/incidents/:id': {
    expect: triagers,
    request: async (f) => ({
      url: `/api/v1/incidents/${(await f.newAlert()).incidentId}`,
      body: { title: `Incident ${unique()}` },
    }),
  },
  'GET /api/v1/cases/:number/links': {
    expect: caseLinksView,
    request: async (f) => ({ url: `/api/v1/cases/${await f.newCase()}/links` }),
  },
  'POST /api/v1/cases/:number/links': {
    expect: { ...caseManage, ingest: 404 },
    request: async (f) => ({
      url: `/api/v1/cases/${await f.newCase()}/links`,
      body: { alertIds: [(await f.newAlert()).id] },
    }),
  },
  'DELETE /api/v1/cases/:number/links/:kind/:id': {
    expect: { ...caseManage, ingest: 404 },
    request: async (f) => {
      const number = await f.newCase();
      const { incidentId } = await f.newAlert();
      await f.env.api('admin').post(`/api/v1/cases/${number}/links`, { incidentIds: [incidentId] });
      return { url: `/api/v1/cases/${number}/links/incident/${incidentId}` };
    },
  },
  'GET /api/v1/webhooks': { expect: adminOnly, request: async () => ({ url: '/api/v1/webhooks' }) },
  'POST /api/v1/webhooks': {
    expect: adminOnly,
    request: async () => ({
      url: '/api/v1/webhooks',
      body: { url: `https://hooks.example.com/${unique()}` },
    }),
  },
  'GET /api/v1/webhooks/:id': {
    expect: adminOnly,
    request: async (f) => ({ url: `/api/v1/webhooks/${(await f.newWebhook()).id}` }),
  },
  'PATCH /api/v1/webhooks/:id': {
    expect: adminOnly,
    request: async (f) => ({
      url: `/api/v1/webhooks/${(await f.newWebhook()).id}`,
      body: { description: `Changed ${unique()}` },
    }),
  },
  'DELETE /api/v1/webhooks/:id': {
    expect: adminOnly,
    request: async (f) => ({ url: `/api/v1/webhooks/${(await f.newWebhook()).id}` }),
  },
  'POST /api/v1/webhooks/:id/rotate-secret': {
    expect: adminOnly,
    request: async (f) => ({ url: `/api/v1/webhooks/${(await f.newWebhook()).id}/rotate-secret` }),
  },
  'GET /api/v1/webhooks/:id/deliveries': {
    expect: adminOnly,
    request: async (f) => ({ url: `/api/v1/webhooks/${(await f.newWebhook()).id}/deliveries` }),
  },
  'POST /api/v1/webhooks/:id/deliveries/:deliveryId/replay': {
    expect: adminOnly,
    request: async (f) => {
      const { id, deliveryId } = await f.newWebhook();
      return { url: `/api/v1/webhooks/${id}/deliveries/${deliveryId}/replay` };
    },
  },
  // Every account may watch: each event is checked for the viewer (live.test.ts); a guest
  // hears only of its cases, an ingestion account of nothing.
  'GET /api/v1/stream': {
    expect: all('ok'),
    request: async (f) => ({
      url: `/api/v1/stream?queues=cases,alerts&case=${await f.newCase()}`,
      headers: { accept: 'text/event-stream' },
    }),
  },
  'POST /api/v1/webhooks/:id/replay': {
    expect: adminOnly,
    request: async (f) => ({
      url: `/api/v1/webhooks/${(await f.newWebhook()).id}/replay`,
      body: { since: '2026-01-01T00:00:00Z' },
    }),
  },
  ...evidenceMatrix,
};

/** Routes outside the role matrix, each with the test that covers it. */
export const coveredElsewhere: Record<string, string> = {
  'POST /api/v1/auth/sign-in': 'public: auth.test.ts',
  'POST /api/v1/auth/sign-out': 'public: auth.test.ts',
  'POST /api/v1/me/password': 'session only: auth.test.ts',
  'POST /api/v1/tokens': 'session only: auth.test.ts',
  'DELETE /api/v1/tokens/:id': 'own tokens only: auth.test.ts',
};

/** How fixture alerts name their person: by default an unremarkable made-up one. */
export type PersonOf = (unique: string) => { name: string; email: string };
const plainPerson: PersonOf = (u) => ({ name: `Someone ${u}`, email: `someone.${u}@corp.example` });

/** The fixtures the matrix's requests build, in the given environment. */
export async function makeFixtures(
  env: TestEnv,
  {
    person = plainPerson,
    caseAbout,
  }: {
    person?: PersonOf;
    /** What fixture cases are about: a title and subject (by default a bare title). */
    caseAbout?: () => Promise<{ title: string; subjectId: number }>;
  } = {},
): Promise<Fixtures> {
  const contributor = await env.addMember('guest', 'Cora Contributor');
  const fixtures: Fixtures = {
    env,
    contributor,
    async newCase(closed = false) {
      const admin = env.api('admin');
      const c = await admin.post(
        '/api/v1/cases',
        caseAbout ? await caseAbout() : { title: 'Fixture case' },
      );
      await admin.put(`/api/v1/cases/${c.body.number}/contributors/${contributor.id}`);
      if (closed)
        await admin.post(`/api/v1/cases/${c.body.number}/resolve`, {
          classification: 'benign',
          reason: 'fixture',
        });
      return c.body.number as number;
    },
    async sharedView() {
      const v = await env
        .api('admin')
        .post('/api/v1/views', { name: 'Team queue', shared: true, filters: {} });
      return v.body.id as number;
    },
    async deadJob() {
      const at = '2026-03-02T09:00:00.000Z';
      const row = await env.db
        .insertInto('jobs')
        .values({
          workspaceId: env.workspaceId,
          type: 'webhooks.deliver',
          payload: '{}',
          runAt: at,
          attempts: 8,
          maxAttempts: 8,
          lastError: 'connection refused',
          state: 'dead',
          idempotencyKey: unique(),
          createdAt: at,
          updatedAt: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async newAlert() {
      const who = person(unique());
      const res = await env.api('ingest').post('/api/v1/alerts', {
        source: 'dlp',
        externalId: unique(),
        title: `Fixture alert about ${who.name}`,
        severity: 'medium',
        detectedAt: '2026-03-01T00:00:00Z',
        subject: who,
      });
      const id = res.body.results[0].id as number;
      const alert = await env.api('admin').get(`/api/v1/alerts/${id}`);
      return { id, incidentId: alert.body.incidentId, subjectId: alert.body.subject.id };
    },
    async newActivity() {
      const externalId = unique();
      const who = person(unique());
      await env.api('ingest').post('/api/v1/activities', {
        source: 'dlp',
        externalId,
        subject: who,
        occurredAt: '2026-03-01T00:00:00Z',
        category: 'exfiltration',
        activityType: 'usb.copied',
        riskScore: 50,
        object: { name: `notes of ${who.name}.docx` },
        payload: { user: who.email },
      });
      const row = await env.db
        .selectFrom('activityEvents')
        .select('id')
        .where('externalId', '=', externalId)
        .executeTakeFirstOrThrow();
      return row.id;
    },
    async newWebhook() {
      const res = await env
        .api('admin')
        .post('/api/v1/webhooks', { url: `https://hooks.example.com/${unique()}` });
      const id = res.body.id as number;
      const at = '2026-03-01T00:00:00.000Z';
      const delivery = await env.db
        .insertInto('webhookDeliveries')
        .values({
          workspaceId: env.workspaceId,
          subscriptionId: id,
          eventSeq: 1,
          webhookId: `msg_${id}_1`,
          eventType: 'case.created',
          attempts: 8,
          state: 'failed',
          lastStatus: 500,
          createdAt: at,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return { id, deliveryId: delivery.id };
    },
    async newEvidence() {
      const number = await fixtures.newCase();
      const res = await uploadEvidence(env, number, PNG_1X1, { name: `capture-${unique()}.png` });
      if (res.status !== 201) throw new Error(`evidence fixture: ${JSON.stringify(res.body)}`);
      return { number, id: res.body.id as number };
    },
  };
  return fixtures;
}
