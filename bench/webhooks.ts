/**
 * Webhook delivery benchmark: per engine, the real server as a child process and a receiver in
 * this process (bench/webhook-sink.ts). Measures deliveries per second of a backlog, the lag
 * from the audit row's time to arrival at a steady rate, and alert ingestion with 0 and with N
 * subscriptions on. See bench/README.md.
 *   node bin/run-ts.js bench/webhooks.ts [--engine sqlite|postgres|both] [--subscriptions 10]
 *     [--events 5000] [--rate 100] [--seconds 10] [--alerts 20000] [--pg-url URL]
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { alertBatches } from './alert-dataset.ts';
import { parseEngines, positiveOption, type BenchEngine } from './args.ts';
import { feed } from './ingest-feed.ts';
import type { LoadResult } from './load.ts';
import { killChildren } from './processes.ts';
import { formatTable, meets, writeResult, type Row, type Target } from './report.ts';
import { startWebhookSink, type SinkStats, type WebhookSink } from './webhook-sink.ts';
import {
  cpuSeconds,
  createCases,
  createCasesPaced,
  enable,
  pendingDrops,
  subscribe,
  withServer,
} from './webhook-server.ts';

export interface WebhookBenchOptions {
  subscriptions: number;
  /** Events in the backlog each subscription drains. */
  events: number;
  /** Events per second of the lag scenario, for `seconds`. */
  rate: number;
  seconds: number;
  /** Alerts fed in each ingestion run. */
  alerts: number;
  pgUrl: string;
}

/** The scenario sizes of `npm run bench` and of this file without options. */
export const WEBHOOK_DEFAULTS = {
  subscriptions: 10,
  events: 5000,
  rate: 100,
  seconds: 10,
  alerts: 20_000,
} satisfies Omit<WebhookBenchOptions, 'pgUrl'>;

const TARGETS = {
  deliveries: { rate: 1000 },
} satisfies Record<string, Target>;

const log = (text: string) => console.log(`[webhooks] ${text}`);

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

const lagResult = (stats: SinkStats, rate: number, requests: number): LoadResult => ({
  requests,
  rate,
  p50: percentile(stats.lags, 50),
  p99: percentile(stats.lags, 99),
  mean: stats.lags.reduce((a, b) => a + b, 0) / (stats.lags.length || 1),
  non2xx: 0,
  // Any delivery missing, sent twice or out of order fails the row.
  errors: Math.max(0, requests - stats.distinct) + stats.duplicates + stats.outOfOrder,
});

const describeStats = (s: SinkStats, expected: number) =>
  `${s.arrivals} arrivals, ${s.distinct} distinct of ${expected} expected, ` +
  `${s.duplicates} duplicates, ${s.outOfOrder} receivers out of order`;

/** Parts 1 and 2: a backlog drained by N subscriptions, then the lag at a steady rate. */
async function deliveryRows(
  engine: BenchEngine,
  opts: WebhookBenchOptions,
  sink: WebhookSink,
): Promise<Row[]> {
  const env = { CASEFILE_WEBHOOK_ALLOW_HOSTS: sink.host };
  return withServer(engine, opts.pgUrl, env, async (s) => {
    const rows: Row[] = [];
    const n = opts.subscriptions;
    const subs = await subscribe(s, sink.base, n, {
      eventTypes: ['case.created'],
      enabled: false,
    });
    const made = await createCases(s, opts.events, 8);
    log(`${engine}: ${opts.events} cases made (${Math.round(made)}/s), ${n} subscriptions off`);

    sink.reset();
    const expected = opts.events * n;
    const started = Date.now();
    const cpuBefore = cpuSeconds(s.server.pid);
    await enable(s, subs);
    const complete = await sink.waitFor(expected, 600_000);
    const cpu = cpuSeconds(s.server.pid) - cpuBefore;
    const backlog = sink.stats();
    const rate = backlog.arrivals / ((backlog.lastAt - started) / 1000);
    log(
      `${engine}: backlog ${complete ? 'drained' : 'NOT drained in 600 s'}: ` +
        `${describeStats(backlog, expected)}, ${Math.round(rate)} deliveries/s; the server used ` +
        `${cpu.toFixed(1)} CPU s (${Math.round(backlog.arrivals / cpu)} deliveries per CPU second)`,
    );
    rows.push({
      scenario: `backlog: ${n} subscriptions x ${opts.events} events`,
      engine,
      cases: expected,
      clients: n,
      unit: 'deliveries',
      // p50/p99 here: the age of each event when it arrived (it waited in the backlog).
      result: lagResult(backlog, rate, expected),
      target: TARGETS.deliveries,
      note: `(${Math.round(backlog.arrivals / cpu)} per server CPU second)`,
    });

    sink.reset();
    const events = await createCasesPaced(s, opts.rate, opts.seconds);
    await sink.waitFor(events * n, 120_000);
    const steady = sink.stats();
    const steadyRate = steady.arrivals / ((steady.lastAt - steady.firstAt) / 1000);
    log(`${engine}: steady ${opts.rate} events/s: ${describeStats(steady, events * n)}`);
    rows.push({
      scenario: `lag: ${opts.rate} events/s x ${n} subscriptions (commit -> arrival)`,
      engine,
      cases: events * n,
      clients: n,
      unit: 'deliveries',
      result: lagResult(steady, steadyRate, events * n),
    });
    return rows;
  });
}

