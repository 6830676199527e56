import { ocsfEntities } from './ocsf-entities.ts';
import {
  dig,
  docs,
  entities,
  isDoc,
  looksLikeAddress,
  num,
  Refusal,
  score,
  str,
  time,
  type Doc,
} from './read.ts';

/** The finding classes read as alerts; any other class (a login, an API call) is refused. */
export const ocsfClasses: Record<number, string> = {
  2001: 'Security Finding',
  2002: 'Vulnerability Finding',
  2003: 'Compliance Finding',
  2004: 'Detection Finding',
  2005: 'Incident Finding',
  2006: 'Data Security Finding',
};

/** severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical, 6 Fatal (0 Unknown, 99 Other). */
const severityIds: Record<number, [string, string]> = {
  1: ['informational', 'Informational'],
  2: ['low', 'Low'],
  3: ['medium', 'Medium'],
  4: ['high', 'High'],
  5: ['high', 'Critical'],
  6: ['high', 'Fatal'],
};
/** risk_level_id: 0 Info, 1 Low, 2 Medium, 3 High, 4 Critical. */
const riskLevels = ['informational', 'low', 'medium', 'high', 'high'];
const severityWords: Record<string, string> = {
  informational: 'informational',
  info: 'informational',
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'high',
  fatal: 'high',
};
/** status_id of findings: 0 Unknown, 1 New, 2 In Progress, 3 Suppressed, 4 Resolved, 5 Archived, 6 Deleted, 99 Other. */
const statuses = ['Unknown', 'New', 'In Progress', 'Suppressed', 'Resolved', 'Archived', 'Deleted'];

/** The source fields each of our fields is read from, for the messages of a refusal. */
export const ocsfLooksFor = {
  externalId: 'finding_info.uid or finding.uid',
  title: 'finding_info.title, finding.title, vulnerabilities[0].title or message',
  severity: 'severity_id, risk_level_id or severity',
  detectedAt: 'finding_info.created_time, finding.created_time or time',
  subject: 'evidences[].user, actor.user or user',
};

/** The findings of a body: one finding or an array of them. */
export const ocsfDocuments = (body: unknown): Doc[] =>
  Array.isArray(body) ? docs(body) : isDoc(body) ? [body] : [];

/**
 * Ours from severity_id; Unknown (0), Other (99) or a missing id fall back to risk_level_id,
 * then to the `severity` caption, then to medium: never silently informational. The source's
 * word is kept whenever ours is not the same word.
 */
function severityOf(doc: Doc): { severity?: string; sourceSeverity?: string } {
  const id = num(doc.severity_id);
  const caption = str(doc.severity);
  const known = id === undefined ? undefined : severityIds[id];
  if (known) return { severity: known[0], ...(id! >= 5 ? { sourceSeverity: known[1] } : {}) };
  const risk = num(doc.risk_level_id);
  const fallback =
    (risk === undefined ? undefined : riskLevels[risk]) ??
    (caption ? severityWords[caption.toLowerCase()] : undefined);
  const word = caption ?? (id === 0 ? 'Unknown' : id === 99 ? 'Other' : undefined);
  if (fallback) return { severity: fallback, ...(word ? { sourceSeverity: word } : {}) };
  if (id === undefined && caption === undefined) return {};
  return { severity: 'medium', sourceSeverity: word ?? String(id) };
}

/** A person: an e-mail, or a UPN-shaped name; never a system or service account. */
function subjectOf(users: Doc[]) {
  for (const user of users) {
    if (num(user.type_id) === 3 || /service/i.test(str(user.type) ?? '')) continue;
    const email = str(user.email_addr);
    const upn = [str(user.name), str(user.uid)].find(looksLikeAddress);
    if (!looksLikeAddress(email) && !upn) continue;
    const name = str(user.full_name) ?? (str(user.name) !== upn ? str(user.name) : undefined);
    const department = str(dig(user, 'org.ou_name'));
    return {
      ...(looksLikeAddress(email) ? { email } : { upn }),
      ...(name ? { name } : {}),
      ...(department ? { department } : {}),
    };
  }
  return undefined;
}

/** The source's own status: status (or legacy state), with status_code or the compliance status. */
function statusOf(doc: Doc): string | undefined {
  const id = num(doc.status_id) ?? num(doc.state_id);
  const label =
    str(doc.status) ?? str(doc.state) ?? (id === undefined ? undefined : (statuses[id] ?? 'Other'));
  const code = str(doc.status_code) ?? str(dig(doc, 'compliance.status'));
  return [label, code].filter(Boolean).join(' · ') || undefined;
}

/** A compliance check that passed is settled at the source, not a detection to review. */
function passed(doc: Doc): boolean {
  if (!isDoc(doc.compliance)) return false;
  const code = (str(doc.status_code) ?? str(dig(doc, 'compliance.status')) ?? '').toUpperCase();
  return code === 'PASS' || num(dig(doc, 'compliance.status_id')) === 1;
}

/**
 * An OCSF finding (Security 2001, including pre-1.1 `finding{}`, Vulnerability 2002,
 * Compliance 2003, Detection 2004, Incident 2005, Data Security 2006) as our alert input.
 * Throws a Refusal for any other class_uid. Anything unreadable is left out for validation.
 */
export function fromOcsf(doc: Doc, source: string): Record<string, unknown> {
  const classUid = num(doc.class_uid);
  if (classUid === undefined || !ocsfClasses[classUid])
    throw new Refusal(
      'class_uid',
      classUid === undefined
        ? 'class_uid is missing: send OCSF findings (class_uid 2001 to 2006)'
        : `class_uid ${classUid}${str(doc.class_name) ? ` (${str(doc.class_name)})` : ''} is not a finding: only findings (2001 to 2006) are read as alerts`,
    );
  const info = isDoc(doc.finding_info) ? doc.finding_info : isDoc(doc.finding) ? doc.finding : {};
  const vuln = docs(doc.vulnerabilities)[0];
  const users = [
    ...docs(doc.evidences).map((e) => e.user),
    dig(doc, 'actor.user'),
    doc.user,
  ].filter(isDoc);
  const subject = subjectOf(users);
  const status = statusOf(doc);
  const cvss = docs(dig(vuln, 'cve.cvss'))[0];
  return {
    source,
    externalId: str(info.uid),
    title: str(info.title) ?? str(vuln?.title) ?? str(doc.message),
    description: str(info.desc) ?? str(vuln?.desc) ?? str(doc.message) ?? '',
    ...severityOf(doc),
    riskScore: score(doc.risk_score) ?? score((num(cvss?.base_score) ?? 0) * 10) ?? 0,
    detectedAt:
      time(info.created_time) ??
      time(info.created_time_dt) ??
      time(info.first_seen_time) ??
      time(doc.time) ??
      time(doc.time_dt),
    ...(subject ? { subject } : {}),
    ...(status ? { sourceStatus: status } : {}),
    ...(passed(doc)
      ? { settledAtSource: 'The compliance check passed at the source (OCSF status_code PASS)' }
      : {}),
    entities: entities(ocsfEntities(doc)),
    events: docs(doc.evidences).slice(0, 1000),
    payload: doc,
  };
}
