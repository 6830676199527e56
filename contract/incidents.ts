import { z } from 'zod';
import { Alert, Severity } from './alerts.ts';
import { csv, Cursor, Id, InstantOut, Limit, page, Ref, Text } from './common.ts';
import { SubjectRef } from './subjects.ts';

export const IncidentStatus = z.enum(['active', 'resolved']);

export const Incident = z.object({
  id: z.number().int(),
  title: z.string(),
  status: IncidentStatus,
  severity: Severity.describe("Always its highest alert's severity"),
  subject: SubjectRef.nullable(),
  assignee: Ref.nullable(),
  alertCount: z.number().int(),
  firstAlertAt: InstantOut,
  lastAlertAt: InstantOut,
  createdAt: InstantOut,
  updatedAt: InstantOut,
});
export type Incident = z.infer<typeof Incident>;

export const IncidentDetail = Incident.extend({
  alerts: z.array(Alert).describe('Its newest alerts, at most 200'),
  caseNumbers: z.array(z.number().int()).describe('Cases the incident is linked to'),
});

export const ListIncidentsQuery = z.strictObject({
  status: csv(IncidentStatus),
  severity: csv(Severity),
  assignee: z
    .union([z.literal('none'), z.literal('me'), Id])
    .optional()
    .describe('An account id, `me`, or `none` for unassigned'),
  subject: Id.optional(),
  limit: Limit,
  cursor: Cursor,
});
export type ListIncidentsQuery = z.infer<typeof ListIncidentsQuery>;
export const IncidentPage = page(Incident);

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
  id: Id,
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
