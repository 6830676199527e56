/**
 * What pseudonymisation costs on the queue pages: per engine, a fresh database and the real
 * server as a child process; alerts about many people (their names in the titles) and cases
 * about them; then the alert queue, a text search and the cases dashboard measured with the
 * workspace's setting off and on. See bench/README.md ("Pseudonymisation").
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/db/connection.ts';
import { parseEngines, positiveOption, type BenchEngine } from './args.ts';
import { measure, type LoadResult } from './load.ts';
import { createBenchDatabase, ingestToken, prepareFixture, type BenchDatabase } from './prepare.ts';
import { cleanUpOnInterrupt, killChildren, startChild } from './processes.ts';

const log = (text: string) => console.log(`[pseudonymise] ${text}`);
const pendingDrops = new Set<() => Promise<void>>();
const first = ['Ana', 'Bruno', 'Chen', 'Dara', 'Emil', 'Fatima', 'Goran', 'Hana', 'Ivo', 'Jia'];
const last = ['Novak', 'Okafor', 'Petrova', 'Quinn', 'Rossi', 'Sato', 'Tanaka', 'Ueda', 'Varga'];

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string', default: 'both' },
      alerts: { type: 'string', default: '50000' },
      subjects: { type: 'string', default: '5000' },
      cases: { type: 'string', default: '2000' },
      connections: { type: 'string', default: '8' },
      duration: { type: 'string', default: '8' },
      warmup: { type: 'string', default: '2' },
      'pg-url': { type: 'string' },
    },
    strict: true,
  });
  const num = (name: keyof typeof values) => positiveOption(name, values[name]);
  return {
    engines: parseEngines(values.engine),
    alerts: num('alerts'),
    subjects: num('subjects'),
    cases: num('cases'),
    connections: num('connections'),
    duration: num('duration'),
    warmup: num('warmup'),
    pgUrl:
      values['pg-url'] ??
      process.env.CASEFILE_BENCH_DATABASE_URL ??
      'postgres://casefile:casefile@127.0.0.1:5432/postgres',
  };
}
type Args = ReturnType<typeof parse>;

const person = (i: number) => {
  const name = `${first[i % first.length]} ${last[Math.floor(i / first.length) % last.length]} ${i}`;
  return { name, email: `${name.toLowerCase().replace(/ /g, '.')}@corp.example` };
};

async function call(url: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as Record<string, unknown>;
}

async function seed(args: Args, url: string, ingest: string, analyst: string) {
  const now = Date.now();
  const ids: number[] = [];
  for (let b = 0; b * 1000 < args.alerts; b += 1) {
    const alerts = Array.from({ length: Math.min(1000, args.alerts - b * 1000) }, (_, j) => {
      const i = b * 1000 + j;
      const who = person(i % args.subjects);
      return {
        source: 'dlp',
        externalId: `a-${i}`,
        title: `${who.name} copied labelled files to USB`,
        description: `Files copied by ${who.email} from the finance share`,
        severity: (['low', 'medium', 'high'] as const)[i % 3],
        detectedAt: new Date(now - (args.alerts - i) * 30_000).toISOString(),
        subject: { ...who, department: 'Finance' },
        entities: [{ type: 'mailbox', value: who.email }],
      };
    });
    const answer = await call(url, ingest, 'POST', '/api/v1/alerts', { alerts });
    ids.push(...(answer.results as Array<{ id: number }>).map((r) => r.id));
    if (b % 10 === 9) log(`${ids.length} alerts`);
  }
  for (let c = 0; c < args.cases; c += 1) {
    const alertId = ids[Math.floor((c * ids.length) / args.cases)]!;
    await call(url, analyst, 'POST', `/api/v1/alerts/${alertId}/confirm`, {
      newCase: { title: `Case ${c}` },
    });
  }
  log(`${args.cases} cases`);
}

async function setPseudonymise(target: BenchDatabase, workspaceId: number, on: boolean) {
  const database = openDatabase({ databaseUrl: target.databaseUrl, sqliteFile: target.sqliteFile });
  try {
    const row = await database.db
      .selectFrom('workspaceSettings')
      .select('settings')
      .where('workspaceId', '=', workspaceId)
      .executeTakeFirstOrThrow();
    const settings = JSON.parse(row.settings) as Record<string, Record<string, unknown>>;
    settings.privacy = { ...settings.privacy, pseudonymise: on };
    await database.db
      .updateTable('workspaceSettings')
      .set({ settings: JSON.stringify(settings) })
      .where('workspaceId', '=', workspaceId)
      .execute();
  } finally {
    await database.close();
  }
  // Written behind the server's back (no commit to hear of): its cache holds the old value for
  // up to 5 s.
  await new Promise((r) => setTimeout(r, 5_500));
}

const scenarios = [
  ['alert queue, 50 rows', '/api/v1/alerts?limit=50'],
  ['alert search by a word', '/api/v1/alerts?limit=50&q=labelled'],
  ['cases dashboard, 50 rows', '/api/v1/cases?limit=50&category=new,active'],
  ['subjects list, 50 rows', '/api/v1/subjects?limit=50'],
] as const;

async function runEngine(args: Args, engine: BenchEngine) {
  const target = await createBenchDatabase(engine, args.pgUrl);
  pendingDrops.add(target.drop);
  const fixture = await prepareFixture(target, 2);
  const ingest = await ingestToken(target, fixture.workspaceId);
  const env = {
    CASEFILE_LOG_LEVEL: 'warn',
    CASEFILE_DATA_DIR: target.dataDir ?? '',
    DATABASE_URL: target.databaseUrl ?? '',
  };
  const server = await startChild(['bin/casefile.js', 'serve'], env, '/readyz');
  const token = fixture.analysts[0]!.token;
  const out: Array<{ scenario: string; clients: number; off: LoadResult; on: LoadResult }> = [];
  try {
    const t0 = performance.now();
    await seed(args, server.url, ingest, token);
    log(`${engine}: seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    for (const [scenario, path] of scenarios) {
      for (const clients of [1, args.connections]) {
        const spec = {
          url: server.url,
          path,
          token,
          connections: clients,
          durationSec: args.duration,
          warmupSec: args.warmup,
        };
        await setPseudonymise(target, fixture.workspaceId, false);
        const off = await measure(spec);
        await setPseudonymise(target, fixture.workspaceId, true);
        const on = await measure(spec);
        out.push({ scenario, clients, off, on });
        const cost = (on.p50 / off.p50 - 1) * 100;
        log(
          `${engine} ${scenario} x${clients}: off p50 ${off.p50.toFixed(2)} / p99 ${off.p99.toFixed(2)} ms ${off.rate.toFixed(0)}/s; on p50 ${on.p50.toFixed(2)} / p99 ${on.p99.toFixed(2)} ms ${on.rate.toFixed(0)}/s (p50 ${cost >= 0 ? '+' : ''}${cost.toFixed(1)}%, failures ${off.non2xx + on.non2xx + off.errors + on.errors})`,
        );
      }
    }
  } finally {
    await server.stop();
    await target.drop();
    pendingDrops.delete(target.drop);
  }
  return out;
}

const args = parse(process.argv.slice(2));
cleanUpOnInterrupt(pendingDrops);
try {
  const all: Record<string, Awaited<ReturnType<typeof runEngine>>> = {};
  for (const engine of args.engines) all[engine] = await runEngine(args, engine);
  console.log(
    '\n| scenario | engine | clients | off p50 / p99 ms | on p50 / p99 ms | off → on rate | cost (rate) |',
  );
  console.log('|---|---|---|---|---|---|---|');
  for (const [engine, rows] of Object.entries(all))
    for (const r of rows)
      console.log(
        `| ${r.scenario} | ${engine} | ${r.clients} | ${r.off.p50.toFixed(2)} / ${r.off.p99.toFixed(2)} | ${r.on.p50.toFixed(2)} / ${r.on.p99.toFixed(2)} | ${r.off.rate.toFixed(0)} → ${r.on.rate.toFixed(0)}/s | ${((1 - r.on.rate / r.off.rate) * 100).toFixed(1)}% |`,
      );
} catch (error) {
  killChildren();
  for (const drop of pendingDrops) await drop().catch(() => undefined);
  throw error;
}
