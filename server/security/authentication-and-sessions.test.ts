import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fingerprint } from '../testing/fingerprint.ts';
import { client, PASSWORD, startTestEnv, type Reply, type TestEnv } from '../testing/harness.ts';

// Attacks on sign-in, sessions and API tokens. Races of a revocation or password change with
// requests in flight are in server/modules/accounts/revocation-race.test.ts, sign-in
// throttling in sign-in-throttle.test.ts.
let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const cookieOf = (res: { headers: Record<string, unknown> }) => {
  const set = res.headers['set-cookie'];
  const line = (Array.isArray(set) ? set : [set]).find((c) =>
    String(c).startsWith('casefile_session='),
  );
  return String(line ?? '').split(';')[0] ?? '';
};

async function signIn(
  email: string,
  password = PASSWORD,
  ip = '10.1.1.1',
  headers: Record<string, string> = {},
  app = env.app,
): Promise<LightMyRequestResponse> {
  return app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password },
    remoteAddress: ip,
    headers,
  });
}

const asCookie = (cookie: string, csrf?: string) => ({
  cookie,
  ...(csrf ? { 'x-csrf-token': csrf } : {}),
});

/** A refused request: the status, the uniform error body. */
function expectRefused(res: Reply, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body).toEqual({
    error: { code, message: expect.any(String), requestId: expect.any(String) },
  });
}

describe('session cookies', () => {
  it('starts a session with an HttpOnly SameSite cookie and returns a CSRF token', async () => {
    const res = await signIn(env.members.analyst.email);
    expect(res.statusCode).toBe(200);
    const setCookie = String(res.headers['set-cookie']);
    expect(setCookie).toMatch(/HttpOnly/);
    expect(setCookie).toMatch(/SameSite=Lax/);
    const body = res.json();
    expect(body.account.email).toBe(env.members.analyst.email);
    expect(body.csrfToken).toEqual(expect.any(String));
    const me = await client(env.app).get('/api/v1/me', asCookie(cookieOf(res)));
    expect(me.status).toBe(200);
    expect(me.body.csrfToken).toBe(body.csrfToken);
  });

  it('marks the cookie Secure only when the request came over HTTPS through a trusted proxy', async () => {
    const behind = await startTestEnv({ CASEFILE_TRUST_PROXY: 'true' });
    try {
      const email = behind.members.viewer.email;
      const https = { 'x-forwarded-proto': 'https' };
      const viaProxy = await signIn(email, PASSWORD, '127.0.0.1', https, behind.app);
      expect(String(viaProxy.headers['set-cookie'])).toMatch(/; Secure/);
      const plain = await signIn(email, PASSWORD, '127.0.0.1', {}, behind.app);
      expect(String(plain.headers['set-cookie'])).not.toMatch(/Secure/);
      // A client on the internet claiming HTTPS is not a trusted proxy.
      const claimed = await signIn(email, PASSWORD, '203.0.113.9', https, behind.app);
      expect(String(claimed.headers['set-cookie'])).not.toMatch(/Secure/);
    } finally {
      await behind.close();
    }
    const forced = await startTestEnv({ CASEFILE_COOKIE_SECURE: 'true' });
    try {
      const res = await signIn(forced.members.viewer.email, PASSWORD, '10.1.1.2', {}, forced.app);
      expect(String(res.headers['set-cookie'])).toMatch(/; Secure/);
    } finally {
      await forced.close();
    }
  });

  it('never keeps a session id planted before sign-in', async () => {
    const planted = 'casefile_session=chosen-by-an-attacker';
    const res = await signIn(env.members.viewer.email, PASSWORD, '10.9.0.3', { cookie: planted });
    expect(res.statusCode).toBe(200);
    const given = cookieOf(res);
    expect(given).toMatch(/^casefile_session=.{20,}/);
    expect(given).not.toBe(planted);
    expectRefused(
      await client(env.app).get('/api/v1/me', asCookie(planted)),
      401,
      'unauthenticated',
    );
    expect((await client(env.app).get('/api/v1/me', asCookie(given))).status).toBe(200);
  });

  it('gives a new session id at every sign-in', async () => {
    const a = cookieOf(await signIn(env.members.viewer.email, PASSWORD, '10.9.0.1'));
    const b = cookieOf(await signIn(env.members.viewer.email, PASSWORD, '10.9.0.2'));
    expect(a).not.toBe(b);
  });
});

