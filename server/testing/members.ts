import type { Db } from '../db/connection.ts';
import { systemClock, type Clock } from '../lib/clock.ts';
import type { Actor } from '../modules/access/index.ts';
import { createAccountAs, createTokenFor, loadActor } from '../modules/accounts/index.ts';
import { systemActor } from '../modules/workspaces/index.ts';

/** The password of every account tests make. */
export const PASSWORD = 'correct horse battery staple';

export interface Member {
  id: number;
  email: string;
  token: string;
  actor: Actor;
}

/** An account of `role` in the workspace, with a full-scope API token. */
export async function createMember(
  db: Db,
  workspaceId: number,
  who: { email: string; name: string; role: string },
  clock: Clock = systemClock,
): Promise<Member> {
  const account = await createAccountAs(db, clock, systemActor(workspaceId), {
    ...who,
    password: PASSWORD,
  });
  const actor = await loadActor(db, account.id, 'token');
  if (!actor) throw new Error(`account ${who.email} not loadable`);
  const { token } = await createTokenFor(db, clock, actor, 'test');
  return { id: account.id, email: who.email, token, actor };
}
