import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type TestEnv } from '../testing/harness.ts';
import { makeFixtures, matrix, type Fixtures, type Who } from '../testing/route-matrix.ts';

/**
 * With pseudonymisation on, an analyst, a viewer, a guest and a case contributor call every
 * route of the permission matrix over a workspace whose people carry unique marker strings in
 * every identifying field (and in alert titles, entities, payloads and case titles): no marker
 * may appear in any answer's body or headers, nor in any line the server logs meanwhile.
 */
const MARK = 'qzxv';
const marked = new RegExp(`${MARK}[a-z0-9]*`, 'i');

let n = 0;
const person = (u: string) => {
  n += 1;
  return { name: `${MARK}alpha${n} ${MARK}Surname`, email: `${MARK}.${u}@corp.example` };
};

const logs: string[] = [];
let env: TestEnv;
let fixtures: Fixtures;

async function seed(env: TestEnv) {
  const ingest = env.api('ingest');
  const admin = env.api('admin');
  const alerts = [];
  for (let i = 0; i < 4; i += 1) {
    const who = {
      email: `${MARK}.seed${i}@corp.example`,
      upn: `${MARK}seed${i}@corp.onmicrosoft.example`,
      name: `${MARK}Given${i} ${MARK}Family${i}`,
      department: `${MARK} Department ${i}`,
      jobTitle: `${MARK} Engineer`,
      manager: `${MARK}.boss@corp.example`,
    };
    alerts.push({
      source: 'dlp',
      externalId: `seed-${i}`,
      title: `${who.name} copied files to USB`,
      description: `Files copied by ${who.email} (${MARK}seed${i}) in ${who.department}`,
      severity: 'high',
      detectedAt: '2026-03-01T10:00:00Z',
      subject: who,
      entities: [
        { type: 'account', value: `CORP\\${MARK}seed${i}` },
        { type: 'mailbox', value: who.email },
        { type: 'host', value: 'LAPTOP-17' },
      ],
      payload: { user: { displayName: who.name, department: who.department } },
    });
  }
  const res = await ingest.post('/api/v1/alerts', { alerts });
  expect(res.status).toBe(200);
  const ids = (res.body.results as Array<{ id: number }>).map((r) => r.id);
  const act = await ingest.post('/api/v1/activities', {
    activities: [0, 1].map((i) => ({
      source: 'dlp',
      externalId: `act-${i}`,
      subject: { email: `${MARK}.seed${i}@corp.example` },
      occurredAt: '2026-03-01T09:00:00Z',
      category: 'exfiltration',
      activityType: 'usb.copied',
      riskScore: 80,
      object: { name: `${MARK}-report.xlsx`, path: `C:\\Users\\${MARK}seed${i}\\report.xlsx` },
      payload: { account: `${MARK}seed${i}` },
    })),
  });
  expect(act.status).toBe(200);
  const alert = await admin.get(`/api/v1/alerts/${ids[0]}`);
  const c = await admin.post('/api/v1/cases', {
    title: `Investigation of ${MARK}Given0 ${MARK}Family0`,
    description: `Reported about ${MARK}.seed0@corp.example`,
    subjectId: alert.body.subject.id,
  });
  expect(c.status).toBe(201);
  await admin.post(`/api/v1/alerts/${ids[0]}/confirm`, { caseNumber: c.body.number });
  await admin.post(`/api/v1/alerts/${ids[1]}/confirm`, {
    newCase: { title: `Copies by ${MARK}Given1` },
  });
  const other = await admin.get(`/api/v1/alerts/${ids[2]}`);
  await admin.patch(`/api/v1/cases/${c.body.number}`, { subjectId: other.body.subject.id });
}

beforeAll(async () => {
  env = await startTestEnv({}, { log: { write: (line) => void logs.push(line) } });
  const settings = await env.api('admin').patch('/api/v1/settings', {
    privacy: { pseudonymise: true },
  });
  expect(settings.body.privacy.pseudonymise).toBe(true);
  await seed(env);
  fixtures = await makeFixtures(env, {
    person,
    // Each fixture case is about a marked person, named in its title: its activity log, tasks
    // and links are scanned too.
    caseAbout: async () => {
      const alert = await fixtures.newAlert();
      const name = (
        await env.db
          .selectFrom('subjects')
          .select('name')
          .where('id', '=', alert.subjectId)
          .executeTakeFirstOrThrow()
      ).name;
      return { title: `Case about ${name}`, subjectId: alert.subjectId };
    },
  });
});
afterAll(() => env.close());

describe('pseudonymisation canary scan', () => {
  it('holds the markers in its data, and hides them even from an administrator who revealed nothing', async () => {
    const raw = await env.db.selectFrom('subjects').select('name').execute();
    expect(raw.filter((r) => marked.test(r.name)).length).toBeGreaterThanOrEqual(4);
    // The markers are there to find: an answer without pseudonymisation would show them.
    const alerts = await env.api('admin').get('/api/v1/alerts');
    expect(JSON.stringify(alerts.body)).not.toMatch(marked);
  });

  const scanned: Who[] = ['analyst', 'viewer', 'guest', 'contributor'];
  for (const [key, row] of Object.entries(matrix)) {
    it(`${key}: shows no identity to ${scanned.join(', ')}`, async () => {
      const [method] = key.split(' ') as [string];
      for (const role of scanned) {
        const member = role === 'contributor' ? fixtures.contributor : env.members[role];
        const { url, body, headers } = await row.request(fixtures);
        logs.length = 0;
        const res = await env.api(member).request(method, url, body, headers);
        const where = `${key} as ${role}`;
        expect(JSON.stringify(res.body ?? null), `${where}: body`).not.toMatch(marked);
        expect(JSON.stringify(res.headers), `${where}: headers`).not.toMatch(marked);
        expect(logs.join(''), `${where}: log`).not.toMatch(marked);
      }
    });
  }
});
