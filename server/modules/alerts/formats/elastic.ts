import { dig, docs, entities, isDoc, score, str, time, type Doc } from './read.ts';

const severities: Record<string, string> = {
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'high',
};

/**
 * The alert documents of a body: one document, an array, a search response
 * (`hits.hits[]._source`) or a single hit.
 */
export function elasticDocuments(body: unknown): Doc[] {
  const unwrap = (d: Doc): Doc => (isDoc(d._source) ? d._source : d);
  if (Array.isArray(body)) return docs(body).map(unwrap);
  if (!isDoc(body)) return [];
  const hits = dig(body, 'hits.hits');
  if (Array.isArray(hits)) return docs(hits).map(unwrap);
  return [unwrap(body)];
}

/**
 * An Elastic Security alert document (`.alerts-security.alerts-*`) as our alert input, read
 * with nested or dotted keys: the user is the subject; host, addresses, process and file
 * become entities.
 */
export function fromElastic(doc: Doc, source: string): Record<string, unknown> {
  const email = str(dig(doc, 'user.email'));
  const name = str(dig(doc, 'user.name'));
  const domain = str(dig(doc, 'user.domain'));
  const upn = name && domain && !name.includes('@') ? `${name}@${domain}` : name;
  const sev = str(dig(doc, 'kibana.alert.severity'))?.toLowerCase();
  return {
    source,
    externalId: str(dig(doc, 'kibana.alert.uuid')),
    title: str(dig(doc, 'kibana.alert.rule.name')),
    description:
      str(dig(doc, 'kibana.alert.reason')) ?? str(dig(doc, 'kibana.alert.rule.description')) ?? '',
    severity: sev === undefined ? undefined : (severities[sev] ?? 'informational'),
    riskScore: score(dig(doc, 'kibana.alert.risk_score')) ?? 0,
    detectedAt: time(dig(doc, 'kibana.alert.original_time')) ?? time(dig(doc, '@timestamp')),
    ...(email || upn
      ? {
          subject: {
            ...(email ? { email } : { upn }),
            ...(str(dig(doc, 'user.full_name')) ? { name: str(dig(doc, 'user.full_name')) } : {}),
          },
        }
      : {}),
    entities: entities([
      ['host', dig(doc, 'host.name')],
      ['ip', dig(doc, 'source.ip')],
      ['ip', dig(doc, 'destination.ip')],
      ['process', dig(doc, 'process.name')],
      ['file', dig(doc, 'file.name')],
      ['hash', dig(doc, 'file.hash.sha256')],
      ['account', name],
    ]),
    events: [],
    payload: doc,
  };
}
