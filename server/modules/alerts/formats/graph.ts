import {
  evidenceEntities,
  evidenceKind,
  graphScores,
  graphSeverity,
  graphStatus,
} from './graph-evidence.ts';
import { fromGraphV1, isGraphV1 } from './graph-legacy.ts';
import { docs, entities, isDoc, personUpn, score, str, time, type Doc } from './read.ts';

/** The source fields each of our fields is read from, for the messages of a refusal. */
export const graphLooksFor = {
  externalId: 'id',
  title: 'title',
  severity: 'severity',
  detectedAt: 'createdDateTime, firstActivityDateTime (v1: eventDateTime)',
  subject: 'evidence[userEvidence].userAccount (v1: userStates[])',
};

/**
 * The alerts of a body: one alert, an array, or a Graph list response `{ value: [...] }`;
 * null for a list response with no alerts (a poller forwarding a quiet page).
 */
export function graphDocuments(body: unknown): Doc[] | null {
  if (Array.isArray(body)) return docs(body);
  if (isDoc(body) && Array.isArray(body.value)) return body.value.length ? docs(body.value) : null;
  return isDoc(body) ? [body] : [];
}

/** The person of the user evidence: the UPN, else account name and DNS domain of a person. */
function subjectOf(evidence: Doc[]) {
  for (const e of evidence) {
    if (evidenceKind(e) !== 'userEvidence' || !isDoc(e.userAccount)) continue;
    const a = e.userAccount;
    const upn =
      personUpn(str(a.userPrincipalName), undefined) ??
      personUpn(str(a.accountName), str(a.domainName));
    if (!upn) continue;
    const name = str(a.displayName);
    return { upn, ...(name ? { name } : {}) };
  }
  return undefined;
}

/**
 * A Microsoft Graph security alert (v2, `/security/alerts_v2`) as our alert input: the first
 * user evidence that is a person is the subject; every evidence type names its entities. A
 * legacy v1 alert (`/security/alerts`, with hostStates, fileStates, userStates) is read by its
 * own mapping, never as v2.
 */
export function fromGraph(doc: Doc, source: string): Record<string, unknown> {
  if (isGraphV1(doc)) return fromGraphV1(doc, source);
  const evidence = docs(doc.evidence);
  const severity = graphSeverity(str(doc.severity));
  const subject = subjectOf(evidence);
  const status = graphStatus(doc.status, doc.classification, doc.determination);
  return {
    source,
    externalId: str(doc.id),
    title: str(doc.title),
    description: str(doc.description) ?? '',
    ...severity,
    riskScore: score(doc.riskScore) ?? graphScores[severity.severity ?? ''] ?? 50,
    detectedAt: time(doc.createdDateTime) ?? time(doc.firstActivityDateTime),
    ...(subject ? { subject } : {}),
    ...(status ? { sourceStatus: status } : {}),
    entities: entities(evidence.flatMap(evidenceEntities)),
    events: evidence.slice(0, 1000),
    payload: doc,
  };
}
