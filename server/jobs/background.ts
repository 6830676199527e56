import type { Config } from '../config.ts';
import type { Db } from '../db/connection.ts';
import type { Clock } from '../lib/clock.ts';
import type { Logger } from '../lib/logger.ts';
import { startScheduler, type Schedule } from './scheduler.ts';
import { startWorker, type Worker } from './worker.ts';

export interface Background {
  readonly worker: Worker;
  stop(): Promise<void>;
}

/** The worker and the scheduler of one process, configured from `config.jobs`. */
export function startBackground(deps: {
  db: Db;
  clock: Clock;
  log: Logger;
  config: Config;
  schedules: readonly Schedule[];
}): Background {
  const c = deps.config.jobs;
  const worker = startWorker({
    db: deps.db,
    clock: deps.clock,
    log: deps.log,
    concurrency: c.concurrency,
    pollSeconds: c.pollSeconds,
    retryBaseSeconds: c.retryBaseSeconds,
    retryCapSeconds: c.retryCapSeconds,
    lockGraceSeconds: c.lockGraceSeconds,
    stopSeconds: c.stopSeconds,
  });
  const scheduler = startScheduler({
    db: deps.db,
    clock: deps.clock,
    log: deps.log,
    schedules: deps.schedules,
    // A duty due more often than the tick (the webhook sweep) is looked at as often as it is due.
    tickSeconds: Math.min(c.schedulerTickSeconds, ...deps.schedules.map((s) => s.everySeconds)),
    onEnqueued: () => worker.wake(),
  });
  return {
    worker,
    stop: async () => {
      scheduler.stop();
      await worker.stop();
    },
  };
}
