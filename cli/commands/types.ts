import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../../server/config.ts';

export interface Command {
  options: NonNullable<ParseArgsConfig['options']>;
  run(config: Config, values: Record<string, string | boolean | undefined>): Promise<number>;
}
