import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, startTestEnv, type TestEnv } from '../testing/harness.ts';
import { fingerprint } from '../testing/fingerprint.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

/** Sends raw bytes as a JSON body, as a crafted client would. */
async function raw(url: string, payload: string | Buffer, token = env.members.analyst.token) {
  const res = await env.app.inject({
    method: 'POST',
    url,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload,
  });
  return {
    status: res.statusCode,
    body: res.json<{ error: { code: string; message: string } }>(),
  };
}

const caseCount = async () =>
  Number(
    (
      await env.db
        .selectFrom('cases')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('crafted input gets a 4xx, never a 500', () => {
  it('refuses JSON nested 10,000 deep, also on the unauthenticated sign-in', async () => {
    const deep = `${'['.repeat(10_000)}${']'.repeat(10_000)}`;
    const signIn = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: `{"email":"a@example.com","password":${deep}}`,
    });
    expect(signIn.statusCode).toBe(400);
    expect(signIn.json().error).toMatchObject({
      code: 'invalid_input',
      message: 'The body is nested more than 64 levels deep',
    });
    const nested = await raw('/api/v1/cases', `{"title":"x","tags":${deep}}`);
    expect(nested.status).toBe(400);
  });

  it('refuses a key given twice, and prototype keys', async () => {
    const before = await caseCount();
    const twice = await raw('/api/v1/cases', '{"title":"Harmless","title":"Evil"}');
    expect(twice.status).toBe(400);
    expect(twice.body.error.message).toBe('The body holds the key "title" twice');
    // The same key written with an escape is the same key.
    expect((await raw('/api/v1/cases', '{"title":"a","\\u0074itle":"b"}')).status).toBe(400);
    expect((await raw('/api/v1/cases', '{"title":"a","__proto__":{"x":1}}')).status).toBe(400);
    expect(
      (await raw('/api/v1/cases', '{"title":"a","constructor":{"prototype":{"x":1}}}')).status,
    ).toBe(400);
    // Keys may repeat in different objects.
    const ok = await raw('/api/v1/cases', '{"title":"Two objects","tags":["a","b"]}');
    expect(ok.status).toBe(201);
    expect(await caseCount()).toBe(before + 1);
  });

  it('refuses a body that is not valid UTF-8 instead of storing replacement characters', async () => {
    const before = await caseCount();
    const bytes = Buffer.concat([
      Buffer.from('{"title":"Invoice '),
      Buffer.from([0xc3, 0x28]),
      Buffer.from('"}'),
    ]);
    const res = await raw('/api/v1/cases', bytes);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe('The body is not valid UTF-8');
    expect(await caseCount()).toBe(before);
  });

  it('accepts ids only as integers in a body', async () => {
    const created = await env.api('analyst').post('/api/v1/cases', { title: 'Id check' });
    expect(created.status).toBe(201);
    const number = created.body.number as number;
    for (const assigneeId of [
      true,
      [env.members.analyst.id],
      String(env.members.analyst.id),
      1.5,
    ]) {
      const res = await env
        .api('analyst')
        .patch(`/api/v1/cases/${number}`, { assigneeId }, { 'if-match': '1' });
      expect(res.status, JSON.stringify(assigneeId)).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
    }
    const after = await env.api('viewer').get(`/api/v1/cases/${number}`);
    expect(after.body.assignee).toBeNull();
    expect(after.body.version).toBe(1);
  });

  it('refuses query parameters on an operation that takes none', async () => {
    const res = await env.api('viewer').get('/api/v1/me?debug=1');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'invalid_input',
      message: 'This operation takes no query parameters',
    });
    expect((await env.api('viewer').get('/api/v1/me')).status).toBe(200);
  });

  it('still reads a body with a byte order mark and non-ASCII text', async () => {
    const res = await raw(
      '/api/v1/cases',
      Buffer.concat([
        Buffer.from([0xef, 0xbb, 0xbf]),
        Buffer.from('{"title":"Überprüfung — 調査"}'),
      ]),
    );
    expect(res.status).toBe(201);
  });

  it('refuses a tampered cursor whose values do not fit the sort', async () => {
    const cursor = (values: unknown[]) => Buffer.from(JSON.stringify(values)).toString('base64url');
    const tampered = [
      `/api/v1/cases?sort=number&cursor=${cursor(['abc', 1])}`,
      `/api/v1/cases?sort=updatedAt&cursor=${cursor(['not a time', 1])}`,
      `/api/v1/cases?sort=priority&cursor=${cursor([2.5, 1])}`,
      `/api/v1/cases?sort=number&cursor=${cursor([null, 1])}`,
      `/api/v1/alerts?sort=riskScore&cursor=${cursor(['abc', 1])}`,
      `/api/v1/alerts?sort=detectedAt&cursor=${cursor(['2026-13-45T99:00:00Z', 1])}`,
      `/api/v1/alerts?cursor=${cursor(['2026-03-02T09:00:00.000Z', 'x'])}`,
      `/api/v1/incidents?cursor=${cursor(['abc', 1])}`,
      `/api/v1/incidents?sort=severity&cursor=${cursor(['x', '2026-03-02T09:00:00.000Z', 1])}`,
    ];
    for (const url of tampered) {
      const res = await env.api('viewer').get(url);
      expect(res.status, url).toBe(400);
      expect(res.body.error).toMatchObject({
        code: 'invalid_input',
        message: 'The cursor is not valid',
      });
    }
    // A real cursor still pages.
    const first = await env.api('viewer').get('/api/v1/cases?sort=number&limit=1');
    if (first.body.nextCursor) {
      const next = await env
        .api('viewer')
        .get(`/api/v1/cases?sort=number&limit=1&cursor=${first.body.nextCursor}`);
      expect(next.status).toBe(200);
    }
  });

  it('answers a malformed address in the uniform error body', async () => {
    const res = await env.api('viewer').get('/api/v1/cases/%ZZ');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'invalid_input',
      message: 'The address is not a valid URL',
    });
    expect(typeof res.body.error.requestId).toBe('string');
  });

  it('answers 428 to a write on a versioned object without If-Match, and 400 to If-Match: *', async () => {
    const created = await env.api('analyst').post('/api/v1/cases', { title: 'Needs a version' });
    const number = created.body.number as number;
    // Without the harness's version lookup: as a careless API client sends it.
    const bare = client(env.app, env.members.analyst.token);
    const writes: Array<[string, string, unknown]> = [
      ['PATCH', `/api/v1/cases/${number}`, { priority: 'high' }],
      ['POST', `/api/v1/cases/${number}/resolve`, { classification: 'benign', reason: 'Tested' }],
    ];
    for (const [method, url, body] of writes) {
      const missing = await bare.request(method, url, body);
      expect(missing.status, url).toBe(428);
      expect(missing.body.error.code).toBe('precondition_required');
      const star = await bare.request(method, url, body, { 'if-match': '*' });
      expect(star.status, url).toBe(400);
    }
    const after = await env.api('viewer').get(`/api/v1/cases/${number}`);
    expect(after.body).toMatchObject({ version: 1, priority: 'medium', resolution: null });
    const ok = await bare.patch(
      `/api/v1/cases/${number}`,
      { priority: 'high' },
      { 'if-match': '"1"' },
    );
    expect(ok.status).toBe(200);
  });
});