/** Part 3: alert ingestion at full rate on a fresh database, with `subscriptions` on. */
async function ingestRow(
  engine: BenchEngine,
  opts: WebhookBenchOptions,
  sink: WebhookSink,
  subscriptions: number,
): Promise<Row & { cpuMs: number }> {
  const env = { CASEFILE_WEBHOOK_ALLOW_HOSTS: sink.host };
  return withServer(engine, opts.pgUrl, env, async (s) => {
    await subscribe(s, sink.base, subscriptions, { eventTypes: 'all', enabled: true });
    sink.reset();
    const cpuBefore = cpuSeconds(s.server.pid);
    const fed = await feed({
      url: s.server.url,
      token: s.ingest,
      total: opts.alerts,
      batchSize: 1000,
      clients: 4,
      build: alertBatches(1, 1000, { total: opts.alerts }),
    });
    const lat = fed.latencies;
    // Server CPU per 1,000 alerts: what the subscriptions cost, less bent by other load.
    const cpuMs = ((cpuSeconds(s.server.pid) - cpuBefore) * 1000 * 1000) / fed.alerts;
    log(
      `${engine}: ingest with ${subscriptions} subscriptions: ${Math.round(fed.rate)} alerts/s, ` +
        `${Math.round(cpuMs)} server CPU ms per 1,000 alerts, ${sink.count()} deliveries meanwhile`,
    );
    return {
      cpuMs,
      scenario: `ingest: POST /alerts x1000, ${subscriptions} subscriptions on`,
      engine,
      cases: opts.alerts,
      clients: 4,
      unit: 'alerts',
      result: {
        requests: fed.batches,
        rate: fed.rate,
        p50: percentile(lat, 50),
        p99: percentile(lat, 99),
        mean: lat.reduce((a, b) => a + b, 0) / (lat.length || 1),
        non2xx: fed.failedBatches,
        errors: 0,
      },
    };
  });
}

/** Every webhook scenario on one engine. */
export async function benchWebhooks(
  engine: BenchEngine,
  opts: WebhookBenchOptions,
): Promise<Row[]> {
  const sink = await startWebhookSink();
  try {
    const rows = await deliveryRows(engine, opts, sink);
    const off = await ingestRow(engine, opts, sink, 0);
    const on = await ingestRow(engine, opts, sink, opts.subscriptions);
    const drop = 1 - on.result.rate / off.result.rate;
    const cpu = on.cpuMs / off.cpuMs - 1;
    off.note = `(${Math.round(off.cpuMs)} server CPU ms per 1,000)`;
    on.note =
      `(${(drop * 100).toFixed(1)}% below 0 subscriptions, goal <=10%; ` +
      `${Math.round(on.cpuMs)} server CPU ms per 1,000, ${(cpu * 100).toFixed(1)}% more)`;
    on.target = { rate: Math.round(off.result.rate * 0.9) };
    rows.push(off, on);
    return rows;
  } finally {
    await sink.stop();
  }
}

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string', default: 'both' },
      subscriptions: { type: 'string', default: String(WEBHOOK_DEFAULTS.subscriptions) },
      events: { type: 'string', default: String(WEBHOOK_DEFAULTS.events) },
      rate: { type: 'string', default: String(WEBHOOK_DEFAULTS.rate) },
      seconds: { type: 'string', default: String(WEBHOOK_DEFAULTS.seconds) },
      alerts: { type: 'string', default: String(WEBHOOK_DEFAULTS.alerts) },
      'pg-url': { type: 'string' },
    },
    strict: true,
  });
  const num = (name: Exclude<keyof typeof values, 'engine' | 'pg-url'>) =>
    positiveOption(name, values[name]);
  return {
    engines: parseEngines(values.engine),
    subscriptions: Math.round(num('subscriptions')),
    events: Math.round(num('events')),
    rate: num('rate'),
    seconds: num('seconds'),
    alerts: Math.round(num('alerts')),
    pgUrl:
      values['pg-url'] ??
      process.env.CASEFILE_BENCH_DATABASE_URL ??
      'postgres://casefile:casefile@127.0.0.1:5432/postgres',
  };
}

/** Stops the children and drops the databases of an interrupted run. */
export function interruptWebhookBench(): Promise<unknown> {
  killChildren();
  return Promise.allSettled([...pendingDrops].map((drop) => drop()));
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const interrupt = () =>
    setTimeout(() => void interruptWebhookBench().finally(() => process.exit(130)), 500);
  process.once('SIGINT', interrupt);
  process.once('SIGTERM', interrupt);
  const reports = [];
  for (const engine of args.engines) {
    const rows = await benchWebhooks(engine, args);
    const report = { engine, cases: args.events, rows };
    reports.push(report);
    log(`wrote ${writeResult(report, { ...args, pgUrl: undefined }, 'webhooks-')}`);
  }
  console.log('');
  console.log(formatTable(reports));
  const missed = reports.flatMap((r) => r.rows).filter((r) => meets(r) === false);
  console.log(`\n${missed.length} rows miss their target. 2-core machine: figures vary with load.`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href)
  main().catch((error: unknown) => {
    killChildren();
    console.error(error);
    process.exitCode = 1;
  });
