import { can, type Actor } from '../access/index.ts';

interface StatusState {
  name: string;
  category: 'new' | 'active' | 'closed';
  isDefault: boolean;
  retired: boolean;
}

export const canCustomizeStatuses = (actor: Actor): boolean => can(actor, 'statuses.customize');

/** Why a status could not be the default for new cases, or null when it could. */
export function whyNotDefault(s: StatusState): string | null {
  if (s.retired)
    return `"${s.name}" is retired: bring it back into use before making it the default`;
  if (s.category === 'closed')
    return `"${s.name}" is a closed status, so it cannot be the default: new cases start in the default status, and a case closes only by being resolved`;
  return null;
}

/** Why a status could not be retired, or null when it could. */
export const whyNotRetire = (s: StatusState): string | null =>
  s.isDefault
    ? `"${s.name}" is the default status, so it cannot be retired: make another status the default first`
    : null;

/** What an actor may do with one status now; the same rules the changes are checked against. */
export const statusAccess = (actor: Actor, s: StatusState) => ({
  canMakeDefault: canCustomizeStatuses(actor) && !s.isDefault && whyNotDefault(s) === null,
  canRetire: canCustomizeStatuses(actor) && !s.retired && whyNotRetire(s) === null,
});
