import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEnv, type Reply, type TestEnv } from '../../testing/harness.ts';

let env: TestEnv;
const ids: Record<string, number> = {};
let caseNumber = 0;

/** Five incidents, one per subject: their severity, alert count and last alert all differ. */
beforeAll(async () => {
  env = await startTestEnv({ CASEFILE_CORRELATION_WINDOW_HOURS: '24' });
  const plan: Array<[string, string, string[]]> = [
    ['a', 'high', ['01']],
    ['b', 'low', ['03', '04', '05']],
    ['c', 'medium', ['02', '03']],
    ['d', 'high', ['04']],
    ['e', 'informational', ['02']],
  ];
  for (const [name, severity, hours] of plan) {
    const res = await env.api('ingest').post('/api/v1/alerts', {
      alerts: hours.map((h) => ({
        source: 'siem',
        externalId: `${name}-${h}`,
        title: `Rule hit for ${name}`,
        severity,
        detectedAt: `2026-03-01T${h}:00:00Z`,
        subject: { email: `${name}@corp.example` },
      })),
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    ids[name] = res.body.results[0].incidentId;
  }
  await env.api('analyst').patch(`/api/v1/incidents/${ids.e}`, { status: 'resolved' });
  caseNumber = (await env.api('analyst').post('/api/v1/cases', { title: 'Cy' })).body.number;
  await env
    .api('analyst')
    .post(`/api/v1/cases/${caseNumber}/links`, { incidentIds: [ids.c, ids.d] });
  const other = (await env.api('analyst').post('/api/v1/cases', { title: 'Cy again' })).body;
  await env.api('analyst').post(`/api/v1/cases/${other.number}/links`, { incidentIds: [ids.c] });
});
afterAll(() => env.close());

const nameOf = (id: number) => Object.keys(ids).find((k) => ids[k] === id);

/** Every page of a listing, two at a time, as subject names in order. */
async function walk(query: string): Promise<string[]> {
  const seen: string[] = [];
  let cursor: string | null = null;
  do {
    const res: Reply = await env
      .api('viewer')
      .get(`/api/v1/incidents?limit=2&${query}${cursor ? `&cursor=${cursor}` : ''}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    seen.push(...res.body.items.map((i: { id: number }) => nameOf(i.id)));
    cursor = res.body.nextCursor;
  } while (cursor);
  return seen;
}

describe('the incident queue', () => {
  it('sorts by last alert, severity or alert count, either way, across cursor pages', async () => {
    expect(await walk('')).toEqual(['b', 'd', 'c', 'e', 'a']);
    expect(await walk('order=asc')).toEqual(['a', 'e', 'c', 'd', 'b']);
    expect(await walk('sort=severity')).toEqual(['d', 'a', 'c', 'b', 'e']);
    expect(await walk('sort=severity&order=asc')).toEqual(['e', 'b', 'c', 'a', 'd']);
    expect(await walk('sort=alertCount')).toEqual(['b', 'c', 'd', 'e', 'a']);
    expect(await walk('sort=alertCount&status=active')).toEqual(['b', 'c', 'd', 'a']);
  });

  it('refuses a cursor made for another sort', async () => {
    const first = await env.api('viewer').get('/api/v1/incidents?limit=1');
    const res = await env
      .api('viewer')
      .get(`/api/v1/incidents?sort=severity&cursor=${first.body.nextCursor}`);
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('query.cursor');
  });

  it('names the cases each incident is linked to, and filters by being in a case', async () => {
    const all = await env.api('viewer').get('/api/v1/incidents');
    const cases = Object.fromEntries(
      all.body.items.map((i: { id: number; caseNumbers: number[] }) => [
        nameOf(i.id),
        i.caseNumbers,
      ]),
    );
    expect(cases).toEqual({
      a: [],
      b: [],
      c: [caseNumber, caseNumber + 1],
      d: [caseNumber],
      e: [],
    });
    expect(await walk('linked=true')).toEqual(['d', 'c']);
    expect(await walk('linked=false&status=active')).toEqual(['b', 'a']);
  });

  it('combines filters by severity, subject and assignee', async () => {
    await env
      .api('analyst')
      .patch(`/api/v1/incidents/${ids.a}`, { assigneeId: env.members.analyst.id });
    expect(await walk('severity=high,medium&sort=severity')).toEqual(['d', 'a', 'c']);
    const subjectId = (await env.api('viewer').get(`/api/v1/incidents/${ids.c}`)).body.subject.id;
    expect(await walk(`subject=${subjectId}`)).toEqual(['c']);
    expect(await walk(`assignee=${env.members.analyst.id}`)).toEqual(['a']);
    const mine = await env.api('analyst').get('/api/v1/incidents?assignee=me');
    expect(mine.body.items.map((i: { id: number }) => nameOf(i.id))).toEqual(['a']);
    expect(await walk('assignee=none&severity=high')).toEqual(['d']);
  });

  it('counts the incidents a filter matches on request', async () => {
    const all = await env.api('viewer').get('/api/v1/incidents?limit=1&total=true');
    expect(all.body.items).toHaveLength(1);
    expect(all.body.total).toEqual({ count: 5, exact: true });
    const high = await env.api('viewer').get('/api/v1/incidents?severity=high&total=true');
    expect(high.body.total).toEqual({ count: high.body.items.length, exact: true });
    const plain = await env.api('viewer').get('/api/v1/incidents');
    expect(plain.body.total).toBeUndefined();
  });
});
