import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCasefile } from './run-casefile.ts';
import { client, startTestEnv, type TestEnv } from '../server/testing/harness.ts';

let env: TestEnv;
beforeAll(async () => {
  // The command line is another process: this server must not remember its accounts.
  env = await startTestEnv({ CASEFILE_AUTH_CACHE_SECONDS: '0' });
});
afterAll(() => env.close());

const casefile = (...args: string[]) => runCasefile(env.database.cliEnv, ...args);

describe('casefile command', () => {
  it('creates an account and an API token that the API accepts', async () => {
    const created = await casefile(
      'account',
      'create',
      '--email',
      'Cli.User@Example.com',
      '--name',
      'Cli User',
      '--role',
      'investigator',
      '--password',
      'a long cli password',
    );
    expect(created.stderr).toBe('');
    expect(created.stdout).toContain('Created investigator cli.user@example.com');
    const token = await casefile(
      'token',
      'create',
      '--email',
      'cli.user@example.com',
      '--name',
      'automation',
    );
    const secret = token.stdout.trim();
    expect(secret).toMatch(/^cf_/);
    const me = await client(env.app, secret).get('/api/v1/me');
    expect(me.body.account).toMatchObject({ email: 'cli.user@example.com', role: 'investigator' });
  });

  it('resets a password and disables an account, ending access', async () => {
    const person = await env.addMember('analyst', 'Reset Me');
    const reset = await casefile(
      'account',
      'reset-password',
      '--email',
      person.email,
      '--password',
      'another long password',
    );
    expect(reset.code).toBe(0);
    const signIn = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      payload: { email: person.email, password: 'another long password' },
    });
    expect(signIn.statusCode).toBe(200);
    const disabled = await casefile('account', 'disable', '--email', person.email);
    expect(disabled.code).toBe(0);
    expect((await client(env.app, person.token).get('/api/v1/me')).status).toBe(401);
  });

  it('verifies the audit chain, and names the first broken event with a failing exit code', async () => {
    await env.api('analyst').post('/api/v1/cases', { title: 'verify me' });
    const ok = await casefile('verify-audit');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/audit events verified, chain intact/);
    const victim = await env.db
      .selectFrom('auditEvents')
      .select(['id', 'seq'])
      .where('action', '=', 'case.created')
      .executeTakeFirstOrThrow();
    await sql`update audit_events set actor_name = 'Mallory' where id = ${victim.id}`.execute(
      env.db,
    );
    const broken = await casefile('verify-audit');
    expect(broken.code).toBe(3);
    expect(broken.stdout).toContain(
      `BROKEN at event #${victim.seq} (row id ${victim.id}): its content does not match its hash`,
    );
  });

  it('explains bad usage and bad configuration', async () => {
    const unknown = await casefile('frobnicate');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command');
    const missing = await casefile('account', 'create', '--email', 'x@example.com');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('--name is required');
  });
});
