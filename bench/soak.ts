/**
 * Soak: the real server under mixed reads, writes and ingestion from N clients for M minutes,
 * with faults in the middle (PostgreSQL: its connections reset at 1/3, the database restarted
 * at 1/2; SQLite: the server killed with SIGKILL at 1/2 and started again). At the end it
 * counts every acknowledged write back, counts 5xx answers other than 503, and verifies the
 * audit chain against the anchor the server wrote at start. See bench/README.md.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/db/connection.ts';
import { systemClock } from '../server/lib/clock.ts';
import { createAccountAs, createTokenFor, loadActor } from '../server/modules/accounts/index.ts';
import {
  checkAuditAnchors,
  parseAuditAnchors,
  verifyAuditChain,
} from '../server/modules/audit/index.ts';
import { systemActor } from '../server/modules/workspaces/index.ts';
import { startTcpProxy, type TcpProxy } from '../server/testing/tcp-proxy.ts';
import type { BenchEngine } from './args.ts';
import { createBenchDatabase, prepareFixture } from './prepare.ts';
import { killChildren, startChild, type Child } from './processes.ts';

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'sqlite' },
    minutes: { type: 'string', default: '10' },
    clients: { type: 'string', default: '16' },
    'pg-url': { type: 'string' },
  },
});
const engine = values.engine as BenchEngine;
if (engine !== 'sqlite' && engine !== 'postgres') throw new Error('--engine sqlite|postgres');
const durationMs = Number(values.minutes) * 60_000;
const clients = Number(values.clients);
const pgUrl =
  values['pg-url'] ??
  process.env.CASEFILE_BENCH_DATABASE_URL ??
  'postgres://casefile:casefile@127.0.0.1:5432/postgres';
const log = (text: string) => console.log(`[soak] ${text}`);

const target = await createBenchDatabase(engine, pgUrl);
const dataDir = target.dataDir ?? join(process.cwd(), 'bench', 'results', `soak-${process.pid}`);
let proxy: TcpProxy | undefined;
let server: Child | undefined;
try {
  const fixture = await prepareFixture(target, 1);
  const analyst = fixture.analysts[0]!.token;
  const setup = openDatabase({ databaseUrl: target.databaseUrl, sqliteFile: target.sqliteFile });
  const feed = await createAccountAs(setup.db, systemClock, systemActor(fixture.workspaceId), {
    email: 'soak-feed@bench.casefile.local',
    name: 'Soak feed',
    role: 'ingest',
    password: 'soak-feed-password-not-secret',
  });
  const feedToken = (
    await createTokenFor(
      setup.db,
      systemClock,
      (await loadActor(setup.db, feed.id, 'token'))!,
      'soak',
    )
  ).token;
  await setup.close();

  let serverUrl = target.databaseUrl;
  if (target.databaseUrl) {
    const u = new URL(target.databaseUrl);
    proxy = await startTcpProxy(u.hostname, Number(u.port || 5432));
    u.hostname = '127.0.0.1';
    u.port = String(proxy.port);
    serverUrl = u.toString();
  }
  const env = {
    CASEFILE_LOG_LEVEL: 'error',
    CASEFILE_DATA_DIR: dataDir,
    DATABASE_URL: serverUrl ?? '',
  };
  server = await startChild(['bin/casefile.js', 'serve'], env, '/readyz');
  let base = server.url;

  const statuses = new Map<number, number>();
  const cases: number[] = [];
  const comments: string[] = [];
  const alerts: number[] = [];
  let failedConnections = 0;
  let running = true;
  let n = 0;
  const call = async (token: string, method: string, path: string, body?: unknown) => {
    try {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(30_000),
      });
      statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
      return {
        status: res.status,
        body: res.status < 300 ? ((await res.json()) as Record<string, unknown>) : null,
      };
    } catch {
      failedConnections += 1; // the server was down: no answer, nothing acknowledged
      await new Promise((r) => setTimeout(r, 200));
      return { status: 0, body: null };
    }
  };
  const client = async (c: number) => {
    while (running) {
      n += 1;
      const i = n;
      const pick = (i * 7 + c) % 20;
      if (pick < 8) await call(analyst, 'GET', '/api/v1/cases?limit=50&category=new,active');
      else if (pick < 10) await call(analyst, 'GET', '/api/v1/alerts?limit=50');
      else if (pick < 14) {
        const res = await call(analyst, 'POST', '/api/v1/cases', { title: `Soak ${i}` });
        if (res.status === 201) cases.push(res.body!.number as number);
      } else if (pick < 17 && cases.length > 0) {
        const text = `Soak note ${i}`;
        const res = await call(
          analyst,
          'POST',
          `/api/v1/cases/${cases[i % cases.length]}/comments`,
          { body: text },
        );
        if (res.status === 201) comments.push(text);
      } else {
        const res = await call(feedToken, 'POST', '/api/v1/alerts', {
          alerts: Array.from({ length: 10 }, (_, k) => ({
            source: 'soak',
            externalId: `soak-${i}-${k}`,
            title: 'Beacon to a rare domain',
            severity: 'low',
            detectedAt: new Date().toISOString(),
            subject: {
              email: `person${(i + k) % 50}@corp.example`,
              name: `Person ${(i + k) % 50}`,
            },
            entities: [{ type: 'host', value: `host-${(i + k) % 80}` }],
          })),
        });
        if (res.status === 200)
          alerts.push(...(res.body!.results as Array<{ id: number }>).map((r) => r.id));
      }
    }
  };
  const started = Date.now();
  log(`${engine}: ${clients} clients for ${values.minutes} min against ${base}`);
  const loops = Array.from({ length: clients }, (_, c) => client(c));
  const faults = (async () => {
    const at = (share: number) =>
      new Promise((r) => setTimeout(r, Math.max(0, started + durationMs * share - Date.now())));
    if (proxy) {
      await at(1 / 3);
      log('resetting every PostgreSQL connection');
      proxy.reset();
      await at(1 / 2);
      log('restarting PostgreSQL');
      const version = execFileSync('sh', ['-c', 'ls /usr/lib/postgresql | sort -n | tail -n 1'])
        .toString()
        .trim();
      execFileSync('pg_ctlcluster', [version, 'main', 'restart']);
    } else {
      await at(1 / 2);
      log('killing the server with SIGKILL and starting it again');
      execFileSync('kill', ['-9', String(server.pid)]);
      server = await startChild(['bin/casefile.js', 'serve'], env, '/readyz');
      base = server.url;
    }
  })();
  await new Promise((r) => setTimeout(r, durationMs));
  running = false;
  await Promise.all([...loops, faults]);
  await server.stop();

  const check = openDatabase({ databaseUrl: target.databaseUrl, sqliteFile: target.sqliteFile });
  const storedCases = new Set(
    (await check.db.selectFrom('cases').select('number').execute()).map((r) => r.number),
  );
  const storedComments = new Set(
    (await check.db.selectFrom('comments').select('body').execute()).map((r) => r.body),
  );
  const storedAlerts = new Set(
    (await check.db.selectFrom('alerts').select('id').execute()).map((r) => r.id),
  );
  const chain = await verifyAuditChain(check.db, fixture.workspaceId);
  const anchors = parseAuditAnchors(readFileSync(join(dataDir, 'audit-anchors.jsonl'), 'utf8'));
  const contradicted = await checkAuditAnchors(check.db, fixture.workspaceId, anchors);
  await check.close();
  const answered = [...statuses.values()].reduce((a, b) => a + b, 0);
  const unexpected5xx = [...statuses]
    .filter(([s]) => s >= 500 && s !== 503)
    .reduce((a, [, c]) => a + c, 0);
  const report = {
    engine,
    minutes: Number(values.minutes),
    clients,
    answered,
    perSecond: Math.round(answered / (durationMs / 1000)),
    statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
    noAnswer: failedConnections,
    unexpected5xx,
    lost: {
      cases: cases.filter((c) => !storedCases.has(c)).length,
      comments: comments.filter((c) => !storedComments.has(c)).length,
      alerts: alerts.filter((a) => !storedAlerts.has(a)).length,
    },
    acknowledged: { cases: cases.length, comments: comments.length, alerts: alerts.length },
    auditChain: chain.ok ? `intact (${chain.checked} events)` : `BROKEN: ${JSON.stringify(chain)}`,
    anchors: contradicted ? `CONTRADICTED: ${contradicted.reason}` : `${anchors.length} matched`,
  };
  console.log(JSON.stringify(report, null, 2));
  const ok =
    unexpected5xx === 0 &&
    report.lost.cases + report.lost.comments + report.lost.alerts === 0 &&
    chain.ok &&
    !contradicted;
  log(ok ? 'PASS' : 'FAIL');
  process.exitCode = ok ? 0 : 1;
} finally {
  killChildren();
  await proxy?.close();
  await target.drop();
}
