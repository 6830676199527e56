import type { PseudonymKeys } from '../../server/lib/pseudonym.ts';
import type { Ctx } from '../../server/context.ts';
import type { Db } from '../../server/db/connection.ts';
import type { fixedClock } from '../../server/lib/clock.ts';
import { silentLogger } from '../../server/lib/logger.ts';
import type { Actor } from '../../server/modules/access/index.ts';
import { addComment } from '../../server/modules/activity/activity.service.ts';
import { createCase } from '../../server/modules/cases/index.ts';
import { reopenCase, resolveCase } from '../../server/modules/cases/service/resolve-case.ts';
import { updateCase } from '../../server/modules/cases/service/update-case.ts';
import { addContributor } from '../../server/modules/contributors/contributors.service.ts';
import { createTask, updateTask } from '../../server/modules/tasks/tasks.service.ts';
import { DemoAlerts } from './apply-alerts.ts';
import type { DemoPlan } from './generate.ts';
import type { AlertStep, Step, Who } from './plan.ts';
import type { CorrelationLimits } from '../../server/modules/alerts/service/correlate.ts';

type DemoClock = ReturnType<typeof fixedClock>;

const iso = (ms: number | null | undefined) =>
  ms === null || ms === undefined ? ms : new Date(ms).toISOString();

function lookup<K, V>(map: Map<K, V>, key: K, what: string): V {
  const value = map.get(key);
  if (value === undefined) throw new Error(`demo: ${what} is unknown at this point`);
  return value;
}

/** The accounts that act in the demo: the roster's, and the connector that delivers alerts. */
export interface DemoActors {
  roster: readonly Actor[];
  connector: Actor;
}

/**
 * Replays the plan through the real services, each step by its account at its time, so every
 * change carries its audit event: alerts are ingested and correlated as they arrive, triaged in
 * the queue and confirmed into cases. Cases get their numbers in the order they are opened.
 */
export async function applyPlan(
  db: Db,
  clock: DemoClock,
  plan: DemoPlan,
  { roster: actors, connector }: DemoActors,
  activeStatusId: number,
  limits: CorrelationLimits,
  pseudonyms: PseudonymKeys,
): Promise<DemoAlerts['counts']> {
  const alerts = new DemoAlerts(plan.alerts, limits);
  const numbers = new Map<number, number>();
  const taskIds = new Map<string, number>();
  const actorOf = (who: Who): Actor => {
    const actor = actors[who];
    if (!actor) throw new Error(`demo: no account ${who}`);
    return actor;
  };
  const idOf = (who: Who | null | undefined) =>
    who === null || who === undefined ? who : actorOf(who).accountId;

  const apply = async (ctx: Ctx, step: Step) => {
    if (step.kind === 'createCase') {
      const newCase = {
        title: step.title,
        description: step.description,
        priority: step.priority,
        tags: step.tags,
        assigneeId: idOf(step.assignee),
        dueAt: iso(step.dueAt),
      };
      if (step.fromAlerts) {
        numbers.set(step.caseIdx, await alerts.confirm(ctx, step.fromAlerts, { newCase }));
        return;
      }
      const subjectId =
        step.subjectOf === undefined ? undefined : await alerts.subjectOf(ctx, step.subjectOf);
      const created = await createCase(ctx, { ...newCase, subjectId });
      numbers.set(step.caseIdx, created.number);
      return;
    }
    const number = lookup(numbers, step.caseIdx, `case ${step.caseIdx}`);
    const taskKey = (taskIdx: number) => `${step.caseIdx}/${taskIdx}`;
    switch (step.kind) {
      case 'linkIncident':
        await alerts.linkIncident(ctx, number, step.alert);
        return;
      case 'confirmAlerts':
        await alerts.confirm(ctx, step.alerts, { caseNumber: number });
        return;
      case 'updateCase':
        await updateCase(ctx, number, {
          ...(step.toActive && { statusId: activeStatusId }),
          ...(step.assignee !== undefined && { assigneeId: idOf(step.assignee) }),
          ...(step.priority !== undefined && { priority: step.priority }),
          ...(step.dueAt !== undefined && { dueAt: iso(step.dueAt) }),
          ...(step.tags !== undefined && { tags: step.tags }),
        });
        return;
      case 'addContributor':
        await addContributor(ctx, number, actorOf(step.account).accountId);
        return;
      case 'createTask': {
        const task = await createTask(ctx, number, {
          title: step.title,
          description: step.description,
          status: 'new',
          priority: step.priority,
          ownerId: idOf(step.owner),
          dueAt: iso(step.dueAt),
        });
        taskIds.set(taskKey(step.taskIdx), task.id);
        return;
      }
      case 'updateTask':
        await updateTask(ctx, number, lookup(taskIds, taskKey(step.taskIdx), 'a task'), {
          status: step.status,
          ...(step.closingNote !== undefined && { closingNote: step.closingNote }),
        });
        return;
      case 'comment':
        await addComment(ctx, number, { body: step.body, format: step.format });
        return;
      case 'resolve':
        await resolveCase(ctx, number, {
          classification: step.classification,
          reason: step.reason,
        });
        return;
      case 'reopen':
        await reopenCase(ctx, number, { reason: step.reason });
        return;
    }
  };

  const ctxOf = (actor: Actor): Ctx => ({ db, actor, clock, log: silentLogger, pseudonyms });
  const applyAlertStep = (step: AlertStep) =>
    alerts.apply(ctxOf(step.kind === 'ingest' ? connector : actorOf(step.by)), step);
  // The two lists are each in time order; merged, alerts first at the same instant.
  let next = 0;
  for (const step of plan.steps) {
    for (; next < plan.alertSteps.length && plan.alertSteps[next]!.at <= step.at; next += 1) {
      clock.set(new Date(plan.alertSteps[next]!.at));
      await applyAlertStep(plan.alertSteps[next]!);
    }
    clock.set(new Date(step.at));
    await apply(ctxOf(actorOf(step.by)), step);
  }
  for (const step of plan.alertSteps.slice(next)) {
    clock.set(new Date(step.at));
    await applyAlertStep(step);
  }
  return alerts.counts;
}
