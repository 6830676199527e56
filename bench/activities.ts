/**
 * Activity ingestion benchmark: per engine, a fresh database and the real server as a child
 * process; feeds N scored activity events through POST /api/v1/activities in batches, counts
 * them back (events and rollups), then measures the heavy subject's risk, activity-days,
 * timeline and explorer routes. See bench/README.md ("Activity events").
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { ActivityIn } from '../contract/activities.ts';
import { openDatabase } from '../server/db/connection.ts';
import { activityBatches, HEAVY_EMAIL } from './activity-dataset.ts';
import { parseEngines, positiveOption, type BenchEngine } from './args.ts';
import { measure, percentile, type LoadResult } from './load.ts';
import { createBenchDatabase, ingestToken, prepareFixture, type BenchDatabase } from './prepare.ts';
import { cleanUpOnInterrupt, killChildren, startChild } from './processes.ts';
import { formatTable, meets, writeResult, type Row, type Target } from './report.ts';

const TARGETS = {
  sqlite: { rate: 20_000 },
  postgres: { rate: 10_000 },
  riskP99: { p99: 50 },
  timelineP99: { p99: 50 },
  explorerP99: { p99: 30 },
} satisfies Record<string, Target>;
const DAY_MS = 86_400_000;

const log = (text: string) => console.log(`[activities] ${text}`);
const pendingDrops = new Set<() => Promise<void>>();

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string', default: 'both' },
      events: { type: 'string', default: '1000000' },
      batch: { type: 'string', default: '5000' },
      clients: { type: 'string', default: '2' },
      subjects: { type: 'string', default: '20000' },
      heavy: { type: 'string', default: '200000' },
      connections: { type: 'string', default: '16' },
      duration: { type: 'string', default: '10' },
      warmup: { type: 'string', default: '2' },
      seed: { type: 'string', default: '1' },
      keep: { type: 'boolean', default: false },
      profile: { type: 'string' },
      'pg-url': { type: 'string' },
    },
    strict: true,
  });
  const num = (name: keyof typeof values) => positiveOption(name, values[name]);
  return {
    engines: parseEngines(values.engine),
    events: num('events'),
    batch: Math.min(5000, num('batch')),
    clients: num('clients'),
    subjects: num('subjects'),
    heavy: num('heavy'),
    connections: num('connections'),
    duration: num('duration'),
    warmup: num('warmup'),
    seed: num('seed'),
    keep: values.keep,
    profile: values.profile,
    pgUrl:
      values['pg-url'] ??
      process.env.CASEFILE_BENCH_DATABASE_URL ??
      'postgres://casefile:casefile@127.0.0.1:5432/postgres',
  };
}
type Args = ReturnType<typeof parse>;

/** CPU seconds a process has used (Linux /proc; NaN elsewhere). */
function cpuSeconds(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return NaN;
  }
}

async function withDb<T>(
  target: BenchDatabase,
  work: (db: ReturnType<typeof openDatabase>['db']) => Promise<T>,
) {
  const database = openDatabase({ databaseUrl: target.databaseUrl, sqliteFile: target.sqliteFile });
  try {
    return await work(database.db);
  } finally {
    await database.close();
  }
}

async function post(url: string, token: string, activities: ActivityIn[]) {
  const res = await fetch(`${url}/api/v1/activities`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ activities }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as { created: number; duplicates: number };
}