describe('sign-in', () => {
  it('answers an unknown e-mail exactly as a known one with a wrong password', async () => {
    const unknown = await signIn('nobody@example.com', PASSWORD, '10.2.0.1');
    const wrong = await signIn(env.members.viewer.email, 'not the password', '10.2.0.2');
    const disabled = await env.addMember('viewer', 'Gone Away');
    await env.api('admin').patch(`/api/v1/accounts/${disabled.id}`, { disabled: true });
    const gone = await signIn(disabled.email, PASSWORD, '10.2.0.3');
    for (const res of [unknown, wrong, gone]) {
      expect(res.statusCode).toBe(401);
      expect(res.headers['set-cookie']).toBeUndefined();
      const { error } = res.json();
      expect(Object.keys(error).sort()).toEqual(['code', 'message', 'requestId']);
      expect({ code: error.code, message: error.message }).toEqual({
        code: unknown.json().error.code,
        message: unknown.json().error.message,
      });
    }
  });
});

describe('cookie writes', () => {
  it("refuses a cookie write without the CSRF token, with a forged one or another session's", async () => {
    const res = await signIn(env.members.analyst.email, PASSWORD, '10.4.0.1');
    const cookie = cookieOf(res);
    const csrf = res.json().csrfToken as string;
    const another = await signIn(env.members.investigator.email, PASSWORD, '10.4.0.3');
    const before = await fingerprint(env.db);
    for (const token of [undefined, 'forged', another.json().csrfToken as string]) {
      const refused = await client(env.app).post(
        '/api/v1/cases',
        { title: 'CSRF attempt' },
        asCookie(cookie, token),
      );
      expectRefused(refused, 403, 'forbidden');
    }
    expect(await fingerprint(env.db)).toEqual(before);
    const ok = await client(env.app).post(
      '/api/v1/cases',
      { title: 'Legit' },
      asCookie(cookie, csrf),
    );
    expect(ok.status).toBe(201);
  });

  it('refuses a cookie write from another site, even with the CSRF token', async () => {
    const res = await signIn(env.members.analyst.email, PASSWORD, '10.4.0.2');
    const headers = asCookie(cookieOf(res), res.json().csrfToken as string);
    const before = await env.db.selectFrom('cases').select('id').execute();
    const crossSite: Array<Record<string, string>> = [
      { 'sec-fetch-site': 'cross-site' },
      { 'sec-fetch-site': 'same-site' },
      { origin: 'https://evil.example' },
      { origin: 'null' },
    ];
    for (const extra of crossSite) {
      const refused = await client(env.app).post(
        '/api/v1/cases',
        { title: 'Cross-site attempt' },
        { ...headers, ...extra },
      );
      expect(refused.status, JSON.stringify(extra)).toBe(403);
      expect(refused.body.error.message).toBe('A write from another site is refused');
    }
    expect(await env.db.selectFrom('cases').select('id').execute()).toHaveLength(before.length);
    const sameOrigin = await client(env.app).post(
      '/api/v1/cases',
      { title: 'From the console' },
      { ...headers, 'sec-fetch-site': 'same-origin', origin: 'http://localhost:80' },
    );
    expect(sameOrigin.status).toBe(201);
  });
});

describe('ended sessions', () => {
  it('ends the session server-side at sign-out, which needs the CSRF token', async () => {
    const res = await signIn(env.members.viewer.email, PASSWORD, '10.5.0.1');
    const cookie = cookieOf(res);
    expect((await client(env.app).get('/api/v1/me', asCookie(cookie))).status).toBe(200);
    const forged = await client(env.app).post('/api/v1/auth/sign-out', {}, asCookie(cookie));
    expect(forged.status).toBe(403);
    expect((await client(env.app).get('/api/v1/me', asCookie(cookie))).status).toBe(200);
    const out = await client(env.app).post(
      '/api/v1/auth/sign-out',
      {},
      asCookie(cookie, res.json().csrfToken as string),
    );
    expect(out.status).toBe(204);
    expect((await client(env.app).get('/api/v1/me', asCookie(cookie))).status).toBe(401);
  });

  it('ends every session of an account when it is disabled, and refuses its sign-in', async () => {
    const person = await env.addMember('analyst', 'Dis Abled');
    const cookie = cookieOf(await signIn(person.email, PASSWORD, '10.6.0.1'));
    const res = await env.api('admin').patch(`/api/v1/accounts/${person.id}`, { disabled: true });
    expect(res.status).toBe(200);
    expect((await client(env.app).get('/api/v1/me', asCookie(cookie))).status).toBe(401);
    expect((await client(env.app, person.token).get('/api/v1/me')).status).toBe(401);
    expect((await signIn(person.email, PASSWORD, '10.6.0.2')).statusCode).toBe(401);
  });

  it('refuses a session once it has expired', async () => {
    const res = await signIn(env.members.viewer.email, PASSWORD, '10.5.0.2');
    const cookie = cookieOf(res);
    expect((await client(env.app).get('/api/v1/me', asCookie(cookie))).status).toBe(200);
    env.clock.advance((env.config.sessionTtlHours * 60 + 1) * 60_000);
    expectRefused(
      await client(env.app).get('/api/v1/me', asCookie(cookie)),
      401,
      'unauthenticated',
    );
  });
});

