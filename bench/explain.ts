/**
 * Prints the plans of the queue queries the benchmark measures, as the server builds them:
 *   node bin/run-ts.js bench/explain.ts --sqlite FILE | --pg URL [--word W]
 * Use it on a database kept with `npm run bench -- --keep`. With `--subject ID`, the plans of
 * every query of that subject's timeline (6 months, 1 week) and explorer pages instead, on a
 * database kept with `npm run bench:activities -- --keep`.
 */
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { ListActivitiesQuery } from '../contract/activity-explorer.ts';
import { TimelineQuery } from '../contract/activity-timeline.ts';
import { ListCasesQuery } from '../contract/cases.ts';
import type { DB } from '../server/db/schema.ts';
import { systemClock } from '../server/lib/clock.ts';
import { pseudonymKeys } from '../server/lib/pseudonym.ts';
import { loadActor } from '../server/modules/accounts/index.ts';
import { getTimeline, listActivities } from '../server/modules/activities/index.ts';
import { listCases } from '../server/modules/cases/service/list-cases.ts';

const { values } = parseArgs({
  options: {
    sqlite: { type: 'string' },
    pg: { type: 'string' },
    word: { type: 'string', default: 'lodazoku' },
    analyst: { type: 'string', default: '1' },
    subject: { type: 'string' },
  },
});

const captured: Array<{ sql: string; params: readonly unknown[]; ms: number }> = [];
const logger = (event: LogEvent) => {
  if (event.level === 'query')
    captured.push({
      sql: event.query.sql,
      params: event.query.parameters,
      ms: event.queryDurationMillis,
    });
};
const sqlite = values.sqlite ? new SQLite(values.sqlite) : undefined;
const pool = values.pg ? new pg.Pool({ connectionString: values.pg, max: 1 }) : undefined;
const db = new Kysely<DB>({
  dialect: sqlite ? new SqliteDialect({ database: sqlite }) : new PostgresDialect({ pool: pool! }),
  plugins: [new CamelCasePlugin()],
  log: logger,
});

const accounts = await db
  .selectFrom('accounts')
  .select('id')
  .where('roleKey', '=', 'analyst')
  .orderBy('id')
  .execute();
const actor = await loadActor(db, accounts[Number(values.analyst) - 1]!.id, 'token');
if (!actor) throw new Error('no analyst');
const ctx = {
  db,
  actor,
  clock: systemClock,
  log: console as never,
  pseudonyms: pseudonymKeys({ dataDir: tmpdir() }),
};
async function explain(sqlText: string, params: readonly unknown[]) {
  if (sqlite) {
    const plan = sqlite.prepare(`explain query plan ${sqlText}`).all(...(params as unknown[]));
    for (const row of plan as Array<{ id: number; parent: number; detail: string }>)
      console.log(`  ${row.parent} ${row.id} ${row.detail}`);
  } else {
    const res = await pool!.query(`explain (analyze, buffers) ${sqlText}`, params as unknown[]);
    for (const row of res.rows as Array<Record<string, string>>)
      console.log(`  ${row['QUERY PLAN']}`);
  }
}

/** Runs `work` twice (the first warms the caches) and explains each query of the second run. */
async function explainAll(name: string, work: () => Promise<unknown>) {
  await work();
  captured.length = 0;
  const t0 = performance.now();
  await work();
  const total = performance.now() - t0;
  console.log(`\n##### ${name}: ${total.toFixed(2)} ms in all, ${captured.length} queries`);
  for (const q of [...captured]) {
    console.log(`\n=== ${q.ms.toFixed(2)} ms\n${q.sql}\n${JSON.stringify(q.params)}`);
    await explain(q.sql, q.params);
  }
}

if (values.subject !== undefined) {
  const subjectId = Number(values.subject);
  const day = 86_400_000;
  const now = Date.now();
  const since = new Date(now - 182 * day).toISOString();
  const week = new Date(now - 7 * day).toISOString();
  const timelines: Record<string, Record<string, string>> = {
    'timeline, 6 months (days)': { from: since },
    'timeline, 1 week (hours)': { from: week },
  };
  for (const [name, query] of Object.entries(timelines))
    await explainAll(name, () => getTimeline(ctx, subjectId, TimelineQuery.parse(query)));
  const pages: Record<string, Record<string, string>> = {
    'explorer, newest 50, counted': { from: since, total: 'true' },
    'explorer, unreviewed, newest 50': { reviewed: 'false' },
    'explorer, reviewed, newest 50': { reviewed: 'true' },
  };
  for (const [name, query] of Object.entries(pages))
    await explainAll(name, () =>
      listActivities(ctx, subjectId, ListActivitiesQuery.parse({ limit: '50', ...query })),
    );
} else {
  const scenarios: Record<string, Record<string, string>> = {
    'my open cases': { assignee: 'me', category: 'new,active' },
    'all active by priority': { category: 'active', sort: 'priority' },
    search: { q: values.word },
  };
  for (const [name, query] of Object.entries(scenarios)) {
    const f = ListCasesQuery.parse({ limit: '50', ...query });
    await listCases(ctx, f); // warm the cache
    captured.length = 0;
    await listCases(ctx, f);
    const q = captured.find((c) => c.sql.includes('from "cases"'))!;
    console.log(`\n=== ${name}: ${q.ms.toFixed(2)} ms\n${q.sql}\n${JSON.stringify(q.params)}`);
    await explain(q.sql, q.params);
  }
}
await db.destroy();
