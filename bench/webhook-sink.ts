import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the sink keeps of one delivery. */
interface Arrival {
  seq: number;
  /** Arrival minus the event's `timestamp` (the audit row's time), ms. */
  lagMs: number;
}

export interface SinkStats {
  arrivals: number;
  /** Distinct (path, webhook-id) pairs. */
  distinct: number;
  /** Arrivals of a webhook-id the path had already seen. */
  duplicates: number;
  /** Paths whose webhook-ids did not arrive in ascending sequence order. */
  outOfOrder: number;
  /** Sorted lags, ms. */
  lags: number[];
  firstAt: number;
  lastAt: number;
}

/**
 * A webhook receiver in the bench process (the server under test is another process): it
 * answers every POST 200 at once, on keep-alive connections, and records per path which
 * webhook-ids arrived, in what order, and how long after the event's audit time.
 */
export interface WebhookSink {
  host: string;
  base: string;
  /** Forgets everything seen so far. */
  reset(): void;
  count(): number;
  stats(): SinkStats;
  /** Resolves once `n` deliveries arrived, or after `ms` (a bound, not a measure). */
  waitFor(n: number, ms: number): Promise<boolean>;
  stop(): Promise<void>;
}

export async function startWebhookSink(): Promise<WebhookSink> {
  let byPath = new Map<string, Arrival[]>();
  let seen = new Set<string>();
  let arrivals = 0;
  let duplicates = 0;
  let firstAt = 0;
  let lastAt = 0;
  let waiter: { n: number; done: () => void } | undefined;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const now = Date.now();
      const id = String(req.headers['webhook-id'] ?? '');
      const path = req.url ?? '';
      const seq = Number(/_(\d+)$/.exec(id)?.[1] ?? NaN);
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { timestamp: string };
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      arrivals += 1;
      if (firstAt === 0) firstAt = now;
      lastAt = now;
      const key = `${path} ${id}`;
      if (seen.has(key)) duplicates += 1;
      else seen.add(key);
      let list = byPath.get(path);
      if (!list) byPath.set(path, (list = []));
      list.push({ seq, lagMs: now - Date.parse(body.timestamp) });
      if (waiter && arrivals >= waiter.n) waiter.done();
    });
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    host: `127.0.0.1:${port}`,
    base: `http://127.0.0.1:${port}`,
    reset: () => {
      byPath = new Map();
      seen = new Set();
      arrivals = 0;
      duplicates = 0;
      firstAt = 0;
      lastAt = 0;
    },
    count: () => arrivals,
    stats: () => {
      let outOfOrder = 0;
      const lags: number[] = [];
      for (const list of byPath.values()) {
        // Retries repeat a sequence number; order means never going back.
        if (list.some((a, i) => i > 0 && a.seq < list[i - 1]!.seq)) outOfOrder += 1;
        for (const a of list) lags.push(a.lagMs);
      }
      lags.sort((a, b) => a - b);
      return { arrivals, distinct: seen.size, duplicates, outOfOrder, lags, firstAt, lastAt };
    },
    waitFor: (n, ms) =>
      new Promise<boolean>((resolve) => {
        if (arrivals >= n) return resolve(true);
        const timer = setTimeout(() => {
          waiter = undefined;
          resolve(false);
        }, ms);
        waiter = {
          n,
          done: () => {
            clearTimeout(timer);
            waiter = undefined;
            resolve(true);
          },
        };
      }),
    stop: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
