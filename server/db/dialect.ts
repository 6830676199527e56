import {
  PostgresAdapter,
  sql,
  type Expression,
  type Kysely,
  type RawBuilder,
  type SqlBool,
} from 'kysely';

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

/** SQLite: an FTS5 query holding every term, each a phrase, the last also as a prefix. */
const ftsQuery = (terms: string[]) =>
  terms.map((t, i) => `"${t}"${i === terms.length - 1 ? '*' : ''}`).join(' ');

/**
 * A condition on `search_docs.id`-bearing rows: true when the document matches every term.
 * SQLite uses the FTS5 index `search_fts`; PostgreSQL a GIN index on to_tsvector('simple', body).
 */
export function matchSearchDocs<T>(db: Kysely<T>, terms: string[]): Expression<SqlBool> {
  if (isPostgres(db)) {
    const query = terms.map((t, i) => (i === terms.length - 1 ? `${t}:*` : t)).join(' & ');
    return sql<SqlBool>`to_tsvector('simple', search_docs.body) @@ to_tsquery('simple', ${query})`;
  }
  return sql<SqlBool>`search_docs.id in (select rowid from search_fts where search_fts match ${ftsQuery(terms)})`;
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
  return sql<SqlBool>`alerts.id in (select rowid from alerts_fts where alerts_fts match ${ftsQuery(terms)})`;
}

/**
 * SQLite only: the ids of the alerts holding every term, as a table `m(rid)` to drive a query
 * from. SQLite's planner cannot tell how many rows a text match gives and prefers walking an
 * index in the queue's order, which reads every alert when the words are rare; PostgreSQL
 * estimates the match from its statistics and needs no help.
 */
export const alertTextMatchTable = (terms: string[]) =>
  sql<{
    rid: number;
  }>`(select rowid as rid from alerts_fts where alerts_fts match ${ftsQuery(terms)})`.as('m');

/** SQLite only: how many alerts hold every term, counted up to `cap`. */
export async function countAlertTextMatches<T>(db: Kysely<T>, terms: string[], cap: number) {
  const { rows } = await sql<{ n: number }>`select count(*) as n from (select rowid from alerts_fts
    where alerts_fts match ${ftsQuery(terms)} limit ${cap})`.execute(db);
  return Number(rows[0]?.n ?? 0);
}

/**
 * The UTC hour (`YYYY-MM-DDTHH`) or day (`YYYY-MM-DD`) a time column falls in, as text, for
 * grouping events into buckets. SQLite stores times as ISO-8601 UTC text, so it is a prefix.
 */
export function utcTimePrefix<T>(
  db: Kysely<T>,
  column: string,
  unit: 'hour' | 'day',
): RawBuilder<string> {
  if (isPostgres(db)) {
    const format = unit === 'hour' ? 'YYYY-MM-DD"T"HH24' : 'YYYY-MM-DD';
    return sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', ${sql.lit(format)})`;
  }
  return sql<string>`substr(${sql.ref(column)}, 1, ${sql.lit(unit === 'hour' ? 13 : 10)})`;
}

/**
 * True when a text column holds `needle` exactly (no wildcards); case-sensitive on both engines
 * unless `ignoreCase`, which compares lower-cased text.
 */
export function holdsText<T>(
  db: Kysely<T>,
  column: string,
  needle: string,
  { ignoreCase = false } = {},
): Expression<SqlBool> {
  const col = ignoreCase ? sql`lower(${sql.ref(column)})` : sql.ref(column);
  const text = ignoreCase ? needle.toLowerCase() : needle;
  return isPostgres(db)
    ? sql<SqlBool>`strpos(${col}, ${text}) > 0`
    : sql<SqlBool>`instr(${col}, ${text}) > 0`;
}

/**
 * True when `column` holds one of `values`, the list bound as ONE parameter (a JSON array read
 * by `json_each` on SQLite, an array on PostgreSQL): a list of thousands costs one plan and no
 * query-builder node per value. Every value must be of one kind (integers or texts).
 */
export function isOneOf<T>(
  db: Kysely<T>,
  column: string,
  values: ReadonlyArray<number> | ReadonlyArray<string>,
): Expression<SqlBool> {
  if (values.length === 0) return sql<SqlBool>`1 = 0`;
  if (isPostgres(db)) {
    const type = sql.raw(typeof values[0] === 'number' ? 'bigint[]' : 'text[]');
    return sql<SqlBool>`${sql.ref(column)} = any(cast(${values} as ${type}))`;
  }
  return sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`;
}

/**
 * True when an element of the JSON array of objects in `column` (stored as text on both
 * engines) holds `needle` in one of `keys`, ignoring case (lower(): ASCII only on SQLite).
 * Unlike a match on the JSON text, the keys' names and the quoting never match.
 */
export function jsonObjectsHoldText<T>(
  db: Kysely<T>,
  column: string,
  keys: readonly string[],
  needle: string,
): Expression<SqlBool> {
  const text = needle.toLowerCase();
  if (isPostgres(db)) {
    const values = sql.join(
      keys.map((k) => sql`coalesce(e.v ->> ${k}, '')`),
      sql` || ' ' || `,
    );
    const json = sql`cast(${sql.ref(column)} as jsonb)`;
    const array = sql`case when jsonb_typeof(${json}) = 'array' then ${json} else '[]'::jsonb end`;
    return sql<SqlBool>`exists (select 1 from jsonb_array_elements(${array}) as e(v) where strpos(lower(${values}), ${text}) > 0)`;
  }
  const values = sql.join(
    keys.map((k) => sql`coalesce(json_extract(e.value, ${`$.${k}`}), '')`),
    sql` || ' ' || `,
  );
  return sql<SqlBool>`exists (select 1 from json_each(${sql.ref(column)}) as e where instr(lower(${values}), ${text}) > 0)`;
}
