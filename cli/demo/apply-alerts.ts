import type { AlertIn } from '../../contract/alerts.ts';
import type { Ctx } from '../../server/context.ts';
import {
  bulkConfirmAlerts,
  bulkDismissAlerts,
} from '../../server/modules/alerts/service/bulk-triage.ts';
import type { CorrelationLimits } from '../../server/modules/alerts/service/correlate.ts';
import { ingestAlerts } from '../../server/modules/alerts/service/ingest-alerts.ts';
import { getAlert } from '../../server/modules/alerts/service/list-alerts.ts';
import { getIncident, updateIncident } from '../../server/modules/incidents/incidents.service.ts';
import { linkToCase } from '../../server/modules/incidents/links.service.ts';
import type { AlertIdx, AlertStep } from './plan.ts';

type Outcome = { results: Array<{ id: number; ok: boolean; error?: { message: string } }> };

/** Every alert of a bulk triage went through: anything else is a bug of the generator. */
function expectAllDone(what: string, out: Outcome) {
  const failed = out.results.find((r) => !r.ok);
  if (failed) throw new Error(`demo: ${what} refused alert ${failed.id}: ${failed.error?.message}`);
}

/** The alerts of the demo as Casefile stored them: each plan alert's id, once delivered. */
export class DemoAlerts {
  private readonly ids: number[] = [];
  readonly counts = {
    ingested: 0,
    dismissed: 0,
    confirmed: 0,
    incidentsTaken: 0,
    incidentsResolved: 0,
  };

  constructor(
    private readonly alerts: readonly AlertIn[],
    private readonly limits: CorrelationLimits,
  ) {}

  idOf(idx: AlertIdx): number {
    const id = this.ids[idx];
    if (id === undefined) throw new Error(`demo: alert ${idx} is not delivered at this point`);
    return id;
  }

  /** The incident the alert is in now: correlation may have moved it since it arrived. */
  async incidentOf(ctx: Ctx, idx: AlertIdx): Promise<number> {
    const alert = await getAlert(ctx, this.idOf(idx));
    if (alert.incidentId === null) throw new Error(`demo: alert ${idx} is in no incident`);
    return alert.incidentId;
  }

  async subjectOf(ctx: Ctx, idx: AlertIdx): Promise<number | null> {
    return (await getAlert(ctx, this.idOf(idx))).subject?.id ?? null;
  }

  /** Confirms alerts into a case, a new one when `newCase` is given; returns its number. */
  async confirm(
    ctx: Ctx,
    list: AlertIdx[],
    target:
      { caseNumber: number } | { newCase: Parameters<typeof bulkConfirmAlerts>[1]['newCase'] },
  ): Promise<number> {
    const out = await bulkConfirmAlerts(ctx, {
      alertIds: list.map((i) => this.idOf(i)),
      ...target,
    });
    expectAllDone('confirming', out);
    this.counts.confirmed += list.length;
    if (out.caseNumber === undefined) throw new Error('demo: confirming opened no case');
    return out.caseNumber;
  }

  /** Delivers an alert batch (as the connector) or triages outside cases (as an analyst). */
  async apply(ctx: Ctx, step: AlertStep): Promise<void> {
    switch (step.kind) {
      case 'ingest': {
        const out = await ingestAlerts(
          ctx,
          step.alerts.map((i) => this.alerts[i]!),
          this.limits,
        );
        out.results.forEach((r, k) => (this.ids[step.alerts[k]!] = r.id));
        this.counts.ingested += out.created;
        return;
      }
      case 'dismiss': {
        const ids = step.alerts.map((i) => this.idOf(i));
        expectAllDone(
          'dismissing',
          await bulkDismissAlerts(ctx, ids, { category: step.category, reason: step.reason }),
        );
        this.counts.dismissed += ids.length;
        return;
      }
      case 'resolveIncident': {
        const id = await this.incidentOf(ctx, step.alert);
        if (!(await getIncident(ctx, id)).readyToResolve) return;
        await updateIncident(ctx, id, { status: 'resolved' });
        this.counts.incidentsResolved += 1;
        return;
      }
      case 'takeIncident':
        await updateIncident(ctx, await this.incidentOf(ctx, step.alert), {
          assigneeId: ctx.actor.accountId,
        });
        this.counts.incidentsTaken += 1;
        return;
    }
  }

  async linkIncident(ctx: Ctx, caseNumber: number, idx: AlertIdx): Promise<void> {
    await linkToCase(ctx, caseNumber, { incidentIds: [await this.incidentOf(ctx, idx)] });
  }
}
