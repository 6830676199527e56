// Job claim throughput: N queued no-op jobs, a worker (or two, each with its own pool) runs
// them all; jobs per second from the first claim to the last completion.
//   node bin/run-ts.js bench/jobs.ts [--engine sqlite|postgres|both] [--jobs N]
//     [--concurrency C] [--pg-url URL]
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { openDatabase, type Database } from '../server/db/connection.ts';
import { migrateToLatest } from '../server/db/migrate.ts';
import { defineJob } from '../server/jobs/registry.ts';
import { startWorker } from '../server/jobs/worker.ts';
import { systemClock } from '../server/lib/clock.ts';
import { silentLogger } from '../server/lib/logger.ts';
import { createBenchDatabase, type BenchDatabase } from './prepare.ts';

declare module '../server/jobs/registry.ts' {
  interface JobPayloads {
    'bench.noop': { n: number };
  }
}
defineJob({
  type: 'bench.noop',
  payload: z.strictObject({ n: z.number().int() }),
  handle: async () => undefined,
});

const { values } = parseArgs({
  options: {
    engine: { type: 'string', default: 'both' },
    jobs: { type: 'string', default: '10000' },
    concurrency: { type: 'string', default: '16' },
    'pg-url': { type: 'string' },
  },
});
const total = Number(values.jobs);
const concurrency = Number(values.concurrency);
const pgUrl =
  values['pg-url'] ??
  process.env.CASEFILE_BENCH_DATABASE_URL ??
  'postgres://casefile:casefile@127.0.0.1:5432/postgres';
const engines = values.engine === 'both' ? ['sqlite', 'postgres'] : [values.engine];

const open = (target: BenchDatabase, poolSize: number): Database =>
  openDatabase({ databaseUrl: target.databaseUrl, sqliteFile: target.sqliteFile, poolSize });

async function enqueueAll(database: Database) {
  const at = new Date().toISOString();
  for (let i = 0; i < total; i += 1000) {
    const rows = Array.from({ length: Math.min(1000, total - i) }, (_, k) => ({
      type: 'bench.noop',
      payload: JSON.stringify({ n: i + k }),
      runAt: at,
      maxAttempts: 8,
      idempotencyKey: `bench-${i + k}`,
      createdAt: at,
      updatedAt: at,
    }));
    await database.db.insertInto('jobs').values(rows).execute();
  }
}

async function run(target: BenchDatabase, workers: number): Promise<number> {
  const databases = Array.from({ length: workers }, () => open(target, concurrency));
  await databases[0]!.db.deleteFrom('jobs').execute();
  await enqueueAll(databases[0]!);
  const started = performance.now();
  const running = databases.map((d, i) =>
    startWorker({
      db: d.db,
      clock: systemClock,
      log: silentLogger,
      concurrency,
      pollSeconds: 0.01,
      retryBaseSeconds: 1,
      retryCapSeconds: 1,
      stopSeconds: 5,
      name: `bench-${i}`,
    }),
  );
  // The worker's timers are unref'd (they never keep a server alive): hold the process here.
  const alive = setInterval(() => undefined, 1000);
  await Promise.all(running.map((w) => w.idle()));
  clearInterval(alive);
  const seconds = (performance.now() - started) / 1000;
  await Promise.all(running.map((w) => w.stop()));
  const done = await databases[0]!.db
    .selectFrom('jobs')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('state', '=', 'done')
    .executeTakeFirstOrThrow();
  if (Number(done.n) !== total) throw new Error(`only ${done.n} of ${total} jobs done`);
  await Promise.all(databases.map((d) => d.close()));
  return total / seconds;
}

for (const engine of engines) {
  const target = await createBenchDatabase(engine as 'sqlite' | 'postgres', pgUrl);
  try {
    const setup = open(target, 1);
    await migrateToLatest(setup.db);
    await setup.close();
    const one = await run(target, 1);
    console.log(`${engine}: ${total} jobs, 1 worker × ${concurrency}: ${Math.round(one)} jobs/s`);
    if (engine === 'postgres') {
      const two = await run(target, 2);
      console.log(
        `${engine}: ${total} jobs, 2 workers × ${concurrency}: ${Math.round(two)} jobs/s`,
      );
    }
  } finally {
    await target.drop();
  }
}