/** Feeds every batch from `clients` concurrent clients; every 50th is sent again. */
async function feedAll(args: Args, url: string, token: string) {
  const now = Date.now();
  const build = activityBatches({
    seed: args.seed,
    total: args.events,
    subjects: args.subjects,
    heavyShare: args.heavy / args.events,
    start: now - 180 * DAY_MS,
    end: now - 60_000,
  });
  const batches = Math.ceil(args.events / args.batch);
  const latencies: number[] = [];
  let next = 0;
  let created = 0;
  let failed = 0;
  let redeliveryFaults = 0;
  const client = async () => {
    for (let b = next++; b < batches; b = next++) {
      const events = build(b, Math.min(args.batch, args.events - b * args.batch), args.batch);
      const t0 = performance.now();
      try {
        const answer = await post(url, token, events);
        created += answer.created;
      } catch (error) {
        failed += 1;
        const why = error instanceof Error ? error.cause : undefined;
        const cause = why instanceof Error ? ` (${why.message})` : '';
        if (failed <= 3) console.error(`[activities] batch ${b}: ${String(error)}${cause}`);
        continue;
      }
      latencies.push(performance.now() - t0);
      if (b % 50 === 49) {
        const again = await post(url, token, events).catch(() => undefined);
        if (!again || again.created !== 0 || again.duplicates !== events.length)
          redeliveryFaults += 1;
      }
      if (b % 40 === 0) log(`${created} events acknowledged`);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: args.clients }, client));
  const elapsedMs = performance.now() - start;
  latencies.sort((a, b) => a - b);
  const result: LoadResult = {
    requests: batches,
    rate: created / (elapsedMs / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    mean: latencies.reduce((s, v) => s + v, 0) / (latencies.length || 1),
    non2xx: failed,
    errors: 0,
  };
  return { result, created, failed, redeliveryFaults, elapsedMs };
}

const countBack = (target: BenchDatabase) =>
  withDb(target, async (db) => {
    const events = await db
      .selectFrom('activityEvents')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    const days = await db
      .selectFrom('subjectActivityDays')
      .select((eb) => [eb.fn.countAll().as('rows'), eb.fn.sum('eventCount').as('n')])
      .executeTakeFirstOrThrow();
    const heavy = await db
      .selectFrom('subjects')
      .select('id')
      .where('email', '=', HEAVY_EMAIL)
      .executeTakeFirstOrThrow();
    const heavyEvents = await db
      .selectFrom('activityEvents')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('subjectId', '=', heavy.id)
      .executeTakeFirstOrThrow();
    return {
      events: Number(events.n),
      rollupRows: Number(days.rows),
      rollupEvents: Number(days.n),
      heavyId: heavy.id,
      heavyEvents: Number(heavyEvents.n),
    };
  });

