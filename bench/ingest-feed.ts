import type { AlertIn } from '../contract/alerts.ts';

export interface FeedResult {
  alerts: number;
  batches: number;
  elapsedMs: number;
  /** Alerts per second over the whole feed, redeliveries included in the time. */
  rate: number;
  /** Latency of each first delivery, ms, sorted. */
  latencies: number[];
  /** Distinct ids the server acknowledged. */
  acknowledged: Set<number>;
  failedBatches: number;
  redelivered: number;
  /** Redelivered batches that created something or answered other ids. */
  redeliveryFaults: number;
}

interface IngestBody {
  results: Array<{ id: number; created: boolean }>;
  created: number;
}

async function post(url: string, token: string, alerts: AlertIn[]) {
  const res = await fetch(`${url}/api/v1/alerts`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ alerts }),
  });
  const text = await res.text();
  if (res.status !== 200 && res.status !== 201) {
    throw new Error(`ingest answered ${res.status}: ${text.slice(0, 300)}`);
  }
  return JSON.parse(text) as IngestBody;
}

/**
 * Sends `total` alerts in batches from `clients` concurrent clients; every 100th batch is
 * sent a second time and must create nothing and answer the same ids.
 */
export async function feed(opts: {
  url: string;
  token: string;
  total: number;
  batchSize: number;
  clients: number;
  build: (batch: number, size: number) => AlertIn[];
  onProgress?: (done: number) => void;
}): Promise<FeedResult> {
  const batches = Math.ceil(opts.total / opts.batchSize);
  const latencies: number[] = [];
  const acknowledged = new Set<number>();
  let next = 0;
  let failedBatches = 0;
  let redelivered = 0;
  let redeliveryFaults = 0;
  let sent = 0;
  const client = async () => {
    for (let b = next++; b < batches; b = next++) {
      const size = Math.min(opts.batchSize, opts.total - b * opts.batchSize);
      const alerts = opts.build(b, size);
      const t0 = performance.now();
      let body: IngestBody;
      try {
        body = await post(opts.url, opts.token, alerts);
      } catch (error) {
        failedBatches += 1;
        if (failedBatches <= 3) console.error(`[ingest] batch ${b}: ${String(error)}`);
        continue;
      }
      latencies.push(performance.now() - t0);
      for (const r of body.results) acknowledged.add(r.id);
      sent += size;
      if (b % 100 === 99) {
        redelivered += 1;
        const again = await post(opts.url, opts.token, alerts).catch(() => undefined);
        const same = again?.results.every((r, i) => r.id === body.results[i]?.id && !r.created);
        if (!again || again.created !== 0 || !same) redeliveryFaults += 1;
      }
      if (b % 20 === 0) opts.onProgress?.(sent);
    }
  };
  const start = performance.now();
  await Promise.all(Array.from({ length: opts.clients }, client));
  const elapsedMs = performance.now() - start;
  latencies.sort((a, b) => a - b);
  return {
    alerts: sent,
    batches,
    elapsedMs,
    rate: sent / (elapsedMs / 1000),
    latencies,
    acknowledged,
    failedBatches,
    redelivered,
    redeliveryFaults,
  };
}
