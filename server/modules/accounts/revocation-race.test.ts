import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { CreatedApiToken, Me } from '../../../contract/accounts.ts';
import {
  client,
  PASSWORD,
  startTestEnv,
  type Client,
  type TestEnv,
} from '../../testing/harness.ts';
import { slowCommit } from '../../testing/slow-commit.ts';

const onPostgres = inject('testEngine') === 'postgres';

let env: TestEnv;
beforeAll(async () => {
  // A long cache lifetime: a credential cached wrongly would keep working for the whole test.
  env = await startTestEnv({ CASEFILE_AUTH_CACHE_SECONDS: '60' });
});
afterAll(() => env.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(what: string, done: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(5);
  }
}

interface Outcome {
  startedAfterAnswer: boolean;
  status: number;
}

/**
 * Keeps `workers` requests in flight until stopped; each outcome says whether its request
 * started after `answered()` was called.
 */
function hammer(send: () => Promise<number>, workers = 8) {
  let answered = false;
  let stopped = false;
  const outcomes: Outcome[] = [];
  const loops = Array.from({ length: workers }, async () => {
    while (!stopped) {
      const startedAfterAnswer = answered;
      outcomes.push({ startedAfterAnswer, status: await send() });
      // A cached answer on SQLite settles without I/O: let timers and other requests run.
      await new Promise((r) => setImmediate(r));
    }
  });
  return {
    outcomes,
    answered: () => {
      answered = true;
    },
    afterAnswer: () => outcomes.filter((o) => o.startedAfterAnswer).length,
    stop: async () => {
      stopped = true;
      await Promise.all(loops);
      return outcomes;
    },
  };
}

async function meStatus(api: Client, headers?: Record<string, string>): Promise<number> {
  const res = await api.get('/api/v1/me', headers);
  if (res.status === 200) Me.parse(res.body);
  return res.status;
}

/** A new token of the account, made as tokens are: from a signed-in session. */
async function newToken(email: string, name: string) {
  const session = await signIn(email);
  const res = await client(env.app).post(
    '/api/v1/tokens',
    { name },
    { cookie: session.cookie, 'x-csrf-token': session.csrf },
  );
  expect(res.status).toBe(201);
  return CreatedApiToken.parse(res.body);
}

const cookieOf = (headers: Record<string, unknown>) => {
  const set = headers['set-cookie'];
  const line = (Array.isArray(set) ? set : [set]).find((c) =>
    String(c).startsWith('casefile_session='),
  );
  return String(line ?? '').split(';')[0] ?? '';
};

async function signIn(email: string, password = PASSWORD) {
  const res = await env.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password },
  });
  expect(res.statusCode).toBe(200);
  return { cookie: cookieOf(res.headers), csrf: Me.parse(res.json()).csrfToken ?? '' };
}

describe('credential cache and commits', () => {
  it('answers 401 to every request with a token made after its revocation was answered', async () => {
    const member = await env.addMember('analyst', 'Rae Revoker');
    const owner = client(env.app, member.token);
    const revoked = await newToken(member.email, 'racing connector');
    const withToken = client(env.app, revoked.token);
    // Both credentials are cached before the race starts, as on a server in use.
    expect(await meStatus(withToken)).toBe(200);
    expect(await meStatus(owner)).toBe(200);
    // On PostgreSQL the revocation spends 300 ms in its COMMIT, invisible to other connections:
    // requests keep arriving between the revoke's last statement and its commit, where a cache
    // dropped too early is filled again with the token as it was.
    const restore = onPostgres
      ? await slowCommit(env.db, 'api_tokens', 'update', 'new.revoked_at is not null', 0.3)
      : async () => {};
    try {
      const load = hammer(() => meStatus(withToken));
      await until('requests in flight', () => load.outcomes.length >= 8);
      const answer = await owner.delete(`/api/v1/tokens/${revoked.id}`);
      expect(answer.status).toBe(204);
      load.answered();
      await until('requests after the revocation', () => load.afterAnswer() >= 80);
      const outcomes = await load.stop();
      expect(outcomes.some((o) => !o.startedAfterAnswer && o.status === 200)).toBe(true);
      const after = outcomes.filter((o) => o.startedAfterAnswer).map((o) => o.status);
      expect(after.filter((s) => s !== 401)).toEqual([]);
    } finally {
      await restore();
    }
  });

  it.runIf(onPostgres)(
    'does not keep a token looked up before its revocation committed and stored after',
    async () => {
      const member = await env.addMember('analyst', 'Lou Lookup');
      const owner = client(env.app, member.token);
      const revoked = await newToken(member.email, 'slow lookup');
      const withToken = client(env.app, revoked.token);
      expect(await meStatus(owner)).toBe(200);
      // Another connection holds the roles table, so a lookup of the token (not cached yet)
      // reads the token row and then waits to load its account's role: a slow lookup that
      // straddles the revocation's commit.
      const locker = new pg.Client({ connectionString: env.database.cliEnv.DATABASE_URL });
      await locker.connect();
      try {
        await locker.query('begin');
        await locker.query('lock table roles in access exclusive mode');
        const slow = meStatus(withToken);
        await until('the lookup to wait for the lock', async () => {
          const { rows } = await sql<{ n: number }>`
            select count(*)::int as n from pg_stat_activity
            where datname = current_database() and wait_event_type = 'Lock'`.execute(env.db);
          return (rows[0]?.n ?? 0) > 0;
        });
        const answer = await owner.delete(`/api/v1/tokens/${revoked.id}`);
        expect(answer.status).toBe(204);
        await locker.query('commit');
        // It started before the revocation and read the token then: it may succeed...
        expect(await slow).toBe(200);
      } finally {
        await locker.end();
      }
      // ...but what it read must not serve the requests after the revocation.
      expect(await meStatus(withToken)).toBe(401);
    },
  );

  it('answers 401 to every request with another session after the password change was answered', async () => {
    const person = await env.addMember('analyst', 'Pia Passchange');
    const changer = await signIn(person.email);
    const other = await signIn(person.email);
    const anon = client(env.app);
    expect(await meStatus(anon, { cookie: other.cookie })).toBe(200);
    expect(await meStatus(anon, { cookie: changer.cookie })).toBe(200);
    const restore = onPostgres
      ? await slowCommit(
          env.db,
          'accounts',
          'update',
          'new.password_hash is distinct from old.password_hash',
          0.3,
        )
      : async () => {};
    try {
      const load = hammer(() => meStatus(anon, { cookie: other.cookie }));
      await until('requests in flight', () => load.outcomes.length >= 8);
      const answer = await anon.post(
        '/api/v1/me/password',
        { currentPassword: PASSWORD, newPassword: 'a fresh passphrase for the race' },
        { cookie: changer.cookie, 'x-csrf-token': changer.csrf },
      );
      expect(answer.status).toBe(200);
      Me.parse(answer.body);
      load.answered();
      await until('requests after the change', () => load.afterAnswer() >= 80);
      const outcomes = await load.stop();
      expect(outcomes.some((o) => !o.startedAfterAnswer && o.status === 200)).toBe(true);
      const after = outcomes.filter((o) => o.startedAfterAnswer).map((o) => o.status);
      expect(after.filter((s) => s !== 401)).toEqual([]);
      expect(await meStatus(anon, { cookie: changer.cookie })).toBe(401);
    } finally {
      await restore();
    }
  });
});
