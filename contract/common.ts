import { z } from 'zod';

/** Building blocks shared by every domain's schemas. */
export const Id = z.coerce.number().int().positive().max(2_147_483_647);

/** A point in time in, normalised to ISO-8601 UTC out. */
export const Instant = z.iso
  .datetime({ offset: true })
  .transform((v) => new Date(v).toISOString())
  .describe('ISO-8601 date and time; stored and returned in UTC');

export const InstantOut = z.string().describe('ISO-8601 date and time in UTC');

/** Free text a person typed: kept verbatim, but refused when it holds nothing but blanks. */
export const Text = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => s.trim().length > 0, 'must not be blank');

export const Ref = z
  .object({ id: z.number().int(), name: z.string() })
  .describe('An account, by id and display name');

export const Priority = z
  .enum(['very_low', 'low', 'medium', 'high', 'critical'])
  .describe('Very low, Low, Medium, High or Critical');
export type Priority = z.infer<typeof Priority>;

export const Limit = z.coerce
  .number()
  .int()
  .min(1)
  .max(200)
  .default(50)
  .describe('Page size, at most 200');
export const Cursor = z
  .string()
  .max(500)
  .optional()
  .describe('The nextCursor of the previous page');

/** A query-string list: repeated keys or comma-separated values. */
export const csv = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      v === undefined
        ? undefined
        : (Array.isArray(v) ? v : [v]).flatMap((s) => String(s).split(',')).filter((s) => s !== ''),
    z.array(item).max(50).optional(),
  );

export const QueryBool = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` for the next page; null on the last page'),
  });

export const NumberParam = z.strictObject({
  number: z.coerce.number().int().min(1).max(2_147_483_647),
});
export const IdParam = z.strictObject({ id: Id });
export const NoContent = z.null();
