import type { EvidenceDetail } from '../../api.ts';

type Entry = EvidenceDetail['custody'][number];

export const custodyActionLabels: Record<Entry['action'], string> = {
  acquired: 'Acquired',
  added: 'Added',
  viewed: 'Viewed',
  downloaded: 'Downloaded',
  exported: 'Exported',
  verified: 'Verified',
  integrity_failed: 'Integrity check failed',
  removed: 'Removed',
  hold_set: 'Legal hold set',
  hold_released: 'Legal hold released',
  disposed: 'Disposed of',
};

const detailLabels: Record<string, string> = {
  name: 'name',
  sha256: 'SHA-256',
  sizeBytes: 'bytes',
  detectedType: 'detected type',
  claimedType: 'claimed type',
  acquiredAt: 'acquired at',
  method: 'method',
  reason: 'reason',
  problem: 'problem',
  expected: 'expected',
  actual: 'actual',
};

const shown = (v: unknown): string =>
  typeof v === 'string'
    ? v
    : typeof v === 'number' || typeof v === 'boolean'
      ? String(v)
      : JSON.stringify(v);

/** What an entry recorded, as "label: value" lines, in its own order; empty values left out. */
export function custodyDetails(entry: Pick<Entry, 'details'>): string[] {
  return Object.entries(entry.details)
    .filter(([, v]) => v !== null && v !== undefined && v !== '')
    .map(([k, v]) => `${detailLabels[k] ?? k}: ${shown(v)}`);
}
