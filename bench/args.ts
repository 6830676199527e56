import { parseArgs } from 'node:util';

export type BenchEngine = 'sqlite' | 'postgres';

/** The engines an `--engine sqlite|postgres|both` option names; throws on anything else. */
export function parseEngines(value: unknown, usage = ''): BenchEngine[] {
  if (value === 'both') return ['sqlite', 'postgres'];
  if (value === 'sqlite' || value === 'postgres') return [value];
  throw new Error(`--engine must be sqlite, postgres or both${usage ? `\n\n${usage}` : ''}`);
}

/** A positive number option (`1_000_000` allowed); throws naming the option otherwise. */
export function positiveOption(name: string, value: unknown): number {
  const v = Number(String(value).replace(/_/g, ''));
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number`);
  return v;
}

export interface BenchArgs {
  engines: BenchEngine[];
  cases: number;
  pgUrl: string;
  /** Seconds each measured scenario runs. */
  duration: number;
  /** Seconds of unmeasured load before each scenario. */
  warmup: number;
  connections: number;
  seed: number;
  /** Keep the databases after the run (for EXPLAIN by hand); they are printed. */
  keep: boolean;
  /** Seed, then stop: no server, no load. */
  seedOnly: boolean;
  /** Which benchmarks run: the case queue and pages, webhook delivery (bench/webhooks.ts). */
  suites: BenchSuite[];
}

export type BenchSuite = 'cases' | 'webhooks';

const DEFAULT_PG_URL = 'postgres://casefile:casefile@127.0.0.1:5432/postgres';

const usage = `npm run bench -- [options]
  --engine sqlite|postgres|both   (default both)
  --cases N                       cases to seed (default 100000)
  --pg-url URL                    PostgreSQL server to create the bench database on
                                  (default $CASEFILE_BENCH_DATABASE_URL or ${DEFAULT_PG_URL})
  --duration S                    seconds per measured scenario (default 10)
  --warmup S                      seconds of warm-up before each scenario (default 2)
  --connections N                 concurrent clients of the "16 clients" runs (default 16)
  --seed N                        seed of the data generator (default 1)
  --keep                          keep the bench databases afterwards
  --seed-only                     seed and report the seed time, no load
  --suites cases,webhooks         which benchmarks run (default both; webhooks: bench/webhooks.ts
                                  with its defaults)`;

const positive = (name: string, raw: string | undefined, fallback: number): number => {
  if (raw === undefined) return fallback;
  const value = Number(raw.replace(/_/g, ''));
  if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
  return value;
};

export function parseBenchArgs(argv: string[]): BenchArgs {
  const { values } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string', default: 'both' },
      cases: { type: 'string' },
      'pg-url': { type: 'string' },
      duration: { type: 'string' },
      warmup: { type: 'string' },
      connections: { type: 'string' },
      seed: { type: 'string' },
      keep: { type: 'boolean', default: false },
      'seed-only': { type: 'boolean', default: false },
      suites: { type: 'string', default: 'cases,webhooks' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const suites = values.suites.split(',').map((v) => v.trim());
  for (const suite of suites)
    if (suite !== 'cases' && suite !== 'webhooks')
      throw new Error(`--suites takes cases and webhooks, not "${suite}"\n\n${usage}`);
  return {
    suites: suites as BenchSuite[],
    engines: parseEngines(values.engine, usage),
    cases: Math.round(positive('cases', values.cases, 100_000)),
    pgUrl: values['pg-url'] ?? process.env.CASEFILE_BENCH_DATABASE_URL ?? DEFAULT_PG_URL,
    duration: positive('duration', values.duration, 10),
    warmup: positive('warmup', values.warmup, 2),
    connections: Math.round(positive('connections', values.connections, 16)),
    seed: Math.round(positive('seed', values.seed, 1)),
    keep: values.keep,
    seedOnly: values['seed-only'],
  };
}
