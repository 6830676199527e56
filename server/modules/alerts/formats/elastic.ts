import { elasticEntities } from './elastic-entities.ts';
import {
  dig,
  docs,
  entities,
  isDoc,
  looksLikeAddress,
  num,
  personUpn,
  Refusal,
  score,
  str,
  time,
  type Doc,
} from './read.ts';

const severities: Record<string, string> = {
  low: 'low',
  medium: 'medium',
  high: 'high',
  critical: 'high',
};

/** The source fields each of our fields is read from, for the messages of a refusal. */
export const elasticLooksFor = {
  externalId:
    'kibana.alert.uuid (7.x: _id, or signal.rule.id with signal.parent.id; Elastic Defend: event.id)',
  title: 'kibana.alert.rule.name (7.x: signal.rule.name; Elastic Defend: rule.name or message)',
  severity:
    'kibana.alert.severity (7.x: signal.rule.severity; Elastic Defend: event.severity, a number)',
  detectedAt: 'kibana.alert.original_time, signal.original_time or @timestamp',
  subject: 'user.email, user.name and user.domain',
};

/**
 * The alert documents of a body: one document, an array, a search response (`hits.hits[]`,
 * its `_id` kept for 7.x signals) or a single hit; null for a search response with no hits.
 */
export function elasticDocuments(body: unknown): Doc[] | null {
  const unwrap = (d: Doc): Doc =>
    isDoc(d._source) ? { ...(str(d._id) ? { _id: d._id } : {}), ...d._source } : d;
  if (Array.isArray(body)) return docs(body).map(unwrap);
  if (!isDoc(body)) return [];
  const hits = dig(body, 'hits.hits');
  if (Array.isArray(hits)) return hits.length ? docs(hits).map(unwrap) : null;
  return [unwrap(body)];
}

/** Which generation of Elastic alert a document is. */
function shapeOf(doc: Doc): 'alert' | 'signal' | 'endpoint' {
  if (
    dig(doc, 'kibana.alert.uuid') !== undefined ||
    dig(doc, 'kibana.alert.rule.name') !== undefined
  )
    return 'alert';
  if (isDoc(doc.signal) || dig(doc, 'signal.rule.name') !== undefined) return 'signal';
  if (dig(doc, 'event.kind') === 'alert' && dig(doc, 'event.module') === 'endpoint')
    return 'endpoint';
  throw new Refusal(
    'kibana.alert.uuid',
    'not an Elastic Security alert: looked for kibana.alert.uuid or kibana.alert.rule.name (8.x), signal.rule.name (7.x) and event.kind "alert" with event.module "endpoint" (Elastic Defend)',
  );
}

/** Elastic's numeric severity bands: 0-21 low, 22-47 medium, 48-73 high, 74-100 critical. */
const band = (n: number) => (n < 22 ? 'low' : n < 48 ? 'medium' : n < 74 ? 'high' : 'critical');

/** The person of the alert: user.email, a UPN-shaped user.name, or name@domain for a person. */
function subjectOf(doc: Doc) {
  const email = str(dig(doc, 'user.email'));
  const upn = personUpn(str(dig(doc, 'user.name')), str(dig(doc, 'user.domain')));
  if (!looksLikeAddress(email) && !upn) return undefined;
  const name = str(dig(doc, 'user.full_name'));
  return { ...(looksLikeAddress(email) ? { email } : { upn }), ...(name ? { name } : {}) };
}

/** Our fields, as each generation names them. */
function fieldsOf(doc: Doc) {
  const shape = shapeOf(doc);
  if (shape === 'alert') {
    const override = str(dig(doc, 'kibana.alert.rule.rule_name_override'));
    return {
      externalId: str(dig(doc, 'kibana.alert.uuid')),
      title:
        (override ? str(dig(doc, override)) : undefined) ?? str(dig(doc, 'kibana.alert.rule.name')),
      description:
        str(dig(doc, 'kibana.alert.reason')) ?? str(dig(doc, 'kibana.alert.rule.description')),
      severity: str(dig(doc, 'kibana.alert.severity')),
      riskScore: score(dig(doc, 'kibana.alert.risk_score')),
      detectedAt: time(dig(doc, 'kibana.alert.original_time')) ?? time(dig(doc, '@timestamp')),
      status: str(dig(doc, 'kibana.alert.workflow_status')),
    };
  }
  if (shape === 'signal') {
    const parent =
      str(dig(doc, 'signal.parent.id')) ?? str(docs(dig(doc, 'signal.ancestors'))[0]?.id);
    const rule = str(dig(doc, 'signal.rule.id'));
    const override = str(dig(doc, 'signal.rule.rule_name_override'));
    return {
      externalId: str(doc._id) ?? (rule && parent ? `${rule}:${parent}` : undefined),
      title: (override ? str(dig(doc, override)) : undefined) ?? str(dig(doc, 'signal.rule.name')),
      description: str(dig(doc, 'signal.reason')) ?? str(dig(doc, 'signal.rule.description')),
      severity: str(dig(doc, 'signal.rule.severity')),
      riskScore: score(dig(doc, 'signal.rule.risk_score')),
      detectedAt: time(dig(doc, 'signal.original_time')) ?? time(dig(doc, '@timestamp')),
      status: str(dig(doc, 'signal.status')),
    };
  }
  const n = num(dig(doc, 'event.severity'));
  return {
    externalId: str(dig(doc, 'event.id')),
    title: str(dig(doc, 'rule.name')) ?? str(doc.message),
    description: str(dig(doc, 'rule.description')) ?? str(doc.message),
    severity: n === undefined ? undefined : band(n),
    riskScore: score(dig(doc, 'event.risk_score')) ?? (n === undefined ? undefined : score(n)),
    detectedAt: time(dig(doc, '@timestamp')),
    status: undefined,
  };
}

/**
 * An Elastic Security alert (8.x `.alerts-security.alerts-*`, a 7.x `signal.*` document, or a raw
 * Elastic Defend endpoint alert) as our alert input, read with nested or dotted keys. The subject
 * is a person only (never SYSTEM, NT AUTHORITY or a bare local user); everything else the
 * alert names becomes an entity. Throws a Refusal for a document of none of these shapes.
 */
export function fromElastic(doc: Doc, source: string): Record<string, unknown> {
  const f = fieldsOf(doc);
  const sev = f.severity?.toLowerCase();
  const subject = subjectOf(doc);
  const original = dig(doc, 'signal.original_event');
  return {
    source,
    externalId: f.externalId,
    title: f.title,
    description: f.description ?? '',
    severity: sev === undefined ? undefined : (severities[sev] ?? 'medium'),
    ...(sev !== undefined && sev !== severities[sev] ? { sourceSeverity: f.severity } : {}),
    riskScore: f.riskScore ?? 0,
    detectedAt: f.detectedAt,
    ...(subject ? { subject } : {}),
    ...(f.status ? { sourceStatus: f.status } : {}),
    entities: entities([
      ...elasticEntities(doc),
      ...(isDoc(original) ? elasticEntities(original) : []),
    ]),
    events: [],
    payload: doc,
  };
}
