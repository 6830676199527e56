import type { Config } from '../../server/config.ts';
import type { Ctx } from '../../server/context.ts';
import { openDatabase, type Database } from '../../server/db/connection.ts';
import { migrateDatabase } from '../../server/db/schema-owner.ts';
import { systemClock } from '../../server/lib/clock.ts';
import { silentLogger } from '../../server/lib/logger.ts';
import { pseudonymKeys } from '../../server/lib/pseudonym.ts';
import { findAccountByEmail } from '../../server/modules/accounts/index.ts';
import { ensureDefaultWorkspace, systemActor } from '../../server/modules/workspaces/index.ts';

/** Opens and migrates the configured database, runs `fn`, and always closes it. */
export async function withDatabase<T>(
  config: Config,
  fn: (database: Database, workspaceId: number) => Promise<T>,
): Promise<T> {
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: 4,
  });
  try {
    await migrateDatabase(database, config);
    const workspaceId = await ensureDefaultWorkspace(database.db, systemClock);
    return await fn(database, workspaceId);
  } finally {
    await database.close();
  }
}

export function required(
  values: Record<string, string | boolean | undefined>,
  name: string,
): string {
  const value = values[name];
  if (typeof value !== 'string' || value === '') throw new Error(`--${name} is required`);
  return value;
}

export async function requireAccountByEmail(
  database: Database,
  workspaceId: number,
  email: string,
) {
  const account = await findAccountByEmail(database.db, workspaceId, email.toLowerCase());
  if (!account) throw new Error(`No account with e-mail ${email}`);
  return account;
}

/** A service context acting as the server itself in a workspace (audited as `system`). */
export const systemCtx = (config: Config, database: Database, workspaceId: number): Ctx => ({
  db: database.db,
  actor: systemActor(workspaceId),
  clock: systemClock,
  log: silentLogger,
  pseudonyms: pseudonymKeys({ dataDir: config.dataDir, key: config.pseudonymKey }),
});
