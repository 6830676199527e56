import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../config.ts';
import { apiRoutes } from '../routes.ts';
import { fingerprint } from '../testing/fingerprint.ts';
import { client, startTestEnv, type TestEnv } from '../testing/harness.ts';
import {
  coveredElsewhere,
  makeFixtures,
  matrix,
  who,
  type Fixtures,
} from '../testing/route-matrix.ts';

let env: TestEnv;
let fixtures: Fixtures;
beforeAll(async () => {
  env = await startTestEnv();
  fixtures = await makeFixtures(env);
});
afterAll(() => env.close());

describe('permission matrix', () => {
  it('lists every route, and only routes that exist', () => {
    const routes = apiRoutes(loadConfig({})).map((r) => `${r.method} ${r.url}`);
    const listed = [...Object.keys(matrix), ...Object.keys(coveredElsewhere)];
    expect(routes.filter((r) => !listed.includes(r))).toEqual([]);
    expect(listed.filter((r) => !routes.includes(r))).toEqual([]);
  });

  it('refuses every API route without credentials, with 401', async () => {
    for (const key of Object.keys(matrix)) {
      const [method, path] = key.split(' ') as [string, string];
      const { url, body, headers } = await matrix[key]!.request(fixtures);
      const res = await client(env.app).request(method, url, body, headers);
      expect(res.status, `${key} anonymous`).toBe(401);
      expect(res.body.error.code).toBe('unauthenticated');
      void path;
    }
  });

  for (const [key, row] of Object.entries(matrix)) {
    it(`${key}: answers each role as the role table says`, async () => {
      const [method] = key.split(' ') as [string];
      for (const role of who) {
        const member = role === 'contributor' ? fixtures.contributor : env.members[role];
        const { url, body, headers } = await row.request(fixtures);
        const before = await fingerprint(env.db);
        const res = await env.api(member).request(method, url, body, headers);
        const expected =
          role === 'ingest' ? (row.expect.ingest ?? row.expect.guest) : row.expect[role];
        if (expected === 'ok') {
          expect(
            res.status,
            `${key} as ${role}: ${JSON.stringify(res.body)}`,
          ).toBeGreaterThanOrEqual(200);
          expect(res.status, `${key} as ${role}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
        } else {
          expect(res.status, `${key} as ${role}: ${JSON.stringify(res.body)}`).toBe(expected);
          expect(await fingerprint(env.db), `${key} as ${role} changed something`).toEqual(before);
        }
      }
    });
  }
});
