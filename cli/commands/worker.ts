import { openDatabase } from '../../server/db/connection.ts';
import { migrateDatabase } from '../../server/db/schema-owner.ts';
import { startBackground } from '../../server/jobs/background.ts';
import { systemClock } from '../../server/lib/clock.ts';
import type { Logger } from '../../server/lib/logger.ts';
import { recurringDuties } from '../../server/schedules.ts';
import { startWebhookDriver } from '../../server/modules/webhooks/index.ts';
import { prepareEvidenceStore } from '../../server/modules/evidence/index.ts';
import type { Command } from './types.ts';

const levels = ['debug', 'info', 'warn', 'error'] as const;

/** One JSON line per entry on standard output, from `least` up. */
function jsonLogger(least: string): Logger {
  const min = levels.indexOf(least as (typeof levels)[number]);
  const write = (level: (typeof levels)[number]) => (obj: object | string, msg?: string) => {
    if (least === 'silent' || (min >= 0 && levels.indexOf(level) < min)) return;
    const fields = typeof obj === 'string' ? { msg: obj } : { ...obj, msg };
    const err = (fields as { err?: unknown }).err;
    const line = { level, time: new Date().toISOString(), ...fields };
    if (err instanceof Error) Object.assign(line, { err: { message: err.message } });
    process.stdout.write(`${JSON.stringify(line)}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

/** `casefile worker`: the job worker and scheduler alone, without HTTP, until a signal. */
export const worker: Command = {
  options: {},
  async run(config) {
    const log = jsonLogger(config.logLevel);
    const database = openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      backgroundCheckpoints: true,
    });
    await migrateDatabase(database, config);
    // Outbound webhooks: woken by this process's commits, swept for the rest.
    const webhooks = startWebhookDriver({
      db: database.db,
      clock: systemClock,
      log,
      settings: {
        env: { allowHosts: config.webhookAllowHosts, dataDir: config.dataDir },
        retryDelaysMs: config.webhookRetryDelaysMs,
      },
    });
    // Verification jobs read the evidence store.
    await prepareEvidenceStore(config, log);
    const background = startBackground({
      db: database.db,
      clock: systemClock,
      log,
      config,
      schedules: recurringDuties(config, database.engine),
    });
    log.info({ engine: database.engine, worker: background.worker.name }, 'worker started');
    // The worker's timers are unref'd, and idle pool connections close: this holds the process.
    const alive = setInterval(() => undefined, 3_600_000);
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    clearInterval(alive);
    webhooks.stop();
    await background.stop();
    await database.close();
    return 0;
  },
};
