import { z } from 'zod';
import { SubjectIn } from './subjects.ts';
import { Id, Instant, InstantOut } from './common.ts';

export const ActivityCategory = z
  .enum([
    'access',
    'deletion',
    'collection',
    'exfiltration',
    'infiltration',
    'obfuscation',
    'security',
  ])
  .describe(
    'access: reading or signing in. deletion: removing data. collection: gathering data in one place. exfiltration: data leaving (USB, personal mail, cloud upload, print). infiltration: data or tools coming in. obfuscation: hiding tracks (renaming, encrypting, clearing logs). security: changes to protections.',
  );
export type ActivityCategory = z.infer<typeof ActivityCategory>;

export const MAX_ACTIVITY_BATCH = 5000;
export const MAX_ACTIVITY_PAYLOAD_BYTES = 64 * 1024;

const Short = (max: number) => z.string().trim().min(1).max(max);
const Score = z.number().int().min(0).max(100);

// TextEncoder rather than Buffer: the contract is shared with the browser.
const encoder = new TextEncoder();
const fitsPayload = (v: unknown) => {
  const text = JSON.stringify(v ?? null) ?? 'null';
  // A UTF-16 code unit is at most 3 bytes of UTF-8: most payloads need no encoding to tell.
  return (
    text.length * 3 <= MAX_ACTIVITY_PAYLOAD_BYTES ||
    encoder.encode(text).length <= MAX_ACTIVITY_PAYLOAD_BYTES
  );
};

export const Indicator = z
  .strictObject({
    name: Short(100).describe('What was seen: `off_hours`, `sensitive_label`, `new_usb_device`...'),
    score: Score.describe('How much it adds to the risk, 0-100'),
  })
  .describe('One reason behind the risk score');
export type Indicator = z.infer<typeof Indicator>;

export const ActivityObject = z
  .strictObject({
    name: Short(500).optional().describe('File or item name'),
    path: Short(2000).optional(),
    sizeBytes: z.number().int().min(0).optional(),
    sensitivityLabel: Short(100).optional().describe('Its sensitivity label, e.g. Confidential'),
    destination: Short(1000).optional().describe('Where it went: a device, a URL, an address'),
    domain: Short(255).optional().describe('The destination domain'),
    recipientCount: z.number().int().min(0).optional().describe('For mail: how many recipients'),
  })
  .describe('What the activity touched');
export type ActivityObject = z.infer<typeof ActivityObject>;

const ActivityFields = z.strictObject({
  source: Short(100).describe('The sensor: dlp, edr, casb, a product name...'),
  externalId: Short(200).describe("The event's id at the source; (source, externalId) is unique"),
  subject: SubjectIn.describe('The person who acted; matched to a subject by e-mail, else UPN'),
  occurredAt: Instant.describe('When it happened'),
  category: ActivityCategory,
  activityType: Short(100).describe(
    'What happened: file.downloaded, usb.copied, mail.sent_external, cloud.uploaded, print, sign_in...',
  ),
  riskScore: Score.describe('The risk of this event, 0-100, explained by its indicators'),
  indicators: z.array(Indicator).max(50).default([]),
  sequenceId: Short(200)
    .optional()
    .describe('Groups the steps of one sequence, e.g. download, rename, USB copy'),
  object: ActivityObject.optional(),
  alertId: Id.optional().describe('The alert of the workspace this event belongs to'),
  alertExternalId: Short(200)
    .optional()
    .describe("Or the alert's externalId, with the event's source unless alertSource is given"),
  alertSource: Short(100).optional().describe('The source of alertExternalId'),
  payload: z
    .unknown()
    .refine(fitsPayload, 'must be at most 64 KB as JSON')
    .optional()
    .describe('The raw event as the source sent it, at most 64 KB as JSON'),
});

/** One scored activity event of a person. */
export const ActivityIn = ActivityFields.refine(
  (a) => a.alertId === undefined || a.alertExternalId === undefined,
  {
    message: 'give alertId or alertExternalId, not both',
    path: ['alertExternalId'],
  },
).refine((a) => a.alertSource === undefined || a.alertExternalId !== undefined, {
  message: 'alertSource needs alertExternalId',
  path: ['alertSource'],
});
export type ActivityIn = z.infer<typeof ActivityIn>;

