import { docs, entities, isDoc, str, time, type Doc } from './read.ts';

const severities: Record<string, string> = {
  informational: 'informational',
  low: 'low',
  medium: 'medium',
  high: 'high',
};
// Graph alerts carry no risk score: a score from the severity keeps the queue sortable.
const scores: Record<string, number> = { informational: 10, low: 30, medium: 60, high: 85 };

/** The alerts of a body: one alert, an array, or a Graph list response `{ value: [...] }`. */
export function graphDocuments(body: unknown): Doc[] {
  if (Array.isArray(body)) return docs(body);
  if (isDoc(body) && Array.isArray(body.value)) return docs(body.value);
  return isDoc(body) ? [body] : [];
}

const kind = (e: Doc) => str(e['@odata.type'])?.replace('#microsoft.graph.security.', '') ?? '';

/**
 * A Microsoft Graph security alert (v2, `/security/alerts_v2`) as our alert input: the first
 * user evidence is the subject; devices, addresses, files, URLs and mailboxes become entities.
 */
export function fromGraph(doc: Doc, source: string): Record<string, unknown> {
  const evidence = docs(doc.evidence);
  const account = evidence
    .filter((e) => kind(e) === 'userEvidence')
    .map((e) => e.userAccount)
    .find(isDoc);
  const upn = str(account?.userPrincipalName);
  const severity = severities[str(doc.severity) ?? ''];
  return {
    source,
    externalId: str(doc.id),
    title: str(doc.title),
    description: str(doc.description) ?? '',
    severity: severity ?? (str(doc.severity) ? 'informational' : undefined),
    riskScore: scores[severity ?? 'informational'],
    detectedAt: time(doc.createdDateTime) ?? time(doc.firstActivityDateTime),
    ...(upn
      ? {
          subject: {
            upn,
            ...(str(account?.displayName) ? { name: str(account?.displayName) } : {}),
          },
        }
      : {}),
    entities: entities(
      evidence.flatMap((e): Array<[string, unknown]> => {
        switch (kind(e)) {
          case 'deviceEvidence':
            return [['host', e.deviceDnsName]];
          case 'ipEvidence':
            return [['ip', e.ipAddress]];
          case 'urlEvidence':
            return [['url', e.url]];
          case 'fileEvidence':
            return [['file', isDoc(e.fileDetails) ? e.fileDetails.fileName : undefined]];
          case 'mailboxEvidence':
            return [['mailbox', e.primaryAddress]];
          case 'userEvidence':
            return [['account', isDoc(e.userAccount) ? e.userAccount.accountName : undefined]];
          default:
            return [];
        }
      }),
    ),
    events: evidence.slice(0, 1000),
    payload: doc,
  };
}
