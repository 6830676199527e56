import { z } from 'zod';
import type { Db } from '../../db/connection.ts';
import { onCommitted } from '../../events/index.ts';
import { defineJob, rearmJob, wakeLocalWorkers } from '../../jobs/index.ts';
import type { Clock } from '../../lib/clock.ts';
import type { Logger } from '../../lib/logger.ts';
import { inTx, type DeliveryCtx } from './deliver.ts';
import { needsPump, pumpSubscription, type PumpOptions } from './pump.ts';
import type { WebhookEnv } from './secrets.ts';
import * as repo from './webhooks.repo.ts';

declare module '../../jobs/registry.ts' {
  interface JobPayloads {
    'webhooks.pump': { subscriptionId: number };
    'webhooks.sweep': Record<string, never>;
  }
}

/** What delivery needs beside the job's database and clock; set by `startWebhookDriver`. */
export interface DriverSettings {
  env: WebhookEnv;
  retryDelaysMs?: readonly number[] | undefined;
  /** Each attempt's deadline; the outbound client's 10 s when not given. */
  timeoutMs?: number;
  pump?: Omit<PumpOptions, 'signal'>;
}

let settings: DriverSettings | undefined;

/** The key of a subscription's pump: one job per subscription, queued or running. */
export const pumpKey = (subscriptionId: number) => `pump:${subscriptionId}`;

/** Asks for the pumps of these subscriptions to run (each at most once queued or running). */
export async function requestPumps(
  db: Db,
  subscriptions: readonly { id: number; workspaceId: number }[],
  now: Date,
): Promise<void> {
  if (subscriptions.length === 0) return;
  // One commit for all of them: a wake-up after every change must stay cheap.
  await inTx(db, async (tx) => {
    for (const s of subscriptions)
      await rearmJob(tx, {
        type: 'webhooks.pump',
        payload: { subscriptionId: s.id },
        idempotencyKey: pumpKey(s.id),
        workspaceId: s.workspaceId,
        now,
      });
  });
}

/**
 * One subscription's deliveries, in order (pump.ts). It holds a worker slot for at most one
 * attempt's timeout at a time and for its budget in all; with events left it runs again.
 */
export const pumpJob = defineJob({
  type: 'webhooks.pump',
  payload: z.strictObject({ subscriptionId: z.number().int().positive() }),
  // A run's budget (20 s) plus one attempt's timeout (10 s) and the database work around them.
  timeoutSeconds: 45,
  handle: async ({ subscriptionId }, job) => {
    if (!settings) throw new Error('webhook delivery is not configured in this process');
    const ctx: DeliveryCtx = {
      db: job.db,
      clock: job.clock,
      log: job.log,
      env: settings.env,
      ...(settings.retryDelaysMs && { retryDelaysMs: settings.retryDelaysMs }),
      ...(settings.timeoutMs !== undefined && { timeoutMs: settings.timeoutMs }),
    };
    const result = await pumpSubscription(ctx, subscriptionId, {
      ...settings.pump,
      signal: job.signal,
    });
    // Running, it is rearmed to run once more when it finishes.
    if (result === 'more' && !job.signal.aborted)
      await requestPumps(
        job.db,
        [{ id: subscriptionId, workspaceId: job.workspaceId ?? 0 }],
        job.clock.now(),
      );
  },
});

/**
 * Every few seconds: the pumps of subscriptions with work that nothing woke (changes made by
 * another process, wake-ups lost to a crash, retries that came due).
 */
export const sweepJob = defineJob({
  type: 'webhooks.sweep',
  payload: z.strictObject({}),
  maxAttempts: 1,
  handle: async (_p, job) => {
    const now = job.clock.now();
    const due = [];
    for (const s of await repo.enabledSubscriptions(job.db))
      if (await needsPump(job.db, s, now)) due.push(s);
    await requestPumps(job.db, due, now);
    if (due.length > 0) wakeLocalWorkers();
  },
});

export interface WebhookDriver {
  stop(): void;
}

/**
 * Starts delivery in this process: pump jobs get `settings`, and every commit of this process
 * that grew a workspace's log asks for the pumps of that workspace's enabled subscriptions and
 * wakes the worker. Commits arriving while a request is written are gathered into the next.
 */
export function startWebhookDriver(deps: {
  db: Db;
  clock: Clock;
  log: Logger;
  settings: DriverSettings;
}): WebhookDriver {
  settings = deps.settings;
  const dirty = new Set<number>();
  // A flush is scheduled or running; commits meanwhile only mark their workspace.
  let active = false;
  let stopped = false;
  const schedule = () => {
    active = true;
    setImmediate(() => void flush());
  };
  const flush = async () => {
    try {
      while (dirty.size > 0 && !stopped) {
        const workspaces = [...dirty];
        dirty.clear();
        for (const workspaceId of workspaces) {
          const subs = await repo.enabledSubscriptions(deps.db, workspaceId);
          await requestPumps(deps.db, subs, deps.clock.now());
          if (subs.length > 0) wakeLocalWorkers();
        }
      }
    } catch (error) {
      // The sweep finds the work this wake-up missed.
      deps.log.warn({ err: error }, 'waking webhook delivery failed');
    } finally {
      active = false;
      if (dirty.size > 0 && !stopped) schedule();
    }
  };
  const off = onCommitted(({ workspaceId }) => {
    dirty.add(workspaceId);
    if (!active && !stopped) schedule();
  });
  return {
    stop: () => {
      stopped = true;
      off();
    },
  };
}
