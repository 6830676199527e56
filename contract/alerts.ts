import { z } from 'zod';
import { CreateCase } from './cases.ts';
import {
  countedPage,
  CountQuery,
  csv,
  Cursor,
  Id,
  QueryId,
  Instant,
  InstantOut,
  Limit,
  Ref,
  Text,
} from './common.ts';
import { AlertActivityIn, MAX_ACTIVITY_BATCH, MAX_ALERT_ACTIVITIES } from './activities.ts';
import { SubjectIn, SubjectRef } from './subjects.ts';

export const Severity = z
  .enum(['informational', 'low', 'medium', 'high'])
  .describe('Informational, Low, Medium or High');
export type Severity = z.infer<typeof Severity>;
/** The order of severities, as the severity indexes of alerts and incidents hold them. */
export const severityRank: Readonly<Record<Severity, number>> = {
  informational: 1,
  low: 2,
  medium: 3,
  high: 4,
};
export const AlertStatus = z
  .enum(['needs_review', 'confirmed', 'dismissed', 'resolved'])
  .describe(
    'needs_review: waiting for triage. confirmed: a real detection, still being worked. dismissed: not a threat, with a reason. resolved: confirmed, and the work on it has ended. Only Casefile sets resolved and takes it back: a confirmed alert is resolved while no open case covers it (linked directly or through its incident) and either a closed case covers it or its incident is resolved.',
  );
export type AlertStatus = z.infer<typeof AlertStatus>;

export const DismissCategory = z
  .enum(['false_positive', 'benign_true_positive', 'duplicate', 'other'])
  .describe(
    'false_positive: the detection was wrong. benign_true_positive: it was right, and the activity was allowed. duplicate: another alert covers it. other: see the reason.',
  );
export type DismissCategory = z.infer<typeof DismissCategory>;

export const Correlation = z
  .object({
    reason: z
      .enum(['opened', 'subject', 'entity'])
      .describe(
        'opened: the first alert of its incident. subject: the incident already held an alert about the same subject. entity: it shares the entity below with an alert of the incident.',
      ),
    entity: z
      .object({ type: z.string(), value: z.string() })
      .optional()
      .describe('The shared entity (type and value, lower-cased as compared), for `entity`'),
  })
  .describe('Why the alert is in its incident; null for alerts stored before it was recorded');
export type Correlation = z.infer<typeof Correlation>;

export const MAX_PAYLOAD_BYTES = 256 * 1024;
export const MAX_BATCH = 1000;

const Short = (max: number) => z.string().trim().min(1).max(max);

export { SubjectIn } from './subjects.ts';

export const Entity = z.strictObject({
  type: Short(50).describe('ip, host, file, url, account, process...'),
  value: Short(1000),
});
export type Entity = z.infer<typeof Entity>;

// TextEncoder rather than Buffer: the contract is shared with the browser.
const encoder = new TextEncoder();
const payloadSize = (v: unknown) => encoder.encode(JSON.stringify(v ?? null) ?? 'null').length;

/** One alert in our own JSON. */
export const AlertIn = z
  .strictObject({
    source: Short(100).describe('The detector: dlp, edr, siem, a product name...'),
    externalId: Short(200).describe("The alert's id at the source; (source, externalId) is unique"),
    title: Text(500),
    description: z.string().max(20_000).default(''),
    severity: Severity,
    riskScore: z.number().int().min(0).max(100).default(0),
    detectedAt: Instant,
    subject: SubjectIn.optional(),
    entities: z.array(Entity).max(200).default([]),
    sourceStatus: Short(100)
      .optional()
      .describe(
        "The source's own status or classification when it sent the alert (Graph `resolved`, OCSF `Success`, Elastic `open`); shown beside ours, never replacing it",
      ),
    sourceSeverity: Short(50)
      .optional()
      .describe(
        "The source's own severity word when ours is only a reading of it (OCSF `Critical`, `Unknown`, `Other`)",
      ),
    events: z.array(z.record(z.string(), z.unknown())).max(1000).default([]),
    activities: z
      .array(AlertActivityIn)
      .max(MAX_ALERT_ACTIVITIES)
      .optional()
      .describe(
        "The scored activity events behind the alert, stored with it (idempotent on their own source and externalId) and shown in its subject's timeline; they are the alert subject's",
      ),
    payload: z
      .unknown()
      .refine((v) => payloadSize(v) <= MAX_PAYLOAD_BYTES, 'must be at most 256 KB as JSON')
      .optional()
      .describe('The raw alert as the source sent it, at most 256 KB as JSON'),
  })
  .refine((a) => !a.activities?.length || a.subject !== undefined, {
    message: 'activity events need the alert to name its subject',
    path: ['activities'],
  });
