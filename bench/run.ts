/**
 * `npm run bench`: seeds a fresh database per engine, starts the real server as a child
 * process and measures the queue, search, case pages and case creation over HTTP.
 * See bench/README.md.
 */
import { parseBenchArgs, type BenchArgs, type BenchEngine } from './args.ts';
import { makeRng } from './dataset.ts';
import { measure, type LoadSpec } from './load.ts';
import {
  createBenchDatabase,
  prepareFixture,
  type BenchDatabase,
  type Fixture,
} from './prepare.ts';
import { cleanUpOnInterrupt, killChildren, startChild, type Child } from './processes.ts';
import {
  formatTable,
  meets,
  writeResult,
  type EngineReport,
  type Row,
  type Target,
} from './report.ts';
import { seed, type SeedResult } from './seed.ts';
import { benchWebhooks, interruptWebhookBench, WEBHOOK_DEFAULTS } from './webhooks.ts';

/** The targets at 1M cases (printed next to every figure). */
const TARGETS = {
  queueP99: { p99: 20 },
  queueRate: { rate: 2000 },
  searchP99: { p99: 50 },
  createRate: { rate: 1000 },
} satisfies Record<string, Target>;

/** Databases to drop if the run is interrupted. */
const pendingDrops = new Set<() => Promise<void>>();

const log = (text: string) => console.log(`[bench] ${text}`);
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

function serverEnv(target: BenchDatabase): Record<string, string> {
  return {
    CASEFILE_LOG_LEVEL: 'warn',
    CASEFILE_DATA_DIR: target.dataDir ?? '',
    DATABASE_URL: target.databaseUrl ?? '',
  };
}

async function checkSearch(server: Child, token: string, word: string): Promise<number> {
  const res = await fetch(`${server.url}/api/v1/cases?q=${word}&total=true&limit=1`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`search check answered ${res.status}: ${await res.text()}`);
  const body = (await res.json()) as { total?: number };
  return body.total ?? 0;
}

async function measureEngine(
  args: BenchArgs,
  engine: BenchEngine,
  target: BenchDatabase,
  fixture: Fixture,
  seeded: SeedResult,
): Promise<Row[]> {
  const rows: Row[] = [];
  const rnd = makeRng(args.seed + 7);
  const [first, last] = seeded.numbers;
  const randomNumber = () => first + Math.floor(rnd() * (last - first + 1));
  const me = fixture.analysts[0]!;
  const base = { durationSec: args.duration, warmupSec: args.warmup };
  const run = async (
    scenario: string,
    unit: string,
    clients: number,
    spec: Omit<LoadSpec, 'connections' | 'durationSec' | 'warmupSec' | 'url'> & { url: string },
    targetOf?: Target,
    note?: string,
  ) => {
    const result = await measure({ ...base, ...spec, connections: clients });
    const row: Row = { scenario, engine, cases: args.cases, clients, unit, result };
    if (targetOf) row.target = targetOf;
    if (note) row.note = note;
    rows.push(row);
    const ok = meets(row);
    log(
      `${scenario} x${clients}: p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, ` +
        `${Math.round(result.rate)} ${unit}/s${result.non2xx + result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ''}` +
        (ok === undefined ? '' : ok ? ' (meets target)' : ' (MISSES target)'),
    );
  };

  const server = await startChild(['bin/casefile.js', 'serve'], serverEnv(target), '/readyz');
  log(`server pid ${server.pid} at ${server.url}`);
  try {
    const found = await checkSearch(server, me.token, seeded.selective.word);
    log(`selective word "${seeded.selective.word}": ${found} cases match through the API`);
    const queues: Array<[string, string, Target | undefined, Target | undefined]> = [
      [
        'queue: my open cases',
        '/api/v1/cases?limit=50&assignee=me&category=new,active',
        TARGETS.queueP99,
        TARGETS.queueRate,
      ],
      [
        'queue: all active by priority',
        '/api/v1/cases?limit=50&category=active&sort=priority',
        TARGETS.queueP99,
        TARGETS.queueRate,
      ],
      [
        `search: "${seeded.selective.word}" (${found} cases)`,
        `/api/v1/cases?limit=50&q=${seeded.selective.word}`,
        TARGETS.searchP99,
        undefined,
      ],
    ];
    for (const [name, path, latencyTarget, rateTarget] of queues) {
      const spec = { url: server.url, path, token: me.token };
      await run(name, 'pages', 1, spec, latencyTarget);
      await run(name, 'pages', args.connections, spec, rateTarget);
    }
    const tokens = fixture.analysts.map((a) => a.token);
    for (const [name, suffix] of [
      ['case page: GET /cases/{n}', ''],
      ['case page: GET /cases/{n}/activity', '/activity'],
    ] as const) {
      const spec = {
        url: server.url,
        path: () => `/api/v1/cases/${randomNumber()}${suffix}`,
        token: tokens[Math.floor(rnd() * tokens.length)]!,
      };
      await run(name, 'pages', 1, spec);
      await run(name, 'pages', args.connections, spec);
    }

    const baseline = await startChild(
      ['bin/run-ts.js', 'bench/baseline-server.ts'],
      engine === 'sqlite'
        ? { BENCH_SQLITE_FILE: target.sqliteFile! }
        : { BENCH_DATABASE_URL: target.databaseUrl! },
      '/readyz',
    );
    try {
      const spec = { url: baseline.url, path: '/page' };
      await run('baseline: bare Fastify, 50 rows', 'pages', 1, spec);
      await run('baseline: bare Fastify, 50 rows', 'pages', args.connections, spec);
    } finally {
      await baseline.stop();
    }
    const baseRate = rows.at(-1)!.result.rate;
    for (const row of rows) {
      if (row.scenario.startsWith('queue') && row.clients > 1) {
        row.note = `(${(baseRate / row.result.rate).toFixed(1)}x below baseline; goal <=2x)`;
      }
    }

    let made = 0;
    const body = () => ({
      title: `Bench case ${(made += 1)}: Mass download from SharePoint site`,
      description: 'Opened by the benchmark. The detector raised the alert after several events.',
      priority: 'medium',
      assigneeId: me.id,
      tags: ['bench'],
    });
    const create = {
      url: server.url,
      method: 'POST' as const,
      path: '/api/v1/cases',
      body,
      token: me.token,
    };
    await run('create: POST /cases', 'cases', 1, create);
    await run('create: POST /cases', 'cases', args.connections, create, TARGETS.createRate);
  } finally {
    await server.stop();
  }
  return rows;
}

