import { z } from 'zod';

/** The closed set of error codes; the server maps each to one HTTP status. */
export const errorCodes = [
  'invalid_input',
  'unauthenticated',
  'forbidden',
  'not_found',
  'method_not_allowed',
  'conflict',
  'precondition_failed',
  'precondition_required',
  'too_large',
  'unprocessable',
  'locked',
  'insufficient_storage',
  'rate_limited',
  'unavailable',
  'internal',
] as const;

export const ErrorBody = z
  .object({
    error: z.object({
      code: z.enum(errorCodes),
      message: z.string(),
      details: z.unknown().optional(),
      requestId: z.string(),
    }),
  })
  .describe('The one shape of every error answer');
export type ErrorBody = z.infer<typeof ErrorBody>;
