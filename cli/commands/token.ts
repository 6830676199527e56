import { systemClock } from '../../server/lib/clock.ts';
import { createTokenFor, loadActor } from '../../server/modules/accounts/index.ts';
import { required, requireAccountByEmail, withDatabase } from './open.ts';
import type { Command } from './types.ts';

export const tokenCreate: Command = {
  options: { email: { type: 'string' }, name: { type: 'string' } },
  run: (config, values) =>
    withDatabase(config, async (database, workspaceId) => {
      const account = await requireAccountByEmail(database, workspaceId, required(values, 'email'));
      const actor = await loadActor(database.db, account.id, 'token');
      if (!actor) throw new Error(`${account.email} is disabled`);
      const created = await createTokenFor(
        database.db,
        systemClock,
        actor,
        required(values, 'name'),
      );
      console.log(created.token);
      return 0;
    }),
};
