import type { EvidenceDetail } from '../../../../contract/evidence.ts';
import type { Ctx } from '../../../context.ts';
import { csvDocument } from '../../../lib/csv.ts';
import { getEvidence } from './read-evidence.ts';

/** The custody log of an item as a file to keep: its name, content type and text. Throws not_found. */
export async function exportCustody(
  ctx: Ctx,
  number: number,
  id: number,
  format: 'csv' | 'json',
): Promise<{ filename: string; type: string; text: string }> {
  const d: EvidenceDetail = await getEvidence(ctx, number, id);
  const base = `case-${number}-evidence-${id}-custody`;
  if (format === 'json')
    return {
      filename: `${base}.json`,
      type: 'application/json',
      text: `${JSON.stringify({ exportedAt: ctx.clock.now().toISOString(), ...d }, null, 2)}\n`,
    };
  const rows = d.custody.map((e) => [
    e.seq,
    e.action,
    e.at,
    e.actor?.name ?? 'Casefile',
    e.actor?.id ?? null,
    e.address,
    e.purpose,
    JSON.stringify(e.details),
    e.prevHash,
    e.hash,
  ]);
  const header = ['seq', 'action', 'at', 'actor', 'actor_id', 'address', 'purpose', 'details'];
  return {
    filename: `${base}.csv`,
    type: 'text/csv; charset=utf-8',
    text: csvDocument([...header, 'prev_hash', 'hash'], rows),
  };
}
