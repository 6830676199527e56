import { z } from 'zod';

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum([
        'invalid_input',
        'unauthenticated',
        'forbidden',
        'not_found',
        'method_not_allowed',
        'conflict',
        'precondition_failed',
        'too_large',
        'rate_limited',
        'unavailable',
        'internal',
      ]),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string(),
    }),
  })
  .describe('The one shape of every error answer');
export type ErrorBody = z.infer<typeof ErrorBody>;
