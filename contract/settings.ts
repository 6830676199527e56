import { z } from 'zod';
import { InstantOut, Ref } from './common.ts';

/** The entity types that correlate unless a workspace says otherwise. */
export const DEFAULT_CORRELATING_TYPES = ['host', 'ip', 'account', 'hash', 'url', 'domain'];

const EntityType = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(50)
  .regex(/^[\w.-]+$/, 'letters, digits, dots, dashes and underscores only');

export const CorrelationSettings = z.strictObject({
  entityTypes: z
    .array(EntityType)
    .max(50)
    .refine((v) => new Set(v).size === v.length, 'list each type once')
    .describe(
      'Entity types whose shared values group alerts into one incident (compared without case). Alerts of the same subject always group. Process command lines and file names are left out by default: they are shared by unrelated people.',
    ),
  commonValueSubjects: z
    .number()
    .int()
    .min(1)
    .max(10_000)
    .describe(
      'A value seen with more than this many subjects within `commonValueDays` is common (an office egress address, a file server) and stops grouping alerts; incidents it had joined are split again',
    ),
  commonValueDays: z
    .number()
    .int()
    .min(1)
    .max(365)
    .describe(
      'How far back, in days, the subjects a value was seen with are counted. Longer than the correlation window, so that a value shared by the whole office is known as common even on a quiet day',
    ),
});
export type CorrelationSettings = z.infer<typeof CorrelationSettings>;

export const IncidentSettings = z.strictObject({
  autoResolve: z
    .boolean()
    .describe(
      'Resolve an incident by itself once every alert of it is triaged and every case covering it is closed; when off, the incident page offers to',
    ),
});

export const PrivacySettings = z.strictObject({
  pseudonymise: z
    .boolean()
    .describe(
      'Show every subject under a stable pseudonym (`Anon-7F3K-21QX`) with no identifying field, to every account, until an account with the `subjects.reveal` permission reveals one subject for one case with a reason. On for new workspaces; off for workspaces made before the setting existed, until an administrator turns it on',
    ),
  revealHours: z
    .number()
    .int()
    .min(1)
    .max(7 * 24)
    .describe('How long a reveal lasts, in hours'),
});
export type PrivacySettings = z.infer<typeof PrivacySettings>;

export const WorkspaceSettingsValues = z.strictObject({
  correlation: CorrelationSettings,
  incidents: IncidentSettings,
  privacy: PrivacySettings,
});
export type WorkspaceSettingsValues = z.infer<typeof WorkspaceSettingsValues>;

export const WorkspaceSettings = WorkspaceSettingsValues.extend({
  updatedAt: InstantOut.nullable().describe('Null while every setting has its default'),
  updatedBy: Ref.nullable(),
});
export type WorkspaceSettings = z.infer<typeof WorkspaceSettings>;

export const UpdateWorkspaceSettings = z
  .strictObject({
    correlation: CorrelationSettings.partial().optional(),
    incidents: IncidentSettings.partial().optional(),
    privacy: PrivacySettings.partial().optional(),
  })
  .refine(
    (v) => Object.values(v).some((part) => part && Object.keys(part).length > 0),
    'give at least one setting to change',
  );
export type UpdateWorkspaceSettings = z.infer<typeof UpdateWorkspaceSettings>;
