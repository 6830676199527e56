import { startServer } from '../../server/main.ts';
import type { Command } from './types.ts';

export const serve: Command = {
  options: {},
  async run(config) {
    const stop = await startServer(config);
    await new Promise<void>((resolve) => {
      const shutdown = () => {
        stop().then(resolve, resolve);
      };
      process.once('SIGINT', shutdown);
      process.once('SIGTERM', shutdown);
    });
    return 0;
  },
};
