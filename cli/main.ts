import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from '../server/config.ts';
import { commands } from './commands/index.ts';

const usage = `casefile <command> [options]

Commands:
  serve                         start the server (migrates first)
  migrate                       apply pending database migrations
  account create --email E --name N --role R [--password P]
  account reset-password --email E [--password P]
  account disable --email E
  token create --email E --name N   create an API token for an account
  verify-audit                  recompute the audit hash chain of every workspace
  verify-evidence [--case N] [--workspace W]
                                hash every evidence file again and check its custody log
  worker                        run background jobs and recurring duties, without HTTP
  jobs list [--state S] [--type T]   list background jobs, newest first
  jobs retry ID                 run a failed or dead job again
  demo [--cases N] [--seed S]   fill the database with a realistic demo data set
  config-docs                   print the configuration reference (Markdown)
  openapi                       print the OpenAPI document (JSON)

Configuration comes from environment variables: see docs/configuration.md.`;

async function main(): Promise<number> {
  const [first, second, ...rest] = process.argv.slice(2);
  if (!first || first === 'help' || first === '--help' || first === '-h') {
    console.log(usage);
    return first ? 0 : 2;
  }
  const nested = commands[`${first} ${second ?? ''}`];
  const command = nested ?? commands[first];
  if (!command) {
    console.error(`Unknown command "${[first, second].filter(Boolean).join(' ')}".\n\n${usage}`);
    return 2;
  }
  const args = nested ? rest : [second, ...rest].filter((a): a is string => a !== undefined);
  const { values, positionals } = parseArgs({
    args,
    options: command.options,
    strict: true,
    allowPositionals: command.positionals === true,
  });
  const config = loadConfig();
  return command.run(config, values as Record<string, string | boolean | undefined>, positionals);
}

main().then(
  (code) => {
    if (code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    if (error instanceof ConfigError) console.error(error.message);
    else console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
