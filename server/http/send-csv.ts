import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { HIJACKED, type Hijacked } from './route.ts';

/** Sends a streamed CSV export as a download that no browser renders or sniffs. */
export function sendCsv(reply: FastifyReply, filename: string, csv: Readable): Hijacked {
  void reply
    .header('content-type', 'text/csv; charset=utf-8')
    .header('content-disposition', `attachment; filename="${filename}"`)
    .header('x-content-type-options', 'nosniff')
    .send(csv);
  return HIJACKED;
}
