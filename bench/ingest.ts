/**
 * Alert ingestion benchmark: per engine, a fresh database and the real server as a child
 * process; feeds N alerts through POST /api/v1/alerts with correlation on, counts them back,
 * then measures the alert queue and triage at the end size. See bench/README.md.
 */
import { parseArgs } from 'node:util';
import { openDatabase } from '../server/db/connection.ts';
import { alertBatches, SELECTIVE_WORD } from './alert-dataset.ts';
import { parseEngines, positiveOption, type BenchEngine } from './args.ts';
import { feed, type FeedResult } from './ingest-feed.ts';
import { measure, percentile, type LoadResult } from './load.ts';
import { createBenchDatabase, ingestToken, prepareFixture, type BenchDatabase } from './prepare.ts';
import { cleanUpOnInterrupt, killChildren, startChild, type Child } from './processes.ts';
import { formatTable, meets, writeResult, type Row, type Target } from './report.ts';

const TARGETS = {
  sqlite: { rate: 10_000 },
  postgres: { rate: 5_000 },
  queueP99: { p99: 25 },
} satisfies Record<string, Target>;

const log = (text: string) => console.log(`[ingest] ${text}`);
const pendingDrops = new Set<() => Promise<void>>();

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string', default: 'both' },
      alerts: { type: 'string', default: '200000' },
      batch: { type: 'string', default: '1000' },
      clients: { type: 'string', default: '4' },
      connections: { type: 'string', default: '16' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      triage: { type: 'string', default: '500' },
      seed: { type: 'string', default: '1' },
      'pg-url': { type: 'string' },
    },
    strict: true,
  });
  const num = (name: keyof typeof values) => positiveOption(name, values[name]);
  return {
    engines: parseEngines(values.engine),
    alerts: num('alerts'),
    batch: Math.min(1000, num('batch')),
    clients: num('clients'),
    connections: num('connections'),
    duration: num('duration'),
    warmup: num('warmup'),
    triage: num('triage'),
    seed: num('seed'),
    pgUrl:
      values['pg-url'] ??
      process.env.CASEFILE_BENCH_DATABASE_URL ??
      'postgres://casefile:casefile@127.0.0.1:5432/postgres',
  };
}
type Args = ReturnType<typeof parse>;

async function countStored(target: BenchDatabase): Promise<number> {
  const database = openDatabase({ databaseUrl: target.databaseUrl, sqliteFile: target.sqliteFile });
  try {
    const row = await database.db
      .selectFrom('alerts')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  } finally {
    await database.close();
  }
}

async function triage(server: Child, token: string, ids: number[]): Promise<LoadResult> {
  const times: number[] = [];
  let non2xx = 0;
  const start = performance.now();
  for (const id of ids) {
    const t0 = performance.now();
    const res = await fetch(`${server.url}/api/v1/alerts/${id}/dismiss`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        category: 'benign_true_positive',
        reason: 'Benchmark: expected behaviour of a known tool',
      }),
    });
    await res.arrayBuffer();
    if (res.ok) times.push(performance.now() - t0);
    else non2xx += 1;
  }
  const seconds = (performance.now() - start) / 1000;
  times.sort((a, b) => a - b);
  return {
    requests: ids.length,
    rate: times.length / seconds,
    p50: percentile(times, 50),
    p99: percentile(times, 99),
    mean: times.reduce((s, v) => s + v, 0) / (times.length || 1),
    non2xx,
    errors: 0,
  };
}

const feedRow = (f: FeedResult): LoadResult => ({
  requests: f.batches,
  rate: f.rate,
  p50: percentile(f.latencies, 50),
  p99: percentile(f.latencies, 99),
  mean: f.latencies.reduce((s, v) => s + v, 0) / (f.latencies.length || 1),
  non2xx: f.failedBatches,
  errors: 0,
});