describe('API tokens', () => {
  it('is made only from a signed-in session, never by another token', async () => {
    const before = await env.db.selectFrom('apiTokens').select('id').execute();
    const res = await env.api('analyst').post('/api/v1/tokens', { name: 'Token from a token' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(await env.db.selectFrom('apiTokens').select('id').execute()).toHaveLength(before.length);
  });

  it('limits a token to its scope, and refuses it once expired', async () => {
    const session = await signIn(env.members.admin.email, PASSWORD, '10.8.0.2');
    const headers = asCookie(cookieOf(session), session.json().csrfToken as string);
    const make = async (body: Record<string, unknown>) => {
      const res = await client(env.app).post('/api/v1/tokens', body, headers);
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body as { id: number; token: string; scope: string; expiresAt: string | null };
    };
    const read = await make({ name: 'Dashboard reader', scope: 'read' });
    expect(read).toMatchObject({ scope: 'read', expiresAt: null });
    const reader = client(env.app, read.token);
    expect((await reader.get('/api/v1/cases')).status).toBe(200);
    expect((await reader.post('/api/v1/cases', { title: 'Read-only write' })).status).toBe(403);
    // Not even the writes that need no permission: its own profile, its owner's tokens.
    expect((await reader.patch('/api/v1/me', { name: 'Renamed by a reader' })).status).toBe(403);
    expect((await reader.delete(`/api/v1/tokens/${read.id}`)).status).toBe(403);
    const ingest = await make({ name: 'SIEM feed', scope: 'ingest' });
    const feeder = client(env.app, ingest.token);
    const alert = {
      source: 'siem',
      externalId: `scope-${Date.now()}`,
      title: 'Beacon to a rare domain',
      severity: 'low',
      detectedAt: '2026-03-02T08:00:00Z',
    };
    expect((await feeder.post('/api/v1/alerts', alert)).status).toBe(200);
    expect((await feeder.get('/api/v1/cases')).status).toBe(403);
    expect((await feeder.patch('/api/v1/me', { name: 'Renamed by a feed' })).status).toBe(403);
    const short = await make({ name: 'One day', expiresInDays: 1 });
    expect(short.expiresAt).not.toBeNull();
    const shortLived = client(env.app, short.token);
    expect((await shortLived.get('/api/v1/me')).status).toBe(200);
    const listed = await client(env.app).get('/api/v1/tokens', headers);
    expect(listed.body.items.map((t: { scope: string }) => t.scope)).toEqual(
      expect.arrayContaining(['read', 'ingest', 'full']),
    );
    env.clock.advance(25 * 3_600_000);
    // Refused at once, even while the server still remembers who the token belongs to.
    expect((await shortLived.get('/api/v1/me')).status).toBe(401);
  });

  it('revokes the tokens of a disabled account for good: enabling it again does not revive them', async () => {
    const person = await env.addMember('analyst', 'Tok Enless');
    expect((await client(env.app, person.token).get('/api/v1/me')).status).toBe(200);
    await env.api('admin').patch(`/api/v1/accounts/${person.id}`, { disabled: true });
    const enabled = await env
      .api('admin')
      .patch(`/api/v1/accounts/${person.id}`, { disabled: false });
    expect(enabled.status).toBe(200);
    expect((await client(env.app, person.token).get('/api/v1/me')).status).toBe(401);
    const tokens = await env.db
      .selectFrom('apiTokens')
      .select('revokedAt')
      .where('accountId', '=', person.id)
      .execute();
    expect(tokens.every((t) => t.revokedAt !== null)).toBe(true);
    const audit = await env.db
      .selectFrom('auditEvents')
      .select('after')
      .where('action', '=', 'account.updated')
      .where('targetId', '=', String(person.id))
      .orderBy('seq')
      .execute();
    expect(JSON.parse(audit[0]!.after!)).toMatchObject({ disabled: true, tokensRevoked: 1 });
    // Signed in again, the person makes new tokens, which work.
    expect((await signIn(person.email, PASSWORD, '10.6.0.3')).statusCode).toBe(200);
  });

  it('rejects a made-up bearer token', async () => {
    const res = await client(env.app, 'cf_madeup').get('/api/v1/cases');
    expect(res.status).toBe(401);
    expect(res.body.error).toMatchObject({
      code: 'unauthenticated',
      requestId: expect.any(String),
    });
  });
});
