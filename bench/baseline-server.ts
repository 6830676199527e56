/**
 * The baseline: a bare Fastify route returning the 50 most recently updated cases of the
 * same database, with no authentication, validation, joins or presentation. Run as a child
 * process by bench/run.ts with PORT and BENCH_SQLITE_FILE or BENCH_DATABASE_URL.
 */
import SQLite from 'better-sqlite3';
import Fastify from 'fastify';
import pg from 'pg';

const PAGE_SQL =
  'select * from cases where workspace_id = 1 order by updated_at desc, id desc limit 50';

const app = Fastify({ logger: false });
const file = process.env.BENCH_SQLITE_FILE;
const url = process.env.BENCH_DATABASE_URL;

if (file) {
  const db = new SQLite(file, { readonly: true });
  db.pragma('cache_size = -65536');
  const page = db.prepare(PAGE_SQL);
  app.get('/page', () => ({ items: page.all() }));
} else if (url) {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  app.get('/page', async () => ({ items: (await pool.query(PAGE_SQL)).rows }));
} else {
  throw new Error('set BENCH_SQLITE_FILE or BENCH_DATABASE_URL');
}
app.get('/readyz', () => ({ status: 'ready' }));

await app.listen({ port: Number(process.env.PORT), host: process.env.HOST ?? '127.0.0.1' });
const stop = () => {
  app.close().then(
    () => process.exit(0),
    () => process.exit(1),
  );
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
