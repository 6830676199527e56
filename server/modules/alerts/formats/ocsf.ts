import { dig, docs, entities, isDoc, score, str, time, type Doc } from './read.ts';

/** OCSF severity_id: 1 Informational, 2 Low, 3 Medium, 4 High, 5 Critical, 6 Fatal. */
const severities: Record<number, string> = {
  1: 'informational',
  2: 'low',
  3: 'medium',
  4: 'high',
  5: 'high',
  6: 'high',
};

/** The findings of a body: one finding or an array of them. */
export const ocsfDocuments = (body: unknown): Doc[] =>
  Array.isArray(body) ? docs(body) : isDoc(body) ? [body] : [];

/**
 * An OCSF Detection Finding (class_uid 2004) as our alert input. The user comes from the
 * first evidence holding one, else the actor; devices, addresses, files and URLs become
 * entities. Anything unreadable is left out for validation to name.
 */
export function fromOcsf(doc: Doc, source: string): Record<string, unknown> {
  const evidences = docs(doc.evidences);
  const user = [...evidences.map((e) => e.user), dig(doc, 'actor.user')].find(isDoc) ?? undefined;
  const email = str(dig(user, 'email_addr'));
  const uid = str(dig(user, 'uid'));
  const severityId = typeof doc.severity_id === 'number' ? doc.severity_id : undefined;
  return {
    source,
    externalId: str(dig(doc, 'finding_info.uid')) ?? str(dig(doc, 'metadata.uid')),
    title: str(dig(doc, 'finding_info.title')) ?? str(doc.message),
    description: str(dig(doc, 'finding_info.desc')) ?? str(doc.message) ?? '',
    severity: severityId === undefined ? undefined : (severities[severityId] ?? 'informational'),
    riskScore: score(doc.risk_score) ?? 0,
    detectedAt: time(dig(doc, 'finding_info.created_time')) ?? time(doc.time),
    ...(user && (email ?? uid)
      ? {
          subject: {
            ...(email ? { email } : { upn: uid }),
            ...((str(user.full_name) ?? str(user.name))
              ? { name: str(user.full_name) ?? str(user.name) }
              : {}),
            ...(str(dig(user, 'org.ou_name')) ? { department: str(dig(user, 'org.ou_name')) } : {}),
          },
        }
      : {}),
    entities: entities(
      evidences.flatMap((e): Array<[string, unknown]> => [
        ['host', dig(e, 'device.hostname')],
        ['ip', dig(e, 'device.ip')],
        ['ip', dig(e, 'src_endpoint.ip')],
        ['ip', dig(e, 'dst_endpoint.ip')],
        ['file', dig(e, 'file.name')],
        ['url', dig(e, 'url.url_string')],
        ['process', dig(e, 'process.name')],
        ['account', dig(e, 'user.name')],
      ]),
    ),
    events: evidences.slice(0, 1000),
    payload: doc,
  };
}
