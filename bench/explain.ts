/**
 * Prints the plans of the queue queries the benchmark measures, as the server builds them:
 *   node bin/run-ts.js bench/explain.ts --sqlite FILE | --pg URL [--word W]
 * Use it on a database kept with `npm run bench -- --keep`.
 */
import { tmpdir } from 'node:os';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect, type LogEvent } from 'kysely';
import pg from 'pg';
import { ListCasesQuery } from '../contract/cases.ts';
import type { DB } from '../server/db/schema.ts';
import { systemClock } from '../server/lib/clock.ts';
import { pseudonymKeys } from '../server/lib/pseudonym.ts';
import { loadActor } from '../server/modules/accounts/index.ts';
import { listCases } from '../server/modules/cases/service/list-cases.ts';

const { values } = parseArgs({
  options: {
    sqlite: { type: 'string' },
    pg: { type: 'string' },
    word: { type: 'string', default: 'lodazoku' },
    analyst: { type: 'string', default: '1' },
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
  if (sqlite) {
    const plan = sqlite.prepare(`explain query plan ${q.sql}`).all(...(q.params as unknown[]));
    for (const row of plan as Array<{ id: number; parent: number; detail: string }>)
      console.log(`  ${row.parent} ${row.id} ${row.detail}`);
  } else {
    const res = await pool!.query(`explain (analyze, buffers) ${q.sql}`, q.params as unknown[]);
    for (const row of res.rows as Array<Record<string, string>>)
      console.log(`  ${row['QUERY PLAN']}`);
  }
}
await db.destroy();