async function benchEngine(args: Args, engine: BenchEngine) {
  const target = await createBenchDatabase(engine, args.pgUrl);
  pendingDrops.add(target.drop);
  const rows: Row[] = [];
  const add = (scenario: string, unit: string, clients: number, result: LoadResult, t?: Target) => {
    const row: Row = { scenario, engine, cases: args.events, clients, unit, result };
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
    // `--profile DIR`: the server writes a V8 CPU profile there when it stops.
    const profile = args.profile ? ['--cpu-prof', '--cpu-prof-dir', args.profile] : [];
    const server = await startChild(
      [...profile, 'bin/casefile.js', 'serve'],
      {
        CASEFILE_LOG_LEVEL: 'warn',
        CASEFILE_DATA_DIR: target.dataDir ?? '',
        DATABASE_URL: target.databaseUrl ?? '',
      },
      '/readyz',
    );
    log(`${engine}: server pid ${server.pid}; feeding ${args.events} events`);
    try {
      const cpu0 = cpuSeconds(server.pid);
      const fed = await feedAll(args, server.url, token);
      const serverCpu = cpuSeconds(server.pid) - cpu0;
      // The server's own CPU per event: what the rate would be with a core to itself.
      log(
        `${engine}: server CPU ${serverCpu.toFixed(1)} s for ${fed.created} events: ` +
          `${Math.round(fed.created / serverCpu)} events per server CPU-second`,
      );
      add(
        `ingest: POST /activities x${args.batch}`,
        'events',
        args.clients,
        fed.result,
        TARGETS[engine],
      );
      const stored = await countBack(target);
      log(
        `${engine}: count back ${JSON.stringify({ ...stored, failed: fed.failed, redeliveryFaults: fed.redeliveryFaults })}`,
      );
      const base = {
        url: server.url,
        token: analyst,
        durationSec: args.duration,
        warmupSec: args.warmup,
      };
      const subject = `/api/v1/subjects/${stored.heavyId}`;
      const from = new Date(Date.now() - 182 * DAY_MS).toISOString().slice(0, 10);
      const since = new Date(Date.now() - 182 * DAY_MS).toISOString();
      const week = new Date(Date.now() - 7 * DAY_MS).toISOString();
      const routes: Array<[string, string, Target]> = [
        [
          `risk: heavy subject (${stored.heavyEvents} events), 90 days`,
          `${subject}/risk`,
          TARGETS.riskP99,
        ],
        ['risk: heavy subject, 730 days', `${subject}/risk?days=730`, TARGETS.riskP99],
        [
          'activity-days: heavy subject, 6 months',
          `${subject}/activity-days?from=${from}`,
          TARGETS.riskP99,
        ],
        [
          'timeline: heavy subject, 6 months (days)',
          `${subject}/timeline?from=${since}`,
          TARGETS.timelineP99,
        ],
        [
          'timeline: heavy subject, 1 week (hours)',
          `${subject}/timeline?from=${week}`,
          TARGETS.timelineP99,
        ],
        [
          'explorer: heavy subject, newest 50, counted',
          `${subject}/activities?from=${since}&total=true`,
          TARGETS.explorerP99,
        ],
        [
          'explorer: heavy subject, newest 50',
          `${subject}/activities?from=${since}`,
          TARGETS.explorerP99,
        ],
        [
          'explorer: heavy subject, highest risk 50',
          `${subject}/activities?sort=riskScore`,
          TARGETS.explorerP99,
        ],
        [
          'explorer: heavy subject, exfiltration by risk',
          `${subject}/activities?category=exfiltration&sort=riskScore`,
          TARGETS.explorerP99,
        ],
        [
          'explorer: heavy subject, one indicator',
          `${subject}/activities?indicator=leaver`,
          TARGETS.explorerP99,
        ],
        // No event of the feed is reviewed: the page is empty, and without an index of the
        // reviewed events finding that out reads every event of the subject.
        [
          'explorer: heavy subject, reviewed only',
          `${subject}/activities?reviewed=true`,
          TARGETS.explorerP99,
        ],
      ];
      for (const [name, path, t] of routes)
        for (const clients of [1, args.connections])
          add(
            name,
            'pages',
            clients,
            await measure({ ...base, path, connections: clients }),
            clients === 1 ? t : undefined,
          );
      return {
        engine,
        cases: args.events,
        rows,
        countBack: { ...stored, ...fed, result: undefined, serverCpu },
      };
    } finally {
      await server.stop();
    }
  } finally {
    pendingDrops.delete(target.drop);
    // --keep leaves the database for bench/explain.ts --subject.
    if (args.keep) log(`${engine}: kept ${target.sqliteFile ?? target.databaseUrl}`);
    else await target.drop();
  }
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  cleanUpOnInterrupt(pendingDrops);
  const reports = [];
  for (const engine of args.engines) {
    const report = await benchEngine(args, engine);
    reports.push(report);
    log(`wrote ${writeResult(report, { ...args, pgUrl: undefined }, 'activities-')}`);
  }
  console.log('');
  console.log(formatTable(reports));
  for (const r of reports) {
    const c = r.countBack;
    console.log(
      `Count back ${r.engine}: ${c.created} acknowledged, ${c.events} stored, ${c.rollupEvents} in ` +
        `${c.rollupRows} rollup rows; server CPU ${c.serverCpu.toFixed(1)} s ` +
        `(${Math.round(c.created / c.serverCpu)} events per CPU-second); ${c.failed} failed batches, ${c.redeliveryFaults} redeliveries created something (target 0)`,
    );
  }
  console.log('\nShared 2-core machine: the load generator, the server and the database share it.');
}

main().catch((error: unknown) => {
  killChildren();
  console.error(error);
  process.exitCode = 1;
});
