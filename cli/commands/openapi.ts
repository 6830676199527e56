import { buildOpenApi } from '../../server/http/openapi.ts';
import { VERSION } from '../../server/app.ts';
import { apiRoutes } from '../../server/routes.ts';
import type { Command } from './types.ts';

export const openapi: Command = {
  options: {},
  run: (config) => {
    const doc = buildOpenApi(apiRoutes(config), VERSION);
    process.stdout.write(`${JSON.stringify(doc, null, 2)}\n`);
    return Promise.resolve(0);
  },
};
