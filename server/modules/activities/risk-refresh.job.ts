import { z } from 'zod';
import { defineJob } from '../../jobs/index.ts';
import { lockAuditChain } from '../audit/index.ts';
import { subjectsWithRiskDue } from '../subjects/index.ts';
import { refreshActivityRisk } from './service/refresh-risk.ts';

declare module '../../jobs/registry.ts' {
  interface JobPayloads {
    'activities.refresh-risk': Record<string, never>;
  }
}

const BATCH = 500;

/**
 * Works out again, for today, the stored activity risk scores that may have faded since they
 * were worked out (above zero on an earlier day, or never worked out), 500 subjects per
 * transaction. Each transaction takes the workspace's audit chain lock, as ingestion does, so a
 * batch of events never lands between reading the rollup and writing the score. Working a score
 * out twice gives the same score, so running a slot twice is harmless.
 */
export const refreshRiskJob = defineJob({
  type: 'activities.refresh-risk',
  payload: z.strictObject({}),
  maxAttempts: 3,
  timeoutSeconds: 600,
  handle: async (_payload, ctx) => {
    const today = ctx.clock.now().toISOString().slice(0, 10);
    for (;;) {
      if (ctx.signal.aborted) return;
      const due = await subjectsWithRiskDue(ctx.db, today, BATCH);
      const byWorkspace = new Map<number, number[]>();
      for (const s of due)
        byWorkspace.set(s.workspaceId, [...(byWorkspace.get(s.workspaceId) ?? []), s.id]);
      for (const [ws, ids] of byWorkspace)
        await ctx.db.transaction().execute(async (tx) => {
          await lockAuditChain(tx, ws);
          await refreshActivityRisk(tx, ws, ids, today);
        });
      if (due.length < BATCH) return;
    }
  },
});
