import { withDatabase } from './open.ts';
import type { Command } from './types.ts';

export const migrate: Command = {
  options: {},
  run: (config) =>
    withDatabase(config, async (database) => {
      console.log(`Database ${database.engine} at ${database.location} is up to date.`);
      return 0;
    }),
};
