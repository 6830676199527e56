import { randomSecret } from '../../server/lib/crypto.ts';
import { systemClock } from '../../server/lib/clock.ts';
import { createAccountAs, updateAccountAs } from '../../server/modules/accounts/index.ts';
import { systemActor } from '../../server/modules/workspaces/index.ts';
import { required, requireAccountByEmail, withDatabase } from './open.ts';
import type { Command } from './types.ts';

const generated = () => randomSecret().slice(0, 24);

export const accountCreate: Command = {
  options: {
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    password: { type: 'string' },
  },
  run: (config, values) =>
    withDatabase(config, async (database, workspaceId) => {
      const password = typeof values.password === 'string' ? values.password : generated();
      const account = await createAccountAs(database.db, systemClock, systemActor(workspaceId), {
        email: required(values, 'email'),
        name: required(values, 'name'),
        role: required(values, 'role'),
        password,
      });
      console.log(`Created ${account.role} ${account.email} (id ${account.id}).`);
      if (values.password === undefined) console.log(`Password: ${password}`);
      return 0;
    }),
};

export const accountResetPassword: Command = {
  options: { email: { type: 'string' }, password: { type: 'string' } },
  run: (config, values) =>
    withDatabase(config, async (database, workspaceId) => {
      const account = await requireAccountByEmail(database, workspaceId, required(values, 'email'));
      const password = typeof values.password === 'string' ? values.password : generated();
      await updateAccountAs(database.db, systemClock, systemActor(workspaceId), account.id, {
        password,
      });
      console.log(
        `New password for ${account.email}${values.password === undefined ? `: ${password}` : ' set'}. Its sessions were ended.`,
      );
      return 0;
    }),
};

export const accountDisable: Command = {
  options: { email: { type: 'string' } },
  run: (config, values) =>
    withDatabase(config, async (database, workspaceId) => {
      const account = await requireAccountByEmail(database, workspaceId, required(values, 'email'));
      await updateAccountAs(database.db, systemClock, systemActor(workspaceId), account.id, {
        disabled: true,
      });
      console.log(`Disabled ${account.email}; its sessions were ended.`);
      return 0;
    }),
};
