import { z } from 'zod';
import { InstantOut, QueryId, Ref } from './common.ts';

export const Contributor = z.object({
  account: Ref.extend({ email: z.string() }),
  addedAt: InstantOut,
  addedBy: Ref.nullable(),
});
export const ContributorList = z.object({ items: z.array(Contributor) });
export const ContributorParams = z.strictObject({
  number: z.coerce.number().int().min(1).max(2_147_483_647),
  accountId: QueryId,
});