export const MAX_ALERT_ACTIVITIES = 1000;

/** An activity event an alert carries: of the alert's subject, linked to the alert. */
export const AlertActivityIn = ActivityFields.omit({
  subject: true,
  alertId: true,
  alertExternalId: true,
  alertSource: true,
}).extend({
  source: Short(100).optional().describe("The sensor; the alert's source when not given"),
});
export type AlertActivityIn = z.infer<typeof AlertActivityIn>;

/** One event, or `{ activities: [...] }`; a single event is read as a batch of one. */
export const IngestActivities = z
  .preprocess(
    (v) =>
      v !== null && typeof v === 'object' && !Array.isArray(v) && 'activities' in v
        ? v
        : { activities: [v] },
    z.strictObject({ activities: z.array(ActivityIn).min(1).max(MAX_ACTIVITY_BATCH) }),
  )
  .describe('One activity event, or a batch of up to 5,000 as `{ activities: [...] }`');

export const ActivityIngestResult = z.object({
  created: z.number().int().describe('Events stored by this request'),
  duplicates: z
    .number()
    .int()
    .describe('Events delivered before (or twice in the batch); nothing about them changed'),
});
export type ActivityIngestResult = z.infer<typeof ActivityIngestResult>;

export const Day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
  .refine((d) => {
    const t = Date.parse(`${d}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().startsWith(d);
  }, 'not a calendar day')
  .describe('A day in UTC, YYYY-MM-DD');

export const TopIndicator = z.object({
  name: z.string(),
  count: z.number().int().describe('Events of the day and category that carried it'),
  maxScore: z.number().int().describe('Its highest score among them'),
});
export type TopIndicator = z.infer<typeof TopIndicator>;

export const ActivityDay = z.object({
  day: z.string().describe('The day in UTC, YYYY-MM-DD'),
  category: ActivityCategory,
  eventCount: z.number().int(),
  maxScore: z.number().int().describe('The highest risk score of the events'),
  scoreSum: z.number().int().describe('The sum of their risk scores'),
  indicators: z.array(TopIndicator).describe('The 10 indicators seen most often, with counts'),
});
export type ActivityDay = z.infer<typeof ActivityDay>;

export const ActivityDaysQuery = z
  .strictObject({
    from: Day.optional().describe('First day, inclusive; defaults to 89 days before `to`'),
    to: Day.optional().describe('Last day, inclusive; defaults to today'),
  })
  .describe('A window of at most 3,660 days');
export type ActivityDaysQuery = z.infer<typeof ActivityDaysQuery>;

export const ActivityDays = z.object({
  from: z.string(),
  to: z.string(),
  items: z.array(ActivityDay).describe('The stored rollup rows of the window, by day and category'),
});

export const SubjectRiskQuery = z.strictObject({
  days: z.coerce
    .number()
    .int()
    .min(1)
    .max(730)
    .default(90)
    .describe('How many days of history, up to today; at most 730'),
});

export const RiskContributor = z
  .object({
    day: z.string().describe('The day whose events set the score'),
    category: ActivityCategory.describe('The category of that day with the highest score'),
    maxScore: z.number().int().describe("That day's highest event risk score"),
    weight: z
      .number()
      .describe('Its weight by age: 1 for the first 7 days, then down to 0 at 30 days'),
    topIndicators: z.array(TopIndicator),
  })
  .describe('What the score comes from; null when no event of the last 30 days counts');

export const SubjectRisk = z.object({
  score: z.number().int().describe('The risk score today, 0-100 (see docs/investigation.md)'),
  asOf: InstantOut,
  contributor: RiskContributor.nullable(),
  history: z
    .array(z.object({ day: z.string(), score: z.number().int() }))
    .describe('The score at the end of each day, oldest first, ending today'),
});
export type SubjectRisk = z.infer<typeof SubjectRisk>;
