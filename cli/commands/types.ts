import type { ParseArgsConfig } from 'node:util';
import type { Config } from '../../server/config.ts';

export interface Command {
  options: NonNullable<ParseArgsConfig['options']>;
  /** Whether the command takes plain arguments after its name (`jobs retry 42`). */
  positionals?: boolean;
  run(
    config: Config,
    values: Record<string, string | boolean | undefined>,
    positionals: string[],
  ): Promise<number>;
}
