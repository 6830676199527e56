import { PostgresAdapter, sql, type Expression, type Kysely, type SqlBool } from 'kysely';

/**
 * The few places where SQLite and PostgreSQL differ. Each helper works on a Kysely instance or
 * a transaction of either engine and is covered by the same test on both.
 */
export function isPostgres<T>(db: Kysely<T>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** Column type for a point in time: timestamptz on PostgreSQL, ISO-8601 text on SQLite. */
export const timeType = <T>(db: Kysely<T>) => (isPostgres(db) ? 'timestamptz' : 'text');

/**
 * Turns free text typed by a person into a full-text query that matches documents holding
 * every word (prefix match on the last one). Only letters and digits reach the engine.
 */
export function searchTerms(q: string): string[] {
  return (q.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
}

/**
 * A condition on `search_docs.id`-bearing rows: true when the document matches every term.
 * SQLite uses the FTS5 index `search_fts`; PostgreSQL a GIN index on to_tsvector('simple', body).
 */
export function matchSearchDocs<T>(db: Kysely<T>, terms: string[]): Expression<SqlBool> {
  if (isPostgres(db)) {
    const query = terms.map((t, i) => (i === terms.length - 1 ? `${t}:*` : t)).join(' & ');
    return sql<SqlBool>`to_tsvector('simple', search_docs.body) @@ to_tsquery('simple', ${query})`;
  }
  const query = terms.map((t, i) => `"${t}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
  return sql<SqlBool>`search_docs.id in (select rowid from search_fts where search_fts match ${query})`;
}

/**
 * A condition on `alerts` rows: true when the title or description holds every term.
 * SQLite uses the FTS5 index `alerts_fts`; PostgreSQL a GIN index on the same expression.
 */
export function matchAlertText<T>(db: Kysely<T>, terms: string[]): Expression<SqlBool> {
  if (isPostgres(db)) {
    const query = terms.map((t, i) => (i === terms.length - 1 ? `${t}:*` : t)).join(' & ');
    return sql<SqlBool>`to_tsvector('simple', alerts.title || ' ' || alerts.description) @@ to_tsquery('simple', ${query})`;
  }
  const query = terms.map((t, i) => `"${t}"${i === terms.length - 1 ? '*' : ''}`).join(' ');
  return sql<SqlBool>`alerts.id in (select rowid from alerts_fts where alerts_fts match ${query})`;
}