export type AlertIn = z.infer<typeof AlertIn>;

/** One alert, or `{ alerts: [...] }`; a single alert is read as a batch of one. */
export const IngestAlerts = z.preprocess(
  (v) =>
    v !== null && typeof v === 'object' && !Array.isArray(v) && 'alerts' in v ? v : { alerts: [v] },
  z
    .strictObject({ alerts: z.array(AlertIn).min(1).max(MAX_BATCH) })
    .refine(
      (b) => b.alerts.reduce((n, a) => n + (a.activities?.length ?? 0), 0) <= MAX_ACTIVITY_BATCH,
      { message: `at most ${MAX_ACTIVITY_BATCH} activity events in one batch`, path: ['alerts'] },
    ),
);

export const IngestResult = z.object({
  activities: z
    .object({ created: z.number().int(), duplicates: z.number().int() })
    .optional()
    .describe('When the alerts carried activity events: how many were stored, how many were known'),
  results: z.array(
    z.object({
      id: z.number().int(),
      created: z.boolean().describe('False when the alert was delivered before'),
      incidentId: z.number().int().nullable(),
    }),
  ),
  created: z.number().int(),
  duplicates: z.number().int(),
});
export type IngestResult = z.infer<typeof IngestResult>;

export const IngestFormat = z.enum(['ocsf', 'graph', 'elastic', 'generic']);
export type IngestFormat = z.infer<typeof IngestFormat>;
export const IngestFormatParams = z.strictObject({ format: IngestFormat });
export const IngestFormatQuery = z.strictObject({
  source: Short(100)
    .optional()
    .describe('Our source name; required for generic, defaults to the format name otherwise'),
});
export const IngestFormatBody = z
  .union([
    z.array(z.record(z.string(), z.unknown())).min(1).max(MAX_BATCH),
    z.record(z.string(), z.unknown()),
  ])
  .describe("One document of the format, an array of them, or the format's own list envelope");

export const Alert = z.object({
  id: z.number().int(),
  source: z.string(),
  externalId: z.string(),
  title: z.string(),
  description: z.string(),
  severity: Severity,
  riskScore: z.number().int(),
  status: AlertStatus,
  detectedAt: InstantOut,
  receivedAt: InstantOut,
  subject: SubjectRef.nullable(),
  incidentId: z.number().int().nullable(),
  correlation: Correlation.nullable(),
  sourceStatus: z
    .string()
    .nullable()
    .describe("The source's own status or classification on first delivery; null if it gave none"),
  sourceSeverity: z
    .string()
    .nullable()
    .describe("The source's own severity word when ours is a reading of it; null otherwise"),
  triage: z
    .object({
      at: InstantOut,
      by: Ref.nullable(),
      category: DismissCategory.nullable().describe('For a dismissal'),
      reason: z.string().nullable(),
    })
    .nullable()
    .describe('Who confirmed or dismissed it, when, and the dismissal category and reason'),
});
export type Alert = z.infer<typeof Alert>;

export const AlertDetail = Alert.extend({
  entities: z.array(z.object({ type: z.string(), value: z.string() })),
  events: z.array(z.record(z.string(), z.unknown())),
  payload: z.unknown(),
  caseNumbers: z.array(z.number().int()).describe('Cases the alert is linked to'),
});

export const AlertSort = z.enum(['detectedAt', 'severity', 'riskScore']);
export type AlertSort = z.infer<typeof AlertSort>;

