import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { CamelCasePlugin, Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import { startCheckpointer } from './checkpointer.ts';
import type { DB } from './schema.ts';

export type Engine = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;

export interface Database {
  readonly db: Db;
  readonly engine: Engine;
  /** Where the data lives, for logs: the SQLite file or the PostgreSQL host/database. */
  readonly location: string;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  databaseUrl?: string | undefined;
  /** SQLite file; defaults to `casefile.db` in dataDir. */
  sqliteFile?: string | undefined;
  dataDir?: string | undefined;
  poolSize?: number;
  /** SQLite: checkpoint the write-ahead log from a worker thread (the server does). */
  backgroundCheckpoints?: boolean;
}

export const sqliteFileIn = (dataDir: string): string => join(dataDir, 'casefile.db');

/** Opens the embedded SQLite database, or PostgreSQL when a URL is given. */
export function openDatabase(options: DatabaseOptions): Database {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  const file = options.sqliteFile ?? sqliteFileIn(options.dataDir ?? './data');
  return openSqlite(file, options.backgroundCheckpoints === true && file !== ':memory:');
}

function openSqlite(file: string, backgroundCheckpoints: boolean): Database {
  if (file !== ':memory:') mkdirSync(join(file, '..'), { recursive: true });
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a transaction acknowledged to a client survives power loss.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Up to 256 MiB of pages: at a million alerts the queue's indexes and recent rows stay in memory.
  sqlite.pragma('cache_size = -262144');
  sqlite.pragma('temp_store = MEMORY');
  // With checkpoints in the background, a commit checkpoints itself only if the log passes
  // 64 MB (16,384 pages), which the worker keeps it well under.
  // The log file is cut back to 64 MB whenever it starts over, not kept at its largest.
  if (backgroundCheckpoints) {
    sqlite.pragma('wal_autocheckpoint = 16384');
    sqlite.pragma('journal_size_limit = 67108864');
  }
  const checkpointer = backgroundCheckpoints
    ? startCheckpointer(file, {
        onError: (message) =>
          process.stderr.write(`casefile: a background checkpoint failed: ${message}\n`),
      })
    : undefined;
  const db = new Kysely<DB>({
    dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
    plugins: [new CamelCasePlugin()],
  });
  return {
    db,
    engine: 'sqlite',
    location: file,
    close: async () => {
      await checkpointer?.stop();
      await db.destroy();
    },
  };
}

/**
 * Reuses prepared statements by SQL text: the query builder prepares every statement anew,
 * and parsing and planning then cost as much as running the small queries the API makes.
 * Safe because the builder runs each statement to completion (all/run) before the next; the
 * code never streams rows.
 */
function withStatementCache(sqlite: SQLite.Database, max = 1000) {
  const statements = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = statements.get(sql);
      if (!statement) {
        if (statements.size >= max) statements.clear();
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

const TIMESTAMPTZ_OID = 1184;
const INT8_OID = 20;

// Both engines hand times to the code as ISO-8601 UTC strings and counts as numbers.
const pgTypes: pg.CustomTypesConfig = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
    if (oid === TIMESTAMPTZ_OID) return (v: string) => new Date(v).toISOString();
    if (oid === INT8_OID) return (v: string) => Number(v);
    return pg.types.getTypeParser(oid, format ?? 'text') as (v: string) => unknown;
  }) as pg.CustomTypesConfig['getTypeParser'],
};

/** How long a request waits for a PostgreSQL connection before it is answered 503. */
const CONNECT_TIMEOUT_MS = 5_000;

function openPostgres(url: string, max: number): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max,
    types: pgTypes,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
  });
  // An idle connection the server ends (restart, failover) is dropped from the pool and
  // replaced on next use; without this listener its error would end the process.
  pool.on('error', (error) => {
    process.stderr.write(
      `casefile: a PostgreSQL connection was closed by the server: ${error.message}\n`,
    );
  });
  // A connection lost while checked out (between the queries of a transaction, or while a
  // query runs) emits 'error' on the client, where the pool listens only while it is idle:
  // with no listener of its own that would end the process. The query in flight fails with
  // the error (answered 503), and the pool discards the broken client when it is released.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
  });
  const db = new Kysely<DB>({
    dialect: new PostgresDialect({ pool }),
    plugins: [new CamelCasePlugin()],
  });
  const parsed = new URL(url);
  return {
    db,
    engine: 'postgres',
    location: `${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`,
    close: () => db.destroy(),
  };
}
