import type { FastifyRequest } from 'fastify';
import { AppError } from '../lib/errors.ts';

/**
 * The version a client last saw, from If-Match (`"7"`, `W/"7"` or `7`), which every write to a
 * versioned object must send: without it two people's edits would silently overwrite each
 * other. `*` names no version. Throws precondition_required (428) when absent, invalid_input.
 */
export function ifMatchVersion(req: FastifyRequest): number {
  const header = req.headers['if-match'];
  if (header === undefined)
    throw new AppError(
      'precondition_required',
      'Send If-Match with the version (ETag) you last saw, like "3"',
    );
  const match = /^(?:W\/)?"?(\d+)"?$/.exec(header.trim());
  if (!match?.[1])
    throw new AppError('invalid_input', 'If-Match must be the ETag you received, like "3"');
  return Number(match[1]);
}
