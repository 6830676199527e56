import { sql, type Insertable, type SqlBool } from 'kysely';
import { chunks, updateManyById } from '../../db/bulk.ts';
import { keysetPage, type Keyset, type KeyValue } from '../../db/keyset.ts';
import type { Db } from '../../db/connection.ts';
import type { SubjectsTable } from '../../db/schema.ts';

export async function findSubjectsByEmail(db: Db, workspaceId: number, emails: string[]) {
  const rows = [];
  for (const part of chunks(emails)) {
    rows.push(
      ...(await db
        .selectFrom('subjects')
        .selectAll()
        .where('workspaceId', '=', workspaceId)
        .where('email', 'in', part)
        .execute()),
    );
  }
  return rows;
}

/** Inserts the subjects that do not exist yet; a concurrent insert of the same e-mail wins. */
export async function insertSubjects(db: Db, rows: Insertable<SubjectsTable>[]): Promise<void> {
  for (const part of chunks(rows)) {
    await db
      .insertInto('subjects')
      .values(part)
      .onConflict((oc) => oc.columns(['workspaceId', 'email']).doNothing())
      .execute();
  }
}

/** Sets new values on many subjects at once (snake_case column names). */
export const updateSubjects = (
  db: Db,
  rows: Array<{ id: number; values: Record<string, string | number | null> }>,
) =>
  updateManyById(
    db,
    'subjects',
    {
      name: 'text',
      department: 'text',
      manager: 'text',
      job_title: 'text',
      last_alert_at: 'time',
      risk_score: 'integer',
      alert_count: 'integer',
      updated_at: 'time',
    },
    rows,
  );

export const findSubject = (db: Db, workspaceId: number, id: number) =>
  db
    .selectFrom('subjects')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where('id', '=', id)
    .executeTakeFirst();

/** The subject list's order: by name, then id. */
export const subjectKeys: Keyset = {
  columns: ['name', 'id'],
  kinds: ['text', 'int'],
  order: 'asc',
};

/** A LIKE pattern for text anywhere in a value: %, _ and a backslash in it match themselves. */
const containing = (text: string) => `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

/**
 * A page of subjects by name (up to limit + 1 rows), after (name, id) when given, optionally those whose lowercased
 * name or e-mail contains `contains`.
 */
export function listSubjects(
  db: Db,
  workspaceId: number,
  opts: {
    contains?: string | undefined;
    /** Only these subjects. */
    ids?: number[] | undefined;
    after?: KeyValue[] | undefined;
    limit: number;
  },
) {
  let q = db.selectFrom('subjects').selectAll().where('workspaceId', '=', workspaceId);
  if (opts.ids)
    q = opts.ids.length === 0 ? q.where(sql<SqlBool>`1 = 0`) : q.where('id', 'in', opts.ids);
  if (opts.contains) {
    const like = containing(opts.contains);
    q = q.where(
      sql<SqlBool>`(lower(name) like ${like} escape '\\' or email like ${like} escape '\\')`,
    );
  }
  return keysetPage(q, subjectKeys, opts.after, opts.limit).execute();
}
