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
