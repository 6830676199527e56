import { TokenScope } from '../../contract/accounts.ts';
import { systemClock } from '../../server/lib/clock.ts';
import { createTokenFor, loadActor } from '../../server/modules/accounts/index.ts';
import { required, requireAccountByEmail, withDatabase } from './open.ts';
import type { Command } from './types.ts';

export const tokenCreate: Command = {
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    scope: { type: 'string' },
    days: { type: 'string' },
  },
  run: (config, values) =>
    withDatabase(config, async (database, workspaceId) => {
      const account = await requireAccountByEmail(database, workspaceId, required(values, 'email'));
      const actor = await loadActor(database.db, account.id, 'token');
      if (!actor) throw new Error(`${account.email} is disabled`);
      const scope = TokenScope.safeParse(values.scope ?? 'full');
      if (!scope.success) throw new Error('--scope must be full, read or ingest');
      const days = values.days === undefined ? undefined : Number(values.days);
      if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 3650))
        throw new Error('--days must be a whole number of days from 1 to 3650');
      const created = await createTokenFor(
        database.db,
        systemClock,
        actor,
        required(values, 'name'),
        { scope: scope.data, expiresInDays: days },
      );
      console.log(created.token);
      return 0;
    }),
};
