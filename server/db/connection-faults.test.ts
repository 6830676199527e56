import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { systemClock } from '../lib/clock.ts';
import { createAccountAs, createTokenFor, loadActor } from '../modules/accounts/index.ts';
import { systemActor } from '../modules/workspaces/index.ts';
import { startChildServer, type ChildServer } from '../testing/child-server.ts';
import { startTcpProxy, type TcpProxy } from '../testing/tcp-proxy.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';

// The real server as its own process, on PostgreSQL through a proxy that breaks its
// connections: a database fault must never end the process, and it answers 503, not 500.
const onPostgres = inject('testEngine') === 'postgres';

let database: TestDatabase;
let proxy: TcpProxy;
let server: ChildServer;
let base = '';
let token = '';
const dataDir = mkdtempSync(join(tmpdir(), 'casefile-faults-'));

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function call(method: string, path: string, body?: unknown) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
    signal: AbortSignal.timeout(15_000),
  });
  const text = await res.text();
  return { status: res.status, retryAfter: res.headers.get('retry-after'), body: text };
}

/** Mixed reads and writes from `clients` loops until `stop()`; every answer is kept. */
function load(clients: number) {
  const answers: Array<{ status: number; body: string; retryAfter: string | null }> = [];
  let running = true;
  let n = 0;
  const loops = Array.from({ length: clients }, async (_, c) => {
    while (running) {
      n += 1;
      answers.push(
        c % 2 === 0
          ? await call('GET', '/api/v1/cases?limit=20')
          : await call('POST', '/api/v1/cases', { title: `Fault drill ${n}`, priority: 'low' }),
      );
    }
  });
  return {
    answers,
    stop: async () => {
      running = false;
      await Promise.all(loops);
    },
  };
}

beforeAll(async () => {
  if (!onPostgres) return;
  database = await createTestDatabase();
  const url = new URL(database.cliEnv.DATABASE_URL!);
  proxy = await startTcpProxy(url.hostname, Number(url.port || 5432));
  const viaProxy = new URL(url);
  viaProxy.hostname = '127.0.0.1';
  viaProxy.port = String(proxy.port);
  const ws = await database.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();
  const account = await createAccountAs(database.db, systemClock, systemActor(ws.id), {
    email: 'drill@example.com',
    name: 'Drill',
    role: 'analyst',
    password: 'correct horse battery staple',
  });
  const actor = await loadActor(database.db, account.id, 'token');
  token = (await createTokenFor(database.db, systemClock, actor!, 'drill')).token;
  server = await startChildServer({
    DATABASE_URL: viaProxy.toString(),
    CASEFILE_DATA_DIR: dataDir,
  });
  base = server.base;
  expect(await server.ready(30_000), server.output()).toBe(true);
}, 60_000);

afterAll(async () => {
  if (!onPostgres) return;
  await server?.stop();
  await proxy?.close();
  await database?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe.runIf(onPostgres)('database faults on PostgreSQL', () => {
  it('survives its connections being reset under load, answering 503 meanwhile, and recovers', async () => {
    const run = load(8);
    await sleep(1_500);
    for (let i = 0; i < 3; i += 1) {
      proxy.reset();
      await sleep(400);
    }
    await sleep(1_000);
    await run.stop();
    expect(server.process.exitCode, server.output()).toBeNull();
    const statuses = new Set(run.answers.map((a) => a.status));
    // Only successes and clean 503s: never a 500, never a dropped answer.
    expect(
      [...statuses].filter((s) => ![200, 201, 503].includes(s)),
      server.output(),
    ).toEqual([]);
    for (const a of run.answers.filter((x) => x.status === 503)) {
      expect(JSON.parse(a.body).error.code).toBe('unavailable');
      expect(a.retryAfter).toBe('5');
    }
    expect(run.answers.filter((a) => a.status < 300).length).toBeGreaterThan(10);
    // The pool reconnects by itself.
    expect((await call('GET', '/api/v1/cases?limit=1')).status).toBe(200);
    expect((await call('POST', '/api/v1/cases', { title: 'After the reset' })).status).toBe(201);
  });

  it('answers 503 with Retry-After while the database is unreachable, and recovers when it returns', async () => {
    await proxy.stop();
    const read = await call('GET', '/api/v1/cases?limit=1');
    expect(read.status).toBe(503);
    expect(JSON.parse(read.body).error.code).toBe('unavailable');
    expect(read.retryAfter).toBe('5');
    const write = await call('POST', '/api/v1/cases', { title: 'During the outage' });
    expect(write.status).toBe(503);
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
    expect(server.process.exitCode, server.output()).toBeNull();
    await proxy.start();
    expect(await server.ready(15_000)).toBe(true);
    expect((await call('POST', '/api/v1/cases', { title: 'After the outage' })).status).toBe(201);
    // Nothing of the refused write was stored.
    const titles = await database.db.selectFrom('cases').select('title').execute();
    expect(titles.map((t) => t.title)).not.toContain('During the outage');
  });
});
