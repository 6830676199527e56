import type { Actor } from '../access/index.ts';

/** How an actor is written into an audit event. */
export const auditActor = (actor: Actor) => ({
  accountId: actor.via === 'system' ? null : actor.accountId,
  name: actor.name,
});
