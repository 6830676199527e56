import { Worker } from 'node:worker_threads';

export interface WorkerRun {
  /** What the thread receives as `workerData`. */
  data: unknown;
  /** ArrayBuffers moved to the thread rather than copied. */
  transfer?: ArrayBuffer[];
  /** The thread is terminated after this long. */
  timeoutMs: number;
  /** The thread's heap; beyond it the thread stops. */
  maxMemoryMb: number;
  /** Terminates the thread (the job's time is up, or the process stops). */
  signal?: AbortSignal;
}

export type WorkerOutcome =
  | { ok: true; value: unknown }
  | { ok: false; why: 'timeout' | 'memory' | 'aborted' | 'crashed'; message: string };

// The thread loads TypeScript through the same loader as the process (tsx), registered in
// the thread itself: a worker thread does not inherit the loader hooks of its parent.
const tsx = import.meta.resolve('tsx/esm/api');

/**
 * Runs `entry` (a module that posts one message) in a thread of its own with a time and memory
 * limit, and answers its first message. On timeout, abort or a crash the thread is terminated
 * and the outcome says why; nothing it did survives it.
 */
export function runWorker(entry: URL, run: WorkerRun): Promise<WorkerOutcome> {
  const boot = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Promise((resolve) => {
    let settled = false;
    let why: 'timeout' | 'aborted' | undefined;
    const worker = new Worker(boot, {
      eval: true,
      workerData: run.data,
      transferList: run.transfer ?? [],
      resourceLimits: { maxOldGenerationSizeMb: run.maxMemoryMb, maxYoungGenerationSizeMb: 64 },
    });
    const stop = (reason: 'timeout' | 'aborted') => {
      why ??= reason;
      void worker.terminate();
    };
    const timer = setTimeout(() => stop('timeout'), run.timeoutMs);
    const onAbort = () => stop('aborted');
    run.signal?.addEventListener('abort', onAbort, { once: true });
    if (run.signal?.aborted) stop('aborted');
    const settle = (outcome: WorkerOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      run.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      resolve(outcome);
    };
    worker.once('message', (value: unknown) => {
      if (why === undefined) settle({ ok: true, value });
    });
    worker.once('error', (error: Error & { code?: string }) =>
      settle(
        error.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? { ok: false, why: 'memory', message: error.message }
          : { ok: false, why: why ?? 'crashed', message: error.message },
      ),
    );
    worker.once('exit', (code) =>
      settle({
        ok: false,
        why: why ?? 'crashed',
        message: `the thread stopped with code ${code} before it answered`,
      }),
    );
  });
}
