import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Me } from '../../../contract/accounts.ts';
import { ErrorBody } from '../../../contract/errors.ts';
import { PASSWORD, startTestEnv, type TestEnv } from '../../testing/harness.ts';
import { insertAccount } from './accounts.repo.ts';
import { hashPassword } from './password.ts';

let env: TestEnv;
let proxied: TestEnv;
beforeAll(async () => {
  // Per address, fewer failures than the 50 sign-ins below: were successes counted, they would
  // be throttled.
  env = await startTestEnv({
    CASEFILE_SIGN_IN_FAILURES_PER_ACCOUNT: '10',
    CASEFILE_SIGN_IN_FAILURES_PER_ADDRESS: '20',
    CASEFILE_SIGN_IN_WINDOW_MINUTES: '15',
  });
  proxied = await startTestEnv({
    CASEFILE_TRUST_PROXY: 'true',
    CASEFILE_SIGN_IN_FAILURES_PER_ADDRESS: '3',
  });
});
afterAll(async () => {
  await env.close();
  await proxied.close();
});

const WRONG = 'not the password at all';

function attempt(
  email: string,
  password: string,
  remoteAddress: string,
  headers: Record<string, string> = {},
  on = env,
) {
  return on.app.inject({
    method: 'POST',
    url: '/api/v1/auth/sign-in',
    payload: { email, password },
    remoteAddress,
    headers,
  });
}

async function statuses(n: number, email: string, password: string, remoteAddress: string) {
  const out: number[] = [];
  for (let i = 0; i < n; i += 1)
    out.push((await attempt(email, password, remoteAddress)).statusCode);
  return out;
}

const errorOf = (res: { json(): unknown }) => ErrorBody.parse(res.json()).error;
const times = (n: number, status: number) => Array.from({ length: n }, () => status);

