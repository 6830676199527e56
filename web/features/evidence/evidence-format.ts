import type { EvidenceItem, EvidenceKind } from '../../api.ts';

export const kindLabels: Record<EvidenceKind, string> = {
  file: 'File',
  capture: 'Capture',
  email: 'E-mail',
};

/** The detected types the type filter offers: a family (ending in /) or one exact type. */
export const typeFilters = [
  { value: 'image/', label: 'Images' },
  { value: 'video/', label: 'Video' },
  { value: 'text/', label: 'Text' },
  { value: 'application/pdf', label: 'PDF' },
  { value: 'message/rfc822', label: 'E-mail messages' },
  { value: 'application/zip', label: 'ZIP archives' },
  { value: 'application/octet-stream', label: 'Unknown (binary)' },
] as const;

const units = ['KB', 'MB', 'GB', 'TB'];

/** A size as people read it: "512 B", "1.5 KB", "23 MB" (1 KB = 1024 bytes). */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit += 1;
  }
  const shown = value < 10 ? value.toFixed(1).replace(/\.0$/, '') : Math.round(value).toString();
  return `${shown} ${units[unit] ?? ''}`;
}

/** The first and last characters of a hash, enough to tell items apart by eye. */
export const shortHash = (hex: string): string =>
  hex.length <= 16 ? hex : `${hex.slice(0, 8)}…${hex.slice(-6)}`;

/** How the browser can show an item inline, from its detected type; null: download it. */
export function mediaOf(item: Pick<EvidenceItem, 'detectedType'>): 'image' | 'video' | null {
  if (item.detectedType.startsWith('image/')) return 'image';
  if (item.detectedType.startsWith('video/')) return 'video';
  return null;
}

/** A `datetime-local`-style value ("2025-12-02 14:05" or with a T, local time) as ISO in UTC. */
export function localToIso(value: string | null): string | undefined {
  if (!value) return undefined;
  const d = new Date(value.trim().replace(' ', 'T'));
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** A mailbox as one line of text: `Name <address>`, or the address alone. */
export function formatMailbox(m: { name: string; address: string }): string {
  if (!m.name) return m.address || '(no address)';
  return m.address ? `${m.name} <${m.address}>` : m.name;
}

/** The size ranges the size filter offers, in bytes (either bound may be open). */
export const sizeFilters = [
  { value: 'lt100k', label: 'Under 100 KB', max: 100 * 1024 - 1 },
  { value: '100k-1m', label: '100 KB – 1 MB', min: 100 * 1024, max: 1024 * 1024 - 1 },
  { value: '1m-10m', label: '1 – 10 MB', min: 1024 * 1024, max: 10 * 1024 * 1024 - 1 },
  { value: 'ge10m', label: '10 MB and more', min: 10 * 1024 * 1024 },
] as const satisfies readonly { value: string; label: string; min?: number; max?: number }[];
export type SizeFilter = (typeof sizeFilters)[number]['value'];

/** Whether an e-mail's replies would go somewhere else than its sender: a phishing sign. */
export function repliesElsewhere(
  from: readonly { address: string }[],
  replyTo: readonly { address: string }[],
): boolean {
  const senders = new Set(from.map((m) => m.address.toLowerCase()));
  return replyTo.some((m) => !senders.has(m.address.toLowerCase()));
}
