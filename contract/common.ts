import { z } from 'zod';

/** Building blocks shared by every domain's schemas. */
/** An id in a JSON body: an integer, never a string, a boolean or a list. */
export const Id = z.number().int().positive().max(2_147_483_647);
/** An id in a path or query string, where every value arrives as text. */
export const QueryId = z.coerce.number().int().positive().max(2_147_483_647);

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

/** Lists count their matches exactly up to this many, then say "more". */
export const TOTAL_CAP = 10_000;

export const CountQuery = QueryBool.describe(
  'Also count the matching rows: exactly up to 10,000, then `exact: false`',
);

export const Total = z
  .object({
    count: z.number().int().describe('Matching rows, at most 10,000'),
    exact: z.boolean().describe('false when more rows than `count` match'),
  })
  .describe('With total=true: how many rows match the filters');
export type Total = z.infer<typeof Total>;

export const page = <T extends z.ZodType>(item: T) =>
  z.object({
    items: z.array(item),
    nextCursor: z
      .string()
      .nullable()
      .describe('Pass as `cursor` for the next page; null on the last page'),
  });

/** A page of a queue that can also say how many rows match in all. */
export const countedPage = <T extends z.ZodType>(item: T) =>
  page(item).extend({ total: Total.optional() });

export const NumberParam = z.strictObject({
  number: z.coerce.number().int().min(1).max(2_147_483_647),
});
export const IdParam = z.strictObject({ id: QueryId });
export const NoContent = z.null();
