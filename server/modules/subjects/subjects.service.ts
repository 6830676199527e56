import { subjectLens } from './lens.ts';
import { subjectsNamedBy } from './search.ts';
import type { SubjectIn } from '../../../contract/alerts.ts';
import type { ListSubjectsQuery } from '../../../contract/subjects.ts';
import type { Ctx } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import { pageOf, readCursor } from '../../db/keyset.ts';
import type { SubjectRow } from '../../db/schema.ts';
import { forbidden, invalidInput, notFound } from '../../lib/errors.ts';
import { can, type Actor } from '../access/index.ts';
import { presentSubject, type SubjectView } from './subjects.presenter.ts';
import * as repo from './subjects.repo.ts';

/** Members who see cases or alerts see subjects; guests do not. */
const requireView = (actor: Actor) => {
  if (!can(actor, 'cases.view') && !can(actor, 'alerts.view')) throw forbidden();
};

/** The key a subject is matched by: its e-mail, else its UPN, lower-cased. */
export const subjectKey = (s: SubjectIn): string => (s.email ?? s.upn ?? '').toLowerCase();

/**
 * Subjects one page at a time, searched by name, e-mail or department, sorted by name, activity
 * or alert risk, alert count or last activity; each with its manager linked when that is
 * another subject. Throws forbidden for guests, invalid_input for a bad cursor.
 */
export async function listSubjects(ctx: Ctx, f: ListSubjectsQuery) {
  requireView(ctx.actor);
  const text = f.q?.trim().toLowerCase();
  const order = f.order ?? (f.sort === 'name' ? 'asc' : 'desc');
  const keys = repo.subjectKeys(f.sort, order);
  const lens = await subjectLens(ctx);
  // Pseudonymised: a text finds people by pseudonym, and by name only those revealed.
  const named = lens.active && text ? await subjectsNamedBy(ctx, text, 500) : undefined;
  const rows = await repo.listSubjects(ctx.db, ctx.actor.workspaceId, {
    contains: named ? undefined : text || undefined,
    ids: named?.visible,
    inDepartment: true,
    keys,
    after: readCursor(f.cursor, keys),
    limit: f.limit,
  });
  const { page, nextCursor } = pageOf(rows, f.limit, (r) => repo.subjectKeyOf(f.sort, r));
  const managers = await linkManagers(ctx.db, ctx.actor.workspaceId, page);
  return { items: page.map((r) => presentSubject(r, managers.get(r.id) ?? null)), nextCursor };
}

/**
 * The subject each row's manager string names: another subject whose e-mail/UPN it is, else
 * the only other subject of that name (a name two people share names nobody).
 */
async function linkManagers(db: Db, workspaceId: number, rows: SubjectRow[]) {
  const wanted = [
    ...new Set(rows.flatMap((r) => (r.manager?.trim() ? [r.manager.trim().toLowerCase()] : []))),
  ];
  const found = await repo.findByEmailOrName(db, workspaceId, wanted);
  const byEmail = new Map(found.map((s) => [s.email, s]));
  const byName = new Map<string, typeof found>();
  for (const s of found) {
    const key = s.name.toLowerCase();
    byName.set(key, [...(byName.get(key) ?? []), s]);
  }
  const out = new Map<number, { id: number; name: string; email: string }>();
  for (const r of rows) {
    const key = r.manager?.trim().toLowerCase();
    if (!key) continue;
    const named = (byName.get(key) ?? []).filter((s) => s.id !== r.id);
    const match = byEmail.get(key) ?? (named.length === 1 ? named[0] : undefined);
    if (match && match.id !== r.id) out.set(r.id, match);
  }
  return out;
}

/** One subject. Throws forbidden for guests, not_found. */
export async function getSubject(ctx: Ctx, id: number): Promise<SubjectView> {
  requireView(ctx.actor);
  const row = await repo.findSubject(ctx.db, ctx.actor.workspaceId, id);
  if (!row) throw notFound(`Subject ${id}`);
  const managers = await linkManagers(ctx.db, ctx.actor.workspaceId, [row]);
  return presentSubject(row, managers.get(row.id) ?? null);
}

/** The activity risk scores and last activity times stored on subjects (unknown ids left out). */
export const subjectActivityMarks = (db: Db, workspaceId: number, ids: number[]) =>
  repo.findActivityMarks(db, workspaceId, ids);

/**
 * Stores activity risk scores worked out for subjects and their latest activity times, as given.
 * Call inside the transaction that read the rollup and the stored marks.
 */
export const markSubjectActivity = (db: Db, marks: repo.ActivityMark[]) =>
  repo.writeActivityMarks(db, marks);

/** Subjects whose stored activity risk score may be stale on `today` (YYYY-MM-DD), at most `limit`. */
export const subjectsWithRiskDue = (db: Db, today: string, limit: number) =>
  repo.findRiskDue(db, today, limit);

