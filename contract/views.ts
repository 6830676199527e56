import { z } from 'zod';
import { InstantOut, Ref, Text } from './common.ts';

/** The dashboard filters a view remembers: the same names as the case-list query string. */
export const ViewFilters = z
  .record(z.string().max(40), z.union([z.string().max(500), z.array(z.string().max(100)).max(50)]))
  .refine((v) => Object.keys(v).length <= 30, 'at most 30 filters')
  .describe(
    'Case-list query parameters, e.g. { "category": ["new","active"], "priority": ["high"] }',
  );

export const ViewColumns = z
  .array(z.string().min(1).max(40))
  .max(30)
  .describe('Dashboard column keys, in display order');

export const ViewSort = z
  .string()
  .regex(/^[a-zA-Z]+:(asc|desc)$/, 'must look like updatedAt:desc')
  .max(60)
  .describe('`field:asc` or `field:desc`');

export const SavedView = z.object({
  id: z.number().int(),
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
  name: Text(120),
  filters: ViewFilters.default({}),
  columns: ViewColumns.default([]),
  sort: ViewSort.default('updatedAt:desc'),
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

export const ViewList = z.object({ items: z.array(SavedView) });
