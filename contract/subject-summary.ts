import { z } from 'zod';
import { SubjectRef } from './subjects.ts';
import { AlertStatus, Severity } from './alerts.ts';
import { InstantOut, Priority } from './common.ts';
import { StatusCategory } from './cases.ts';
import { IncidentStatus } from './incidents.ts';

/** What the subject profile shows beside the identity: alerts counted, incidents and cases. */
export const SUMMARY_LIST_LIMIT = 20;

const Counts = <T extends z.ZodType<string>>(key: T) => z.record(key, z.number().int());

export const SubjectSummary = z.object({
  subjectId: z.number().int(),
  subject: SubjectRef.describe(
    'Whose summary it is (pseudonymised as everywhere; titles naming the person are rewritten with it)',
  ),
  alerts: z
    .object({
      total: z.number().int(),
      bySeverity: Counts(Severity).describe('Every severity, 0 when none'),
      byStatus: Counts(AlertStatus).describe('Every status, 0 when none'),
    })
    .nullable()
    .describe('Its alerts counted; null when the caller may not view alerts'),
  incidents: z
    .object({
      total: z.number().int().describe('Incidents holding an alert about the subject'),
      items: z
        .array(
          z.object({
            id: z.number().int(),
            title: z.string(),
            status: IncidentStatus,
            severity: Severity,
            alertCount: z.number().int(),
            lastAlertAt: InstantOut,
          }),
        )
        .describe('The most recently active, at most 20'),
    })
    .nullable()
    .describe('null when the caller may not view incidents'),
  cases: z.object({
    total: z.number().int().describe('Cases about the subject the caller may see'),
    items: z
      .array(
        z.object({
          number: z.number().int(),
          title: z.string(),
          status: z.object({ id: z.number().int(), name: z.string(), category: StatusCategory }),
          priority: Priority,
          alertCount: z.number().int(),
          updatedAt: InstantOut,
        }),
      )
      .describe('The most recently updated that the caller may see, at most 20'),
  }),
});
export type SubjectSummary = z.infer<typeof SubjectSummary>;