/** A subject a case may focus on; throws invalid_input naming `field` when there is none. */
export async function requireSubject(db: Db, workspaceId: number, id: number, field: string) {
  const row = await repo.findSubject(db, workspaceId, id);
  if (!row)
    throw invalidInput(`There is no subject ${id}`, [{ path: field, message: 'unknown subject' }]);
  return { id: row.id, name: row.name, email: row.email };
}

interface Sighting {
  subject: SubjectIn;
  riskScore: number;
  detectedAt: string;
}

/**
 * Creates or refreshes the subjects seen in a batch of alerts (newer attributes win, the
 * risk score keeps the highest) and returns their ids by key. With `countAsAlerts: false`
 * (activity events) a sighting creates the subject and fills identity fields it lacks, but
 * changes no alert count, last alert time or risk score, and leaves complete subjects
 * untouched. Call inside the batch's transaction.
 */
export async function upsertSubjects(
  db: Db,
  workspaceId: number,
  sightings: Sighting[],
  at: string,
  opts: { countAsAlerts?: boolean } = {},
): Promise<Map<string, number>> {
  const counting = opts.countAsAlerts ?? true;
  const latest = new Map<string, Sighting & { count: number; maxRisk: number }>();
  for (const s of sightings) {
    const key = subjectKey(s.subject);
    const prev = latest.get(key);
    const merged = prev && prev.detectedAt > s.detectedAt ? prev : { ...s, count: 0, maxRisk: 0 };
    if (prev && merged !== prev) merged.subject = { ...prev.subject, ...s.subject };
    merged.count = (prev?.count ?? 0) + 1;
    merged.maxRisk = Math.max(prev?.maxRisk ?? 0, s.riskScore);
    latest.set(key, merged);
  }
  const keys = [...latest.keys()].sort();
  const existing = new Map(
    (await repo.findSubjectsByEmail(db, workspaceId, keys)).map((r) => [r.email, r]),
  );
  const fresh = keys.filter((k) => !existing.has(k));
  await repo.insertSubjects(
    db,
    fresh.map((email) => {
      const s = latest.get(email)!;
      return {
        workspaceId,
        email,
        name: s.subject.name ?? email,
        department: s.subject.department ?? null,
        manager: s.subject.manager ?? null,
        jobTitle: s.subject.jobTitle ?? null,
        riskScore: counting ? s.maxRisk : 0,
        alertCount: counting ? s.count : 0,
        lastAlertAt: counting ? s.detectedAt : null,
        createdAt: at,
        updatedAt: at,
      };
    }),
  );
  const ids = new Map<string, number>();
  for (const row of await repo.findSubjectsByEmail(db, workspaceId, fresh))
    ids.set(row.email, row.id);
  if (!counting) {
    for (const [email, row] of existing) ids.set(email, row.id);
    await repo.updateSubjects(db, fillMissing(existing, latest, at));
    return ids;
  }
  const updates = [...existing].map(([email, row]) => {
    const s = latest.get(email)!;
    ids.set(email, row.id);
    const newer = row.lastAlertAt === null || s.detectedAt >= row.lastAlertAt;
    const pick = <K extends 'name' | 'department' | 'manager' | 'jobTitle'>(k: K) =>
      newer ? (s.subject[k] ?? row[k]) : row[k];
    return {
      id: row.id,
      values: {
        name: pick('name'),
        department: pick('department'),
        manager: pick('manager'),
        job_title: pick('jobTitle'),
        last_alert_at: newer ? s.detectedAt : row.lastAlertAt,
        risk_score: Math.max(row.riskScore, s.maxRisk),
        alert_count: row.alertCount + s.count,
        updated_at: at,
      },
    };
  });
  await repo.updateSubjects(db, updates);
  return ids;
}

/** The subjects that lack an identity field a sighting gives (a name that is only the key). */
function fillMissing(existing: Map<string, SubjectRow>, latest: Map<string, Sighting>, at: string) {
  return [...existing].flatMap(([email, row]) => {
    const given = latest.get(email)!.subject;
    const name = row.name === row.email && given.name ? given.name : row.name;
    const department = row.department ?? given.department ?? null;
    const manager = row.manager ?? given.manager ?? null;
    const jobTitle = row.jobTitle ?? given.jobTitle ?? null;
    const same =
      name === row.name &&
      department === row.department &&
      manager === row.manager &&
      jobTitle === row.jobTitle;
    if (same) return [];
    const values = {
      name,
      department,
      manager,
      job_title: jobTitle,
      last_alert_at: row.lastAlertAt,
      risk_score: row.riskScore,
      alert_count: row.alertCount,
      updated_at: at,
    };
    return [{ id: row.id, values }];
  });
}