const metacharacters = [
  "' OR '1'='1",
  "'; DROP TABLE cases; --",
  "%' UNION SELECT password_hash FROM accounts --",
  '") OR 1=1 /*',
  '\\',
  '1; select pg_sleep(5)',
  'a\u0000b',
];

describe('SQL metacharacters in search and filter parameters', () => {
  it('answers every list 2xx with nothing found, or 400, never 500, and changes nothing', async () => {
    const before = await fingerprint(env.db);
    const params: Record<string, string[]> = {
      '/api/v1/cases': [
        'q',
        'sort',
        'order',
        'cursor',
        'status',
        'category',
        'assignee',
        'createdFrom',
      ],
      '/api/v1/alerts': ['q', 'source', 'sort', 'cursor', 'status', 'severity', 'subject', 'case'],
      '/api/v1/incidents': ['sort', 'cursor', 'status', 'assignee'],
      '/api/v1/subjects': ['q', 'cursor'],
    };
    for (const [path, names] of Object.entries(params))
      for (const name of names)
        for (const value of metacharacters) {
          const url = `${path}?${name}=${encodeURIComponent(value)}`;
          const res = await env.api('admin').get(url);
          expect([200, 400], `${url}: ${JSON.stringify(res.body)}`).toContain(res.status);
          if (res.status === 200) expect(res.body.items, url).toEqual([]);
          else
            expect(res.body.error).toMatchObject({
              code: 'invalid_input',
              requestId: expect.any(String),
            });
        }
    expect(await fingerprint(env.db)).toEqual(before);
  });

  it('reads % and _ in a search as themselves, not as wildcards', async () => {
    const ingest = (email: string, externalId: string) =>
      env.api('ingest').post('/api/v1/alerts', {
        source: 'dlp',
        externalId,
        title: 'Upload to personal storage',
        severity: 'low',
        detectedAt: '2026-03-01T10:00:00Z',
        subject: { email, name: 'Wild Card' },
      });
    expect((await ingest('under_score@corp.example', 'wild-1')).status).toBe(200);
    expect((await ingest('underxscore@corp.example', 'wild-2')).status).toBe(200);
    expect((await ingest('per%cent@corp.example', 'wild-3')).status).toBe(200);
    const emails = async (url: string) => {
      const res = await env.api('analyst').get(url);
      expect(res.status, url).toBe(200);
      return (res.body.items as Array<{ subject?: { email: string } | null; email?: string }>)
        .map((x) => x.subject?.email ?? x.email)
        .sort();
    };
    expect(await emails('/api/v1/alerts?q=under_score')).toEqual(['under_score@corp.example']);
    expect(await emails(`/api/v1/alerts?q=${encodeURIComponent('per%cent')}`)).toEqual([
      'per%cent@corp.example',
    ]);
    expect(await emails(`/api/v1/alerts?q=${encodeURIComponent('r%c')}`)).toEqual([
      'per%cent@corp.example',
    ]);
    // Too short to name a person: it finds no one rather than everyone.
    expect(await emails(`/api/v1/alerts?q=${encodeURIComponent('%')}`)).toEqual([]);
    expect(await emails('/api/v1/subjects?q=under_score')).toEqual(['under_score@corp.example']);
    expect(await emails(`/api/v1/subjects?q=${encodeURIComponent('%')}`)).toEqual([
      'per%cent@corp.example',
    ]);
  });
});