async function benchEngine(args: BenchArgs, engine: BenchEngine): Promise<EngineReport> {
  log(`${engine}: creating a fresh database`);
  const target = await createBenchDatabase(engine, args.pgUrl);
  if (!args.keep) pendingDrops.add(target.drop);
  try {
    log(`${engine}: ${target.sqliteFile ?? target.databaseUrl}`);
    const fixture = await prepareFixture(target);
    log(`${engine}: seeding ${args.cases} cases`);
    const seeded = await seed(target, fixture, args.cases, args.seed);
    log(
      `${engine}: seeded ${args.cases} cases in ${secs(seeded.totalMs)} (rows ${secs(seeded.loadMs)}, ` +
        `indexes ${secs(seeded.indexMs)}, analyze ${secs(seeded.analyzeMs)})`,
    );
    const rows = args.seedOnly ? [] : await measureEngine(args, engine, target, fixture, seeded);
    return { engine, cases: args.cases, seed: seeded, rows };
  } finally {
    if (args.keep) log(`${engine}: kept ${target.sqliteFile ?? target.databaseUrl}`);
    else {
      pendingDrops.delete(target.drop);
      await target.drop();
    }
  }
}

async function main(): Promise<void> {
  const args = parseBenchArgs(process.argv.slice(2));
  cleanUpOnInterrupt(pendingDrops, () => void interruptWebhookBench());
  const reports: EngineReport[] = [];
  const webhookReports: Array<{ engine: BenchEngine; cases: number; rows: Row[] }> = [];
  for (const engine of args.engines) {
    if (args.suites.includes('cases')) {
      const report = await benchEngine(args, engine);
      reports.push(report);
      const file = writeResult(report, {
        duration: args.duration,
        warmup: args.warmup,
        connections: args.connections,
        seed: args.seed,
      });
      log(`wrote ${file}`);
    }
    if (args.suites.includes('webhooks') && !args.seedOnly) {
      log(`${engine}: webhook delivery (bench/webhooks.ts)`);
      const opts = { ...WEBHOOK_DEFAULTS, pgUrl: args.pgUrl };
      const report = { engine, cases: opts.events, rows: await benchWebhooks(engine, opts) };
      webhookReports.push(report);
      log(`wrote ${writeResult(report, { ...opts, pgUrl: undefined }, 'webhooks-')}`);
    }
  }
  console.log('');
  for (const r of reports) {
    console.log(
      `Seed ${r.engine} ${r.cases} cases: ${secs(r.seed.totalMs)} ` +
        `(rows ${secs(r.seed.loadMs)}, indexes ${secs(r.seed.indexMs)}, analyze ${secs(r.seed.analyzeMs)})`,
    );
  }
  if (reports.length > 0) {
    console.log('');
    console.log(formatTable(reports));
    console.log('\nTargets apply at 1M cases. Shared machine: figures vary with other load.');
  }
  if (webhookReports.length > 0) {
    console.log('\nWebhook delivery:\n');
    console.log(formatTable(webhookReports));
  }
}

main().catch((error: unknown) => {
  killChildren();
  console.error(error);
  process.exitCode = 1;
});
