import { z } from 'zod';
import { InstantOut, Ref, Text } from './common.ts';

/** Which list a view is of: the cases dashboard, or a subject's activity explorer. */
export const ViewKind = z
  .enum(['cases', 'activities'])
  .describe('`cases`: the cases dashboard; `activities`: the activity explorer of any subject');
export type ViewKind = z.infer<typeof ViewKind>;

/**
 * The filters an activity view keeps: the explorer's own, and the chart's preset window, scope
 * and categories, which narrow the explorer too. A zoom's or a click's exact times belong to
 * one subject's chart and are not kept.
 */
export const activityViewFilterKeys = [
  'window',
  'scope',
  'category',
  'activityType',
  'indicator',
  'reviewed',
] as const;
export const activityViewSortFields = ['occurredAt', 'riskScore'] as const;

/** The filters a view remembers: the same names as its list's query string. */
export const ViewFilters = z
  .record(z.string().max(40), z.union([z.string().max(500), z.array(z.string().max(100)).max(50)]))
  .refine((v) => Object.keys(v).length <= 30, 'at most 30 filters')
  .describe(
    'The list\'s query parameters, e.g. for cases { "category": ["new","active"], "priority": ["high"] }; for activities only ' +
      activityViewFilterKeys.join(', '),
  );

export const ViewColumns = z
  .array(z.string().min(1).max(40))
  .max(30)
  .describe('Column keys of the list, in display order');

export const ViewSort = z
  .string()
  .regex(/^[a-zA-Z]+:(asc|desc)$/, 'must look like updatedAt:desc')
  .max(60)
  .describe('`field:asc` or `field:desc`');

export const SavedView = z.object({
  id: z.number().int(),
  kind: ViewKind,
  name: z.string(),
  filters: ViewFilters,
  columns: ViewColumns,
  sort: z.string(),
  shared: z.boolean().describe('Visible to every member of the workspace, not only its owner'),
  owner: Ref,
  createdAt: InstantOut,
  updatedAt: InstantOut,
});
export type SavedView = z.infer<typeof SavedView>;

export const CreateView = z.strictObject({
  kind: ViewKind.default('cases').describe('The list the view is of; it never changes later'),
  name: Text(120),
  filters: ViewFilters.default({}),
  columns: ViewColumns.default([]),
  sort: ViewSort.optional().describe(
    '`field:asc` or `field:desc`; by default `updatedAt:desc` for cases, `occurredAt:desc` for activities',
  ),
  shared: z.boolean().default(false),
});
export type CreateView = z.infer<typeof CreateView>;

export const UpdateView = z
  .strictObject({
    name: Text(120).optional(),
    filters: ViewFilters.optional(),
    columns: ViewColumns.optional(),
    sort: ViewSort.optional(),
    shared: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export type UpdateView = z.infer<typeof UpdateView>;

export const ListViewsQuery = z.strictObject({
  kind: ViewKind.default('cases').describe('Only the views of this list'),
});

export const ViewList = z.object({ items: z.array(SavedView) });