export const ListAlertsQuery = z.strictObject({
  status: csv(AlertStatus),
  severity: csv(Severity),
  source: csv(z.string().min(1).max(100)),
  dismissCategory: csv(DismissCategory).describe('Dismissed alerts of these categories'),
  subject: QueryId.optional().describe('A subject id'),
  detectedFrom: Instant.optional(),
  detectedTo: Instant.optional(),
  incident: QueryId.optional().describe('An incident id'),
  case: z.coerce.number().int().positive().optional().describe('A case number'),
  q: z
    .string()
    .max(200)
    .optional()
    .describe("Words in the title or description, or part of the subject's name or e-mail"),
  sort: AlertSort.default('detectedAt'),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: Limit,
  cursor: Cursor,
  total: CountQuery,
});
export type ListAlertsQuery = z.infer<typeof ListAlertsQuery>;
export const AlertPage = countedPage(Alert);

export const AlertSources = z.object({
  items: z
    .array(
      z.object({
        source: z.string(),
        lastSeenAt: InstantOut.describe('When an alert of this source last arrived'),
      }),
    )
    .describe('Every source alerts of the workspace came from, by name'),
});

const oneTarget = (v: { caseNumber?: number | undefined; newCase?: unknown }) =>
  (v.caseNumber === undefined) !== (v.newCase === undefined);
const CaseNumber = z.number().int().positive().describe('An existing case');

export const ConfirmAlert = z
  .strictObject({ caseNumber: CaseNumber.optional(), newCase: CreateCase.optional() })
  .refine(oneTarget, 'give either caseNumber or newCase');
export type ConfirmAlert = z.infer<typeof ConfirmAlert>;
export const DismissAlert = z.strictObject({ category: DismissCategory, reason: Text(5_000) });
export type DismissAlert = z.infer<typeof DismissAlert>;

const AlertIds = z.array(Id).min(1).max(500);
export const BulkConfirmAlerts = z
  .strictObject({
    alertIds: AlertIds,
    caseNumber: CaseNumber.optional(),
    newCase: CreateCase.optional(),
  })
  .refine(oneTarget, 'give either caseNumber or newCase');
export type BulkConfirmAlerts = z.infer<typeof BulkConfirmAlerts>;
export const BulkDismissAlerts = z.strictObject({
  alertIds: AlertIds,
  category: DismissCategory,
  reason: Text(5_000),
});

export const DismissalCounts = z.object({
  counts: z
    .record(DismissCategory, z.number().int())
    .describe('Dismissed alerts of the workspace per category'),
});

export const AlertBulkOutcome = z.object({
  caseNumber: z.number().int().optional().describe('The case confirmed alerts were linked to'),
  results: z.array(
    z.object({
      id: z.number().int(),
      ok: z.boolean(),
      error: z.object({ code: z.string(), message: z.string() }).optional(),
    }),
  ),
});

/** Fields of our alert that a generic source's documents map to, by JSON path. */
export const MappedField = z.enum([
  'externalId',
  'title',
  'description',
  'severity',
  'riskScore',
  'detectedAt',
  'subjectEmail',
  'subjectUpn',
  'subjectName',
  'subjectDepartment',
  'subjectManager',
  'subjectJobTitle',
]);
export type MappedField = z.infer<typeof MappedField>;
export const JsonPath = z
  .string()
  .max(300)
  .regex(/^\$(\.[A-Za-z_@][\w@-]*|\[\d+\])*$/, 'a path like $.data.user.mail or $.items[0].id')
  .describe('A JSON path: `$`, then `.name` or `[index]` steps');

export const AlertMappingParams = z.strictObject({ source: Short(100) });
export const PutAlertMapping = z.strictObject({
  fields: z
    .partialRecord(MappedField, JsonPath)
    .refine((f) => f.externalId !== undefined && f.title !== undefined, {
      message: 'map at least externalId and title',
    }),
  severityMap: z
    .record(z.string().max(100), Severity)
    .optional()
    .describe("The source's severity words to ours, when they differ"),
});
export type PutAlertMapping = z.infer<typeof PutAlertMapping>;
export const AlertMapping = z.object({
  source: z.string(),
  fields: z.record(z.string(), z.string()),
  severityMap: z.record(z.string(), Severity),
  updatedAt: InstantOut,
  updatedBy: Ref.nullable(),
});
