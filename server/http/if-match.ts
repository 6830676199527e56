import type { FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.ts';

/** The version a client last saw, from If-Match (`"7"`, `W/"7"` or `7`); undefined when absent. */
export function ifMatchVersion(req: FastifyRequest): number | undefined {
  const header = req.headers['if-match'];
  if (header === undefined || header === '*') return undefined;
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match?.[1])
    throw new AppError('invalid_input', 'If-Match must be the ETag you received, like "3"');
  return Number(match[1]);
}
