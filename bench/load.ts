import autocannon from 'autocannon';

export interface LoadSpec {
  /** Base URL of the server. */
  url: string;
  method?: 'GET' | 'POST';
  /** A fixed path, or a function giving each request's path (random case numbers). */
  path: string | (() => string);
  /** A JSON body per request (POST). */
  body?: () => unknown;
  token?: string;
  connections: number;
  durationSec: number;
  warmupSec: number;
}

export interface LoadResult {
  requests: number;
  /** Successful responses per second over the measured run. */
  rate: number;
  p50: number;
  p99: number;
  mean: number;
  /** Responses that were not 2xx, and transport errors and timeouts. */
  non2xx: number;
  errors: number;
}

/** The p-th percentile (0-100, nearest rank) of ascending values; NaN when there are none. */
export const percentile = (sorted: number[], p: number): number =>
  sorted.length === 0
    ? NaN
    : sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

function runOnce(spec: LoadSpec, seconds: number): Promise<LoadResult> {
  const headers: Record<string, string> = {};
  if (spec.token) headers.authorization = `Bearer ${spec.token}`;
  if (spec.body) headers['content-type'] = 'application/json';
  const pathOf = typeof spec.path === 'function' ? spec.path : () => spec.path as string;
  const firstPath = pathOf();
  const latencies: number[] = [];
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: spec.url + firstPath,
        connections: spec.connections,
        duration: seconds,
        headers,
        method: spec.method ?? 'GET',
        timeout: 30,
        requests: [
          {
            method: spec.method ?? 'GET',
            setupRequest: (req: any) => ({
              ...req,
              path: pathOf(),
              ...(spec.body ? { body: JSON.stringify(spec.body()) } : {}),
            }),
          },
        ],
      },
      (err: Error | null, result: autocannon.Result) => {
        if (err) {
          reject(err);
          return;
        }
        latencies.sort((a, b) => a - b);
        const ok = latencies.length;
        const mean = ok === 0 ? NaN : latencies.reduce((s, v) => s + v, 0) / ok;
        resolve({
          requests: result.requests.total,
          rate: ok / (result.duration || seconds),
          p50: percentile(latencies, 50),
          p99: percentile(latencies, 99),
          mean,
          non2xx: result.non2xx,
          errors: result.errors + result.timeouts,
        });
      },
    );
    // autocannon's own histogram has 1 ms resolution: keep exact times of 2xx responses.
    instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status >= 200 && status < 300) latencies.push(ms);
    });
  });
}

/** Runs the load for a short unmeasured warm-up, then for the measured duration. */
export async function measure(spec: LoadSpec): Promise<LoadResult> {
  if (spec.warmupSec > 0) await runOnce(spec, spec.warmupSec);
  return runOnce(spec, spec.durationSec);
}
