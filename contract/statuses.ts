import { z } from 'zod';
import { InstantOut, Text } from './common.ts';
import { StatusCategory } from './cases.ts';

const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #3b82f6');

/**
 * The colours offered for statuses, in the order a new status takes them: the first one no
 * other status has. The first three are those of the built-in New, Open and Closed.
 */
export const statusPalette = [
  '#3b82f6',
  '#f59e0b',
  '#64748b',
  '#10b981',
  '#8b5cf6',
  '#ef4444',
  '#06b6d4',
  '#ec4899',
  '#84cc16',
  '#f97316',
  '#6366f1',
  '#14b8a6',
] as const;

export const CaseStatus = z.object({
  id: z.number().int(),
  name: z.string(),
  category: StatusCategory,
  order: z.number().int(),
  color: z.string(),
  isDefault: z.boolean().describe('New cases start in the default status'),
  retired: z.boolean().describe('A retired status stays on old cases but cannot be chosen'),
  createdAt: InstantOut,
  updatedAt: InstantOut,
  access: z
    .object({
      canMakeDefault: z
        .boolean()
        .describe(
          'The caller may make it the default now: it is not the default yet, not retired and not a closed status',
        ),
      canRetire: z
        .boolean()
        .describe('The caller may retire it now: it is in use and not the default status'),
    })
    .describe('What the caller may do with this status'),
});
export type CaseStatus = z.infer<typeof CaseStatus>;

export const CreateCaseStatus = z.strictObject({
  name: Text(60),
  category: StatusCategory,
  order: z.number().int().min(0).max(10_000).optional(),
  color: Color.optional().describe(
    'Defaults to the first colour of the palette that no other status has',
  ),
  isDefault: z.boolean().default(false),
});
export const UpdateCaseStatus = z
  .strictObject({
    name: Text(60).optional(),
    category: StatusCategory.optional(),
    order: z.number().int().min(0).max(10_000).optional(),
    color: Color.optional(),
    isDefault: z
      .literal(true)
      .optional()
      .describe('Make this the default; the previous default stops being one'),
    retired: z.boolean().optional(),
  })
  .refine((v) => Object.keys(v).length > 0, 'give at least one field to change');
export const CaseStatusList = z.object({ items: z.array(CaseStatus) });
