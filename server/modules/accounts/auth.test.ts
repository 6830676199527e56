import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AccountList } from '../../../contract/accounts.ts';
import { client, PASSWORD, startTestEnv, type TestEnv } from '../../testing/harness.ts';

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

async function signIn(email: string, password = PASSWORD, ip = '10.1.1.1') {
  return env.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password },
    remoteAddress: ip,
  });
}

const asCookie = (cookie: string, csrf?: string) => ({
  cookie,
  ...(csrf ? { 'x-csrf-token': csrf } : {}),
});

describe('sign-in and sessions', () => {
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

  it('gives a new session id at every sign-in', async () => {
    const a = cookieOf(await signIn(env.members.viewer.email, PASSWORD, '10.9.0.1'));
    const b = cookieOf(await signIn(env.members.viewer.email, PASSWORD, '10.9.0.2'));
    expect(a).not.toBe(b);
  });

  it('answers the same for an unknown e-mail and a wrong password', async () => {
    const unknown = await signIn('nobody@example.com', PASSWORD, '10.2.0.1');
    const wrong = await signIn(env.members.viewer.email, 'not the password', '10.2.0.2');
    expect(unknown.statusCode).toBe(401);
    expect(wrong.statusCode).toBe(401);
    expect(unknown.json().error.message).toBe(wrong.json().error.message);
    expect(unknown.headers['set-cookie']).toBeUndefined();
  });

  it('refuses a cookie-authenticated write without the CSRF token, and accepts it with', async () => {
    const res = await signIn(env.members.analyst.email, PASSWORD, '10.4.0.1');
    const cookie = cookieOf(res);
    const csrf = res.json().csrfToken as string;
    const before = await env.db.selectFrom('cases').select('id').execute();
    const refused = await client(env.app).post(
      '/api/v1/cases',
      { title: 'CSRF attempt' },
      asCookie(cookie),
    );
    expect(refused.status).toBe(403);
    const wrongToken = await client(env.app).post(
      '/api/v1/cases',
      { title: 'CSRF attempt' },
      asCookie(cookie, 'forged'),
    );
    expect(wrongToken.status).toBe(403);
    expect(await env.db.selectFrom('cases').select('id').execute()).toHaveLength(before.length);
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

  it('ends sessions when an admin sets a password, and revokes tokens only when asked', async () => {
    const kept = await env.addMember('analyst', 'Kept Tokens');
    const cut = await env.addMember('analyst', 'Cut Tokens');
    const keptSession = cookieOf(await signIn(kept.email, PASSWORD, '10.6.1.1'));
    const set = (id: number, body: Record<string, unknown>) =>
      env.api('admin').patch(`/api/v1/accounts/${id}`, body);
    expect((await set(kept.id, { password: 'a password set by the admin' })).status).toBe(200);
    expect((await client(env.app).get('/api/v1/me', asCookie(keptSession))).status).toBe(401);
    expect((await client(env.app, kept.token).get('/api/v1/me')).status).toBe(200);
    expect(
      (await set(cut.id, { password: 'a password set by the admin', revokeTokens: true })).status,
    ).toBe(200);
    expect((await client(env.app, cut.token).get('/api/v1/me')).status).toBe(401);
    const refused = await set(cut.id, { revokeTokens: true });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details[0].path).toBe('body.revokeTokens');
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

  it('changes the own password only with the current one, ending other sessions', async () => {
    const person = await env.addMember('viewer', 'Pass Changer');
    const first = await signIn(person.email, PASSWORD, '10.7.0.1');
    const other = cookieOf(await signIn(person.email, PASSWORD, '10.7.0.2'));
    const cookie = cookieOf(first);
    const csrf = first.json().csrfToken as string;
    const wrong = await client(env.app).post(
      '/api/v1/me/password',
      { currentPassword: 'nope', newPassword: 'a brand new passphrase' },
      asCookie(cookie, csrf),
    );
    expect(wrong.status).toBe(400);
    const viaToken = await client(env.app, person.token).post('/api/v1/me/password', {
      currentPassword: PASSWORD,
      newPassword: 'a brand new passphrase',
    });
    expect(viaToken.status).toBe(403);
    const ok = await client(env.app).post(
      '/api/v1/me/password',
      { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' },
      asCookie(cookie, csrf),
    );
    expect(ok.status).toBe(200);
    expect((await client(env.app).get('/api/v1/me', asCookie(other))).status).toBe(401);
    expect((await client(env.app).get('/api/v1/me', asCookie(cookie))).status).toBe(401);
    expect((await client(env.app).get('/api/v1/me', asCookie(cookieOf(ok)))).status).toBe(200);
    expect((await signIn(person.email, 'a brand new passphrase', '10.7.0.3')).statusCode).toBe(200);
  });

  it('throttles wrong current passwords on a password change, and only for that account', async () => {
    const person = await env.addMember('viewer', 'Guess Limited');
    const session = await signIn(person.email, PASSWORD, '10.9.0.1');
    const headers = asCookie(cookieOf(session), session.json().csrfToken as string);
    const change = (currentPassword: string) =>
      client(env.app).post(
        '/api/v1/me/password',
        { currentPassword, newPassword: 'another brand new passphrase' },
        headers,
      );
    for (let i = 0; i < env.config.signIn.failuresPerAccount; i += 1)
      expect((await change(`guess ${i}`)).status).toBe(400);
    const throttled = await change(PASSWORD);
    expect(throttled.status).toBe(429);
    expect(throttled.headers['retry-after']).toMatch(/^\d+$/);
    expect(throttled.body.error.message).toMatch(
      /^Too many wrong passwords for this account; try again in \d+ minutes?$/,
    );
    // The password did not change, and another account may still change its own.
    expect((await signIn(person.email, PASSWORD, '10.9.0.2')).statusCode).toBe(200);
    const other = await env.addMember('viewer', 'Not Limited');
    const otherSession = await signIn(other.email, PASSWORD, '10.9.0.3');
    const ok = await client(env.app).post(
      '/api/v1/me/password',
      { currentPassword: PASSWORD, newPassword: 'another brand new passphrase' },
      asCookie(cookieOf(otherSession), otherSession.json().csrfToken as string),
    );
    expect(ok.status).toBe(200);
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

  it('shows the secret once, stores only its hash, and stops working when revoked', async () => {
    const session = await signIn(env.members.analyst.email, PASSWORD, '10.8.0.1');
    const created = await client(env.app).post(
      '/api/v1/tokens',
      { name: 'SIEM connector' },
      asCookie(cookieOf(session), session.json().csrfToken as string),
    );
    expect(created.status).toBe(201);
    const secret = created.body.token as string;
    expect(secret).toMatch(/^cf_/);
    const rows = await env.db.selectFrom('apiTokens').select('tokenHash').execute();
    expect(rows.some((r) => r.tokenHash === secret)).toBe(false);
    const list = await env.api('analyst').get('/api/v1/tokens');
    expect(JSON.stringify(list.body)).not.toContain(secret);
    expect((await client(env.app, secret).get('/api/v1/me')).body.account.email).toBe(
      env.members.analyst.email,
    );
    const revokedByOther = await env.api('admin').delete(`/api/v1/tokens/${created.body.id}`);
    expect(revokedByOther.status).toBe(404);
    expect((await env.api('analyst').delete(`/api/v1/tokens/${created.body.id}`)).status).toBe(204);
    expect((await client(env.app, secret).get('/api/v1/me')).status).toBe(401);
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
    env.clock.advance(25 * 3_600_000);
    // Refused at once, even while the server still remembers who the token belongs to.
    expect((await shortLived.get('/api/v1/me')).status).toBe(401);
    const listed = await client(env.app).get('/api/v1/tokens', headers);
    expect(listed.body.items.map((t: { scope: string }) => t.scope)).toEqual(
      expect.arrayContaining(['read', 'ingest', 'full']),
    );
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

describe('accounts', () => {
  it('creates an account with a role, refuses a duplicate e-mail, and audits both the creation and role change', async () => {
    const admin = env.api('admin');
    const created = await admin.post('/api/v1/accounts', {
      email: 'Hr.Partner@Example.com',
      name: 'HR Partner',
      role: 'guest',
      password: 'a long password here',
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      email: 'hr.partner@example.com',
      role: 'guest',
      disabled: false,
    });
    const dup = await admin.post('/api/v1/accounts', {
      email: 'hr.partner@example.com',
      name: 'Again',
      role: 'guest',
      password: 'a long password here',
    });
    expect(dup.status).toBe(409);
    const promoted = await admin.patch(`/api/v1/accounts/${created.body.id}`, {
      role: 'investigator',
    });
    expect(promoted.body.role).toBe('investigator');
    const events = await env.db
      .selectFrom('auditEvents')
      .select(['action', 'before', 'after'])
      .where('targetType', '=', 'account')
      .where('targetId', '=', String(created.body.id))
      .orderBy('seq')
      .execute();
    expect(events.map((e) => e.action)).toEqual(['account.created', 'account.updated']);
    expect(JSON.parse(events[1]!.before!)).toEqual({ role: 'guest' });
    expect(JSON.parse(events[1]!.after!)).toEqual({ role: 'investigator' });
    const unknownRole = await admin.post('/api/v1/accounts', {
      email: 'x@example.com',
      name: 'X',
      role: 'superuser',
      password: 'a long password here',
    });
    expect(unknownRole.status).toBe(400);
  });

  it('says of each listed account whether it may work cases and contribute to one', async () => {
    const leaver = await env.addMember('investigator', 'Lou Leaver');
    await env.api('admin').patch(`/api/v1/accounts/${leaver.id}`, { disabled: true });
    const list = AccountList.parse((await env.api('analyst').get('/api/v1/accounts')).body);
    const flags = (id: number) => {
      const a = list.items.find((x) => x.id === id);
      return a && { work: a.canWorkCases, contribute: a.canContribute };
    };
    const m = env.members;
    expect(flags(m.analyst.id)).toEqual({ work: true, contribute: true });
    expect(flags(m.investigator.id)).toEqual({ work: true, contribute: true });
    expect(flags(m.admin.id)).toEqual({ work: true, contribute: true });
    expect(flags(m.viewer.id)).toEqual({ work: false, contribute: true });
    expect(flags(m.guest.id)).toEqual({ work: false, contribute: true });
    expect(flags(m.ingest.id)).toEqual({ work: false, contribute: false });
    expect(flags(leaver.id)).toEqual({ work: false, contribute: false });
  });

  it('refuses to disable or demote the last active admin', async () => {
    const admins = (await env.api('admin').get('/api/v1/accounts')).body.items.filter(
      (a: { role: string; disabled: boolean }) => a.role === 'admin' && !a.disabled,
    );
    expect(admins).toHaveLength(1);
    const res = await env
      .api('admin')
      .patch(`/api/v1/accounts/${env.members.admin.id}`, { role: 'analyst' });
    expect(res.status).toBe(409);
    expect((await env.api('admin').get(`/api/v1/accounts/${env.members.admin.id}`)).body.role).toBe(
      'admin',
    );
  });
});
