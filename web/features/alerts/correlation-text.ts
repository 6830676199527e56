import type { Alert } from '../../api.ts';

/** Why an alert is in its incident, in words: "Same subject", "Shared host FIN-LT-042". */
export function correlationText(c: Alert['correlation']): string | null {
  if (!c) return null;
  if (c.reason === 'opened') return 'Opened the incident';
  if (c.reason === 'subject') return 'Same subject';
  return `Shared ${c.entity?.type ?? 'entity'} ${c.entity?.value ?? ''}`.trim();
}
