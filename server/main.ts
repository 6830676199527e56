import { buildApp } from './app.ts';
import type { Config } from './config.ts';
import { openDatabase } from './db/connection.ts';
import { migrateDatabase } from './db/schema-owner.ts';
import { startBackground } from './jobs/background.ts';
import { systemClock } from './lib/clock.ts';
import { defaultAnchorFile, writeAuditAnchors } from './modules/audit/index.ts';
import { ensureDefaultWorkspace, ensureFirstAdmin } from './modules/workspaces/index.ts';
import { prepareEvidenceStore } from './modules/evidence/index.ts';
import { recurringDuties } from './schedules.ts';
import { startWebhookDriver } from './modules/webhooks/index.ts';
import { listenForCommits } from './events/index.ts';

/** Entry of `casefile serve`: open the database, migrate, first-start setup, listen. */
export async function startServer(config: Config): Promise<() => Promise<void>> {
  const database = openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    backgroundCheckpoints: true,
  });
  const app = await buildApp({ config, database });
  const applied = await migrateDatabase(database, config);
  if (applied.length > 0) app.log.info({ applied }, 'applied migrations');
  await ensureDefaultWorkspace(database.db, systemClock);
  await ensureFirstAdmin(database.db, systemClock, app.log, {
    email: config.adminEmail,
    password: config.adminPassword,
    print: (text) => process.stdout.write(`${text}\n`),
  });
  // Where the chains stand, outside the database: a later cut of a chain's tail shows
  // against it (`casefile verify-audit --anchor`).
  // A read-only data folder must not keep the server from starting: it says so in the log.
  await writeAuditAnchors(database.db, systemClock, defaultAnchorFile(config.dataDir)).catch(
    (error: unknown) => app.log.warn({ err: error }, 'audit anchors could not be written'),
  );
  // Background jobs and the recurring duties (statistics, session sweep, audit anchors).
  // Outbound webhooks: woken by this process's commits, swept for the rest.
  const webhooks = startWebhookDriver({
    db: database.db,
    clock: systemClock,
    log: app.log,
    settings: {
      env: {
        allowHosts: config.webhookAllowHosts,
        dataDir: config.dataDir,
        pseudonymKey: config.pseudonymKey,
      },
      retryDelaysMs: config.webhookRetryDelaysMs,
    },
  });
  // On PostgreSQL, commits of other server processes wake this one's consumers (live updates,
  // webhook delivery) through LISTEN on a connection of its own.
  const commits =
    database.engine === 'postgres' && config.databaseUrl
      ? listenForCommits(config.databaseUrl, app.log)
      : undefined;
  await commits?.ready;
  // Evidence: verification jobs get the store, and the temporary files of uploads a crash cut
  // off are removed before uploads are taken again.
  await prepareEvidenceStore(config, app.log);
  const background = startBackground({
    db: database.db,
    clock: systemClock,
    log: app.log,
    config,
    schedules: recurringDuties(config, database.engine),
  });
  await app.listen({ port: config.port, host: config.host });
  app.log.info(
    { engine: database.engine, location: database.location },
    `Casefile is serving on http://localhost:${config.port}`,
  );

  const stop = async () => {
    webhooks.stop();
    await background.stop();
    await app.close();
    await commits?.stop();
    await database.close();
  };
  return stop;
}