describe('sign-in throttling', () => {
  it('lets 50 people sign in from one address, none of them throttled', async () => {
    // One hash for all: hashing 50 passwords would take longer than the sign-ins themselves.
    const passwordHash = await hashPassword(PASSWORD);
    const at = env.clock.now().toISOString();
    const emails: string[] = [];
    for (let i = 0; i < 50; i += 1) {
      const email = `shift.${i}@example.com`;
      await insertAccount(env.db, {
        workspaceId: env.workspaceId,
        email,
        name: `Shift Analyst ${i}`,
        roleKey: 'analyst',
        passwordHash,
        disabled: 0,
        createdAt: at,
        updatedAt: at,
      });
      emails.push(email);
    }
    const answered: number[] = [];
    for (const email of emails) {
      const res = await attempt(email, PASSWORD, '10.20.0.1');
      answered.push(res.statusCode);
      if (res.statusCode === 200) expect(Me.parse(res.json()).account.email).toBe(email);
    }
    expect(answered).toEqual(times(50, 200));
  });

  it('throttles an account after 10 wrong passwords, and only that account', async () => {
    const target = await env.addMember('analyst', 'Tara Targeted');
    const colleague = await env.addMember('analyst', 'Colin Colleague');
    expect(await statuses(10, target.email, WRONG, '10.21.0.1')).toEqual(times(10, 401));
    // The right password no longer helps, from this address or any other.
    for (const address of ['10.21.0.1', '10.21.0.2']) {
      const limited = await attempt(target.email, PASSWORD, address);
      expect(limited.statusCode).toBe(429);
      expect(errorOf(limited)).toMatchObject({
        code: 'rate_limited',
        message: 'Too many failed sign-ins for this account; try again in 15 minutes',
      });
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(14 * 60);
      expect(Number(limited.headers['retry-after'])).toBeLessThanOrEqual(15 * 60);
      expect(limited.headers['set-cookie']).toBeUndefined();
    }
    const other = await attempt(colleague.email, PASSWORD, '10.21.0.1');
    expect(other.statusCode).toBe(200);
    expect(Me.parse(other.json()).account.id).toBe(colleague.id);
    // The same e-mail typed differently is the same account.
    expect(
      (await attempt(`  ${target.email.toUpperCase()} `, PASSWORD, '10.21.0.3')).statusCode,
    ).toBe(429);
  });

  it('lets no more attempts through than the limit when they arrive together', async () => {
    const person = await env.addMember('analyst', 'Rita Rushed');
    const answers = await Promise.all(
      Array.from({ length: 30 }, (_, i) => attempt(person.email, WRONG, `10.26.0.${i}`)),
    );
    const codes = answers.map((a) => a.statusCode).sort();
    expect(codes).toEqual([...times(10, 401), ...times(20, 429)]);
  });

  it('lets the account in again once the window has passed', async () => {
    const person = await env.addMember('analyst', 'Wendy Waits');
    expect(await statuses(10, person.email, WRONG, '10.24.0.1')).toEqual(times(10, 401));
    expect((await attempt(person.email, PASSWORD, '10.24.0.1')).statusCode).toBe(429);
    env.clock.advance(15 * 60_000);
    expect((await attempt(person.email, PASSWORD, '10.24.0.1')).statusCode).toBe(200);
  });

  it('answers a throttled unknown e-mail exactly as a throttled account', async () => {
    const known = await env.addMember('analyst', 'Kim Known');
    const unknown = 'nobody.here@example.com';
    expect(await statuses(10, known.email, WRONG, '10.22.0.1')).toEqual(times(10, 401));
    expect(await statuses(10, unknown, WRONG, '10.22.0.2')).toEqual(times(10, 401));
    const headers = { 'x-request-id': 'throttle-compare' };
    const a = await attempt(known.email, PASSWORD, '10.22.0.3', headers);
    const b = await attempt(unknown, PASSWORD, '10.22.0.4', headers);
    expect(a.statusCode).toBe(429);
    expect(b.statusCode).toBe(a.statusCode);
    expect(b.rawPayload.equals(a.rawPayload)).toBe(true);
    const shown = (res: typeof a) => {
      const { date: _date, ...rest } = res.headers;
      return rest;
    };
    expect(shown(b)).toEqual(shown(a));
    expect(errorOf(a).message).toBe(
      'Too many failed sign-ins for this account; try again in 15 minutes',
    );
  });

  it('clears the failures of an account when it signs in', async () => {
    const person = await env.addMember('analyst', 'Fran Forgetful');
    expect(await statuses(9, person.email, WRONG, '10.25.0.1')).toEqual(times(9, 401));
    expect((await attempt(person.email, PASSWORD, '10.25.0.1')).statusCode).toBe(200);
    expect(await statuses(10, person.email, WRONG, '10.25.0.2')).toEqual(times(10, 401));
    expect((await attempt(person.email, WRONG, '10.25.0.2')).statusCode).toBe(429);
  });

  it('throttles an address after its failures over many e-mails, and not the accounts', async () => {
    const person = await env.addMember('analyst', 'Sam Sprayed');
    for (let i = 0; i < 20; i += 1)
      expect((await attempt(`guess.${i}@example.com`, WRONG, '10.23.0.1')).statusCode).toBe(401);
    const limited = await attempt(person.email, PASSWORD, '10.23.0.1');
    expect(limited.statusCode).toBe(429);
    expect(errorOf(limited).message).toBe(
      'Too many failed sign-ins from this address; try again in 15 minutes',
    );
    expect(limited.headers['retry-after']).toEqual(expect.any(String));
    expect((await attempt(person.email, PASSWORD, '10.23.0.2')).statusCode).toBe(200);
  });

  it('counts by the address the trusted proxy saw, not one the client wrote in X-Forwarded-For', async () => {
    const person = await proxied.addMember('analyst', 'Nat Behind');
    // The proxy on 127.0.0.1 appends the address it saw to whatever the client sent.
    const via = (forged: string, client: string) => ({ 'x-forwarded-for': `${forged}, ${client}` });
    for (let i = 0; i < 3; i += 1) {
      const res = await attempt(
        `spray.${i}@example.com`,
        WRONG,
        '127.0.0.1',
        via(`203.0.113.${i}`, '198.51.100.7'),
        proxied,
      );
      expect(res.statusCode).toBe(401);
    }
    const limited = await attempt(
      person.email,
      PASSWORD,
      '127.0.0.1',
      via('203.0.113.99', '198.51.100.7'),
      proxied,
    );
    expect(limited.statusCode).toBe(429);
    expect(errorOf(limited).message).toMatch(/from this address/);
    const neighbour = await attempt(
      person.email,
      PASSWORD,
      '127.0.0.1',
      via('198.51.100.7', '198.51.100.8'),
      proxied,
    );
    expect(neighbour.statusCode).toBe(200);
  });
});
