import pg from 'pg';
import type { Logger } from '../lib/logger.ts';
import { COMMITTED_CHANNEL, parseCommitted, publishCommitted } from './committed.ts';

export interface CommitListener {
  /** Resolves once the first LISTEN is in place (or failed: it keeps trying). */
  readonly ready: Promise<void>;
  stop(): Promise<void>;
}

const RETRY_MS = [250, 1000, 2000, 5000, 10_000];

/**
 * Hears the commits of other server processes on the same PostgreSQL: one dedicated
 * connection per process LISTENs on `COMMITTED_CHANNEL` and tells this process's listeners
 * (`publishCommitted`), as if the commit had been made here. A dropped connection is made
 * again after a short wait; wake-ups sent meanwhile are lost, which delays a consumer until
 * the next commit of that workspace but loses no event (each reads the log from its cursor).
 */
export function listenForCommits(databaseUrl: string, log: Logger): CommitListener {
  let client: pg.Client | undefined;
  let stopped = false;
  let failures = 0;
  let retry: NodeJS.Timeout | undefined;
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));

  const again = () => {
    if (stopped || retry) return;
    const wait = RETRY_MS[Math.min(failures, RETRY_MS.length - 1)] ?? 10_000;
    failures += 1;
    retry = setTimeout(() => {
      retry = undefined;
      void connect();
    }, wait);
    retry.unref();
  };

  const connect = async () => {
    const c = new pg.Client({ connectionString: databaseUrl });
    client = c;
    let dropped = false;
    const drop = (error?: unknown) => {
      if (dropped) return;
      dropped = true;
      if (!stopped) log.warn({ err: error }, 'the commit listener lost its connection; retrying');
      c.removeAllListeners('notification');
      void c.end().catch(() => undefined);
      again();
    };
    c.on('error', drop);
    c.on('end', () => drop());
    c.on('notification', (message) => {
      if (message.channel !== COMMITTED_CHANNEL) return;
      const committed = parseCommitted(message.payload);
      if (committed) publishCommitted(committed);
    });
    try {
      await c.connect();
      await c.query(`LISTEN ${COMMITTED_CHANNEL}`);
      failures = 0;
    } catch (error) {
      drop(error);
    } finally {
      markReady();
    }
  };

  void connect();
  return {
    ready,
    stop: async () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => undefined);
    },
  };
}
