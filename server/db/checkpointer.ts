import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/** What one checkpoint did: frames in the log, and how many of them are now in the database. */
export interface CheckpointResult {
  log: number;
  checkpointed: number;
}

export interface Checkpointer {
  stop(): Promise<void>;
}

// The worker is plain CommonJS evaluated from this string, so it runs the same under the
// TypeScript loader, in tests and in production, without a build step of its own.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
db.pragma('synchronous = FULL');
const run = () => {
  try {
    const [row] = db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ log: row.log, checkpointed: row.checkpointed });
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
};
const timer = setInterval(run, workerData.intervalMs);
parentPort.on('message', () => {
  clearInterval(timer);
  run();
  db.close();
  parentPort.close();
});
`;

/**
 * Copies a SQLite database's write-ahead log into the database file from a worker thread with
 * its own connection, every `intervalMs`, so that requests only append to the log: a
 * checkpoint (copying and syncing the pages) then runs beside them, on another core, instead
 * of inside whichever commit crosses the log's size limit. PASSIVE never blocks readers or
 * writers. The connection that writes keeps a high automatic checkpoint limit as a fallback.
 */
export function startCheckpointer(
  file: string,
  opts: {
    intervalMs?: number;
    onResult?: (result: CheckpointResult) => void;
    onError?: (message: string) => void;
  } = {},
): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { file, driver, intervalMs: opts.intervalMs ?? 250 },
  });
  worker.unref();
  worker.on('message', (m: { log: number; checkpointed: number } | { error: string }) => {
    if ('error' in m) opts.onError?.(m.error);
    else opts.onResult?.(m);
  });
  worker.on('error', (error) => opts.onError?.(String(error)));
  return {
    stop: () =>
      new Promise((resolve) => {
        worker.once('exit', () => resolve());
        worker.postMessage('stop');
      }),
  };
}
