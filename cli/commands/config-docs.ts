import { renderConfigDocs } from '../../server/config.ts';
import type { Command } from './types.ts';

export const configDocs: Command = {
  options: {},
  run: () => {
    process.stdout.write(renderConfigDocs());
    return Promise.resolve(0);
  },
};
