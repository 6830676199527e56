import type { ColumnDefinitionBuilder, Kysely } from 'kysely';
import { isPostgres, timeType } from '../dialect.ts';

/**
 * The column types every migration uses, per engine: ids (serial / autoincrement integer) and
 * points in time (timestamptz / ISO-8601 text). Changing them changes the schema that already
 * ran: add new types instead.
 */
export function columnTypes<T>(db: Kysely<T>) {
  const pg = isPostgres(db);
  return {
    pg,
    time: timeType(db),
    id: pg ? 'serial' : 'integer',
    idCol: (c: ColumnDefinitionBuilder) => (pg ? c.primaryKey() : c.primaryKey().autoIncrement()),
  } as const;
}
