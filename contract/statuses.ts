import { z } from 'zod';
import { InstantOut, Text } from './common.ts';
import { StatusCategory } from './cases.ts';

const Color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #3b82f6');

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
});
export type CaseStatus = z.infer<typeof CaseStatus>;

export const CreateCaseStatus = z.strictObject({
  name: Text(60),
  category: StatusCategory,
  order: z.number().int().min(0).max(10_000).optional(),
  color: Color.default('#64748b'),
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