async function benchEngine(args: Args, engine: BenchEngine) {
  const target = await createBenchDatabase(engine, args.pgUrl);
  pendingDrops.add(target.drop);
  const rows: Row[] = [];
  const add = (scenario: string, unit: string, clients: number, result: LoadResult, t?: Target) => {
    const row: Row = { scenario, engine, cases: args.alerts, clients, unit, result };
    if (t) row.target = t;
    rows.push(row);
    const ok = meets(row);
    log(
      `${engine} ${scenario} x${clients}: p50 ${result.p50.toFixed(2)} ms, p99 ${result.p99.toFixed(2)} ms, ` +
        `${Math.round(result.rate)} ${unit}/s${ok === undefined ? '' : ok ? ' (meets target)' : ' (MISSES target)'}`,
    );
  };
  try {
    const fixture = await prepareFixture(target, 1);
    const token = await ingestToken(target, fixture.workspaceId);
    const analyst = fixture.analysts[0]!.token;
    const server = await startChild(
      ['bin/casefile.js', 'serve'],
      {
        CASEFILE_LOG_LEVEL: 'warn',
        CASEFILE_DATA_DIR: target.dataDir ?? '',
        DATABASE_URL: target.databaseUrl ?? '',
      },
      '/readyz',
    );
    log(`${engine}: server pid ${server.pid}; feeding ${args.alerts} alerts`);
    try {
      const fed = await feed({
        url: server.url,
        token,
        total: args.alerts,
        batchSize: args.batch,
        clients: args.clients,
        build: alertBatches(args.seed, args.batch, { total: args.alerts }),
        onProgress: (n) => {
          if (n % 50_000 < args.batch * args.clients) log(`${engine}: ${n} alerts acknowledged`);
        },
      });
      add(
        `ingest: POST /alerts x${args.batch} (per batch)`,
        'alerts',
        args.clients,
        feedRow(fed),
        TARGETS[engine],
      );
      const stored = await countStored(target);
      const countBack = {
        acknowledged: fed.acknowledged.size,
        stored,
        lost: Math.max(0, fed.acknowledged.size - stored),
        failedBatches: fed.failedBatches,
        redelivered: fed.redelivered,
        redeliveryFaults: fed.redeliveryFaults,
      };
      log(`${engine}: count back ${JSON.stringify(countBack)}`);

      const base = {
        url: server.url,
        token: analyst,
        durationSec: args.duration,
        warmupSec: args.warmup,
      };
      const queues: Array<[string, string]> = [
        ['queue: needs_review by detectedAt', '/api/v1/alerts?status=needs_review&limit=50'],
        [
          'queue: needs_review by riskScore',
          '/api/v1/alerts?status=needs_review&limit=50&sort=riskScore',
        ],
        [
          `queue: q="${SELECTIVE_WORD}"`,
          `/api/v1/alerts?status=needs_review&limit=50&q=${SELECTIVE_WORD}`,
        ],
        // A person by e-mail: the subject's alerts, not a word of the text.
        ['queue: q=<subject e-mail>', '/api/v1/alerts?limit=50&q=user7%40corp.example'],
        // The counts shown above the queue: capped at 10,000, so the cost stays flat.
        [
          'count: needs_review (total=true)',
          '/api/v1/alerts?status=needs_review&limit=1&total=true',
        ],
        ['count: severity=high (total=true)', '/api/v1/alerts?severity=high&limit=1&total=true'],
        ['count: source=edr, any status', '/api/v1/alerts?source=edr&limit=1&total=true'],
      ];
      for (const [name, path] of queues) {
        for (const clients of [1, args.connections]) {
          add(
            name,
            'pages',
            clients,
            await measure({ ...base, path, connections: clients }),
            TARGETS.queueP99,
          );
        }
      }
      const ids = [...fed.acknowledged].slice(0, args.triage);
      add('triage: POST /alerts/{id}/dismiss', 'alerts', 1, await triage(server, analyst, ids));
      return { engine, cases: args.alerts, rows, countBack, ingestSeconds: fed.elapsedMs / 1000 };
    } finally {
      await server.stop();
    }
  } finally {
    pendingDrops.delete(target.drop);
    await target.drop();
  }
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  cleanUpOnInterrupt(pendingDrops);
  const reports = [];
  for (const engine of args.engines) {
    const report = await benchEngine(args, engine);
    reports.push(report);
    log(`wrote ${writeResult(report, { ...args, pgUrl: undefined }, 'ingest-')}`);
  }
  console.log('');
  console.log(formatTable(reports));
  for (const r of reports) {
    const c = r.countBack;
    console.log(
      `Count back ${r.engine}: ${c.acknowledged} acknowledged, ${c.stored} stored, lost ${c.lost} ` +
        `(target 0: ${c.lost === 0 ? 'yes' : 'NO'}); ${c.failedBatches} failed batches; ` +
        `${c.redelivered} batches redelivered, ${c.redeliveryFaults} created something (target 0)`,
    );
  }
  console.log(
    '\nQueue p99 target applies at 1M alerts. Shared 2-core machine: figures vary with other load.',
  );
}

main().catch((error: unknown) => {
  killChildren();
  console.error(error);
  process.exitCode = 1;
});
