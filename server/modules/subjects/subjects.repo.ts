import { sql, type Insertable, type SqlBool } from 'kysely';
import { chunks, updateManyById } from '../../db/bulk.ts';
import { keysetPage, type Keyset, type KeyValue } from '../../db/keyset.ts';
import type { Db } from '../../db/connection.ts';
import { isOneOf } from '../../db/dialect.ts';
import type { SubjectRow, SubjectsTable } from '../../db/schema.ts';

export const findSubjectsByEmail = (db: Db, workspaceId: number, emails: string[]) =>
  db
    .selectFrom('subjects')
    .selectAll()
    .where('workspaceId', '=', workspaceId)
    .where(isOneOf(db, 'email', emails))
    .execute();

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

export type SubjectSortKey =
  'name' | 'activityRiskScore' | 'riskScore' | 'alertCount' | 'lastActivityAt';

const sortColumn = {
  name: ['subjects.name', 'text'],
  activityRiskScore: ['subjects.activityRiskScore', 'int'],
  riskScore: ['subjects.riskScore', 'int'],
  alertCount: ['subjects.alertCount', 'int'],
  lastActivityAt: ['subjects.lastActivityAt', 'time'],
} as const;

/** The subject list's order: the sort column, then the id; no activity sorts last. */
export const subjectKeys = (
  sort: SubjectSortKey = 'name',
  order: 'asc' | 'desc' = 'asc',
): Keyset => ({
  columns: [sortColumn[sort][0], 'subjects.id'],
  kinds: [sortColumn[sort][1], 'int'],
  order,
  nullsLast: sort === 'lastActivityAt',
});

/** A row's position in the list's order. */
export const subjectKeyOf = (sort: SubjectSortKey, r: SubjectRow): KeyValue[] => [
  {
    name: r.name,
    activityRiskScore: r.activityRiskScore,
    riskScore: r.riskScore,
    alertCount: r.alertCount,
    lastActivityAt: r.lastActivityAt,
  }[sort],
  r.id,
];

/** A LIKE pattern for text anywhere in a value: %, _ and a backslash in it match themselves. */
const containing = (text: string) => `%${text.replace(/[%_\\]/g, (c) => `\\${c}`)}%`;

/**
 * A page of subjects (up to limit + 1 rows) in the keyset's order (by name unless given),
 * after `after` when given, optionally those whose lowercased name or e-mail (and department,
 * with `inDepartment`) contains `contains`.
 */
export function listSubjects(
  db: Db,
  workspaceId: number,
  opts: {
    contains?: string | undefined;
    /** Only these subjects. */
    ids?: number[] | undefined;
    inDepartment?: boolean;
    keys?: Keyset;
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
      opts.inDepartment
        ? sql<SqlBool>`(lower(name) like ${like} escape '\\' or email like ${like} escape '\\' or lower(department) like ${like} escape '\\')`
        : sql<SqlBool>`(lower(name) like ${like} escape '\\' or email like ${like} escape '\\')`,
    );
  }
  return keysetPage(q, opts.keys ?? subjectKeys(), opts.after, opts.limit).execute();
}

/**
 * The subjects whose e-mail or lowercased name is one of `keys` (lowercased manager strings),
 * for linking managers to subjects.
 */
export async function findByEmailOrName(db: Db, workspaceId: number, keys: string[]) {
  if (keys.length === 0) return [];
  return db
    .selectFrom('subjects')
    .select(['id', 'name', 'email'])
    .where('workspaceId', '=', workspaceId)
    .where((eb) => eb.or([eb('email', 'in', keys), eb(sql<string>`lower(name)`, 'in', keys)]))
    .execute();
}

/** What the activity of a subject sets on its row. */
export interface ActivityMark {
  id: number;
  activityRiskScore: number;
  activityRiskOn: string | null;
  lastActivityAt: string | null;
}

/**
 * The activity marks stored on the given subjects of the workspace (unknown ids are left out).
 * Looked up by id alone, the workspace checked on the rows: with `workspace_id = ?` in the
 * query, SQLite's planner walks the workspace's whole index instead of the ids it is given.
 */
export async function findActivityMarks(db: Db, workspaceId: number, ids: number[]) {
  const rows = await db
    .selectFrom('subjects')
    .select(['id', 'workspaceId', 'activityRiskScore', 'activityRiskOn', 'lastActivityAt'])
    .where(isOneOf(db, 'id', ids))
    .execute();
  return rows
    .filter((r) => r.workspaceId === workspaceId)
    .map(({ workspaceId: _ws, ...mark }) => mark);
}

/** Writes activity risk scores, the day they were worked out for and last activity times. */
export const writeActivityMarks = (db: Db, marks: ActivityMark[]) =>
  updateManyById(
    db,
    'subjects',
    { activity_risk_score: 'integer', activity_risk_on: 'text', last_activity_at: 'time' },
    marks.map((m) => ({
      id: m.id,
      values: {
        activity_risk_score: m.activityRiskScore,
        activity_risk_on: m.activityRiskOn,
        last_activity_at: m.lastActivityAt,
      },
    })),
  );

/**
 * Subjects whose stored activity risk score may be out of date on `today`: never worked out,
 * or above zero and worked out for an earlier day (a score only fades without new activity,
 * and new activity works it out again). At most `limit`, across workspaces.
 */
export const findRiskDue = (db: Db, today: string, limit: number) =>
  db
    .selectFrom('subjects')
    .select(['workspaceId', 'id'])
    .where((eb) =>
      eb.or([
        eb('activityRiskOn', 'is', null),
        eb.and([eb('activityRiskOn', '<', today), eb('activityRiskScore', '>', 0)]),
      ]),
    )
    .orderBy('workspaceId')
    .orderBy('id')
    .limit(limit)
    .execute();
