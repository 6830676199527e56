import { z } from 'zod';
import { Alert, Severity } from './alerts.ts';
import {
  countedPage,
  CountQuery,
  csv,
  Cursor,
  Id,
  QueryId,
  InstantOut,
  Limit,
  QueryBool,
  Ref,
  Text,
} from './common.ts';
import { SubjectRef } from './subjects.ts';

export const IncidentStatus = z.enum(['active', 'resolved']);

export const Incident = z.object({
  id: z.number().int(),
  title: z
    .string()
    .describe(
      'Its most severe alert\'s title after its subjects\' names ("Megan Bowen — Sensitive files copied to USB"), until someone renames it',
    ),
  titleCustom: z.boolean().describe('True once someone renamed it: correlation keeps that title'),
  status: IncidentStatus,
  severity: Severity.describe("Always its highest alert's severity"),
  subject: SubjectRef.nullable().describe('Its first subject'),
  subjects: z
    .array(SubjectRef)
    .describe('Every subject of its alerts, by their first alert, at most 20'),
  subjectCount: z.number().int(),
  assignee: Ref.nullable(),
  alertCount: z.number().int(),
  firstAlertAt: InstantOut,
  lastAlertAt: InstantOut,
  createdAt: InstantOut,
  updatedAt: InstantOut,
  version: z
    .number()
    .int()
    .describe('Increases with every change to the title, status or assignee; send as If-Match'),
});
export type Incident = z.infer<typeof Incident>;

export const CoveringCase = z.object({
  number: z.number().int(),
  title: z.string(),
  closed: z.boolean(),
  via: z
    .enum(['incident', 'alerts'])
    .describe('incident: the incident is linked to it. alerts: some of its alerts are'),
});

/** An incident in the queue: with the cases that cover it or its alerts. */
export const IncidentListItem = Incident.extend({
  caseNumbers: z
    .array(z.number().int())
    .describe('Cases linked to the incident or to one of its alerts, ascending'),
  cases: z.array(CoveringCase).describe('The same cases, with their titles and state'),
});

export const IncidentDetail = IncidentListItem.extend({
  alerts: z.array(Alert).describe('Its newest alerts, at most 200'),
  needsReview: z.number().int().describe('How many of its alerts wait for triage'),
  readyToResolve: z
    .boolean()
    .describe(
      'Active, every alert triaged and every case covering it closed: it may be resolved (the workspace setting incidents.autoResolve does it by itself)',
    ),
});

export const IncidentSort = z.enum(['lastAlertAt', 'severity', 'alertCount']);
export type IncidentSort = z.infer<typeof IncidentSort>;

export const ListIncidentsQuery = z.strictObject({
  status: csv(IncidentStatus),
  severity: csv(Severity),
  assignee: z
    .union([z.literal('none'), z.literal('me'), QueryId])
    .optional()
    .describe('An account id, `me`, or `none` for unassigned'),
  subject: QueryId.optional().describe('A subject id: incidents holding an alert about them'),
  linked: QueryBool.describe(
    '`true`: only incidents in a case (linked themselves, or through one of their alerts); `false`: only those in no case',
  ),
  sort: IncidentSort.default('lastAlertAt').describe(
    'Severity and alert count sort ties by the last alert time',
  ),
  order: z.enum(['asc', 'desc']).default('desc'),
  limit: Limit,
  cursor: Cursor,
  total: CountQuery,
});
export type ListIncidentsQuery = z.infer<typeof ListIncidentsQuery>;
export const IncidentPage = countedPage(IncidentListItem);

export const UpdateIncident = z
  .strictObject({
    title: Text(300).optional(),
    status: IncidentStatus.optional().describe(
      'resolved: its confirmed alerts that no open case covers become resolved. active: those of them that no closed case covers become confirmed again. Alerts waiting for review or dismissed do not change.',
    ),
    assigneeId: Id.nullable().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export type UpdateIncident = z.infer<typeof UpdateIncident>;

export const LinkKind = z.enum(['alert', 'incident']);
export const CaseLinkParams = z.strictObject({
  number: z.coerce.number().int().min(1).max(2_147_483_647),
  kind: LinkKind,
  id: QueryId,
});
export const LinkToCase = z
  .strictObject({
    alertIds: z.array(Id).max(1000).optional(),
    incidentIds: z.array(Id).max(500).optional(),
  })
  .refine(
    (v) => (v.alertIds?.length ?? 0) + (v.incidentIds?.length ?? 0) > 0,
    'give alertIds or incidentIds',
  );
export type LinkToCase = z.infer<typeof LinkToCase>;
export const CaseLinks = z.object({
  alerts: z.array(Alert).describe('Alerts linked directly'),
  incidents: z.array(Incident),
});
