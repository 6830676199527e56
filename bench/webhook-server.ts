import { readFileSync } from 'node:fs';
import { openDatabase } from '../server/db/connection.ts';
import { systemClock } from '../server/lib/clock.ts';
import { createAccountAs, createTokenFor, loadActor } from '../server/modules/accounts/index.ts';
import { systemActor } from '../server/modules/workspaces/index.ts';
import type { BenchEngine } from './args.ts';
import { createBenchDatabase, prepareFixture, type BenchDatabase } from './prepare.ts';
import { startChild, type Child } from './processes.ts';

/** The real server on a fresh database, with the tokens the webhook bench uses. */
export interface BenchServer {
  server: Child;
  target: BenchDatabase;
  admin: string;
  analyst: string;
  ingest: string;
}

/** Databases to drop if the run is interrupted. */
export const pendingDrops = new Set<() => Promise<void>>();

async function tokenFor(
  target: BenchDatabase,
  workspaceId: number,
  role: 'admin' | 'ingest',
): Promise<string> {
  const database = openDatabase({ databaseUrl: target.databaseUrl, sqliteFile: target.sqliteFile });
  try {
    const account = await createAccountAs(database.db, systemClock, systemActor(workspaceId), {
      email: `${role}@bench.casefile.local`,
      name: `Bench ${role}`,
      role,
      password: `bench-${role}-password-not-secret`,
    });
    const actor = await loadActor(database.db, account.id, 'token');
    if (!actor) throw new Error(`the ${role} account did not load`);
    return (await createTokenFor(database.db, systemClock, actor, `bench ${role}`)).token;
  } finally {
    await database.close();
  }
}

/** Runs `work` against the real server (a child process) on a fresh database, then drops it. */
export async function withServer<T>(
  engine: BenchEngine,
  pgUrl: string,
  env: Record<string, string>,
  work: (s: BenchServer) => Promise<T>,
): Promise<T> {
  const target = await createBenchDatabase(engine, pgUrl);
  pendingDrops.add(target.drop);
  try {
    const fixture = await prepareFixture(target, 1);
    const admin = await tokenFor(target, fixture.workspaceId, 'admin');
    const ingest = await tokenFor(target, fixture.workspaceId, 'ingest');
    const server = await startChild(
      ['bin/casefile.js', 'serve'],
      {
        CASEFILE_LOG_LEVEL: 'warn',
        CASEFILE_DATA_DIR: target.dataDir ?? '',
        DATABASE_URL: target.databaseUrl ?? '',
        ...env,
      },
      '/readyz',
    );
    try {
      return await work({ server, target, admin, analyst: fixture.analysts[0]!.token, ingest });
    } finally {
      await server.stop();
    }
  } finally {
    pendingDrops.delete(target.drop);
    await target.drop();
  }
}

/** One JSON call to the server; throws on anything but a 2xx. */
export async function call<T>(
  s: BenchServer,
  token: string,
  method: 'POST' | 'PATCH',
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const res = await fetch(`${s.server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as T;
}

export interface Subscription {
  id: number;
  version: number;
}

/** `n` subscriptions to `<base>/s/<i>`, through the API. */
export async function subscribe(
  s: BenchServer,
  base: string,
  n: number,
  opts: { eventTypes: unknown; enabled: boolean },
): Promise<Subscription[]> {
  const subs: Subscription[] = [];
  for (let i = 0; i < n; i += 1)
    subs.push(
      await call<Subscription>(s, s.admin, 'POST', '/api/v1/webhooks', {
        url: `${base}/s/${i}`,
        eventTypes: opts.eventTypes,
        enabled: opts.enabled,
      }),
    );
  return subs;
}

/** Turns the subscriptions on, each at the version it was created with. */
export async function enable(s: BenchServer, subs: Subscription[]): Promise<void> {
  for (const sub of subs)
    await call(
      s,
      s.admin,
      'PATCH',
      `/api/v1/webhooks/${sub.id}`,
      { enabled: true },
      { 'if-match': `"${sub.version}"` },
    );
}

let made = 0;
/** Creates one case as the analyst (one `case.created` event). */
export const createCase = (s: BenchServer) =>
  call(s, s.analyst, 'POST', '/api/v1/cases', {
    title: `Webhook bench case ${(made += 1)}: Mass download from SharePoint site`,
    priority: 'medium',
    tags: ['bench'],
  });

/** Creates `total` cases from `clients` closed-loop clients; returns cases per second. */
export async function createCases(s: BenchServer, total: number, clients: number) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next++ < total) await createCase(s);
    }),
  );
  return total / ((performance.now() - started) / 1000);
}

/** Creates cases at `rate` per second for `seconds` (open loop, at most 32 in flight). */
export async function createCasesPaced(s: BenchServer, rate: number, seconds: number) {
  const total = Math.round(rate * seconds);
  const started = performance.now();
  const inFlight = new Set<Promise<unknown>>();
  for (let i = 0; i < total; i += 1) {
    const due = started + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    while (inFlight.size >= 32) await Promise.race(inFlight);
    const p = createCase(s).finally(() => inFlight.delete(p));
    inFlight.add(p);
  }
  await Promise.all(inFlight);
  return total;
}

/** CPU seconds (user + system) a process has used so far; NaN where /proc is not there. */
export function cpuSeconds(pid: number): number {
  try {
    // Fields after the command name in parentheses; utime and stime are the 12th and 13th.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}
