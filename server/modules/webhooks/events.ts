import { webhookEventTypes, type WebhookEventType } from '../../../contract/webhooks.ts';
import type { Db } from '../../db/connection.ts';
import type { AuditEventRow, WebhookSubscriptionRow } from '../../db/schema.ts';
import { findAuditEvent, listAuditEventsAfter } from '../audit/index.ts';
import { pseudonymKeys } from '../../lib/pseudonym.ts';
import { findCaseKeys } from '../cases/index.ts';
import { workspaceLens } from '../subjects/index.ts';
import type { WebhookEnv } from './secrets.ts';
import { eventData, type EventData } from './event-view.ts';
import { parseEventTypes } from './webhooks.service.ts';

/** One change as a webhook sends it. */
export interface OutboundEvent {
  /** The event's sequence number in the workspace's audit log. */
  seq: number;
  type: WebhookEventType;
  occurredAt: string;
  data: EventData;
}

const known = new Set<string>(webhookEventTypes);
const isKnown = (action: string): action is WebhookEventType => known.has(action);

async function toOutbound(db: Db, env: WebhookEnv, workspaceId: number, rows: AuditEventRow[]) {
  const cases = await findCaseKeys(db, workspaceId, [
    ...new Set(rows.flatMap((r) => (r.caseId === null ? [] : [r.caseId]))),
  ]);
  const lens = await workspaceLens(
    db,
    pseudonymKeys({ dataDir: env.dataDir, key: env.pseudonymKey }),
    workspaceId,
  );
  // A receiver is no account: in a pseudonymised workspace it never learns who a case is
  // about, even from a title that names the person.
  const events = rows.map((r): OutboundEvent => {
    const fromAfter = r.after ? (JSON.parse(r.after) as { caseNumber?: unknown }).caseNumber : null;
    const caseNumber =
      r.targetType === 'case'
        ? Number(r.targetId)
        : r.caseId !== null
          ? (cases.get(r.caseId)?.number ?? null)
          : typeof fromAfter === 'number'
            ? fromAfter
            : null;
    return {
      seq: r.seq,
      type: r.action as WebhookEventType,
      occurredAt: r.occurredAt,
      data: eventData(r, caseNumber),
    };
  });
  if (!lens.active) return events;
  return Promise.all(
    events.map(async (e, i) => {
      const caseId = rows[i]!.caseId;
      const about = caseId === null ? null : (cases.get(caseId)?.subjectId ?? null);
      return { ...e, data: await lens.apply(e.data, about === null ? [] : [about]) };
    }),
  );
}

/**
 * The next events a subscription should send, in log order: those after its cursor whose type
 * it asked for, reading at most `limit` events of the log. `throughSeq` is the last sequence
 * number read, matching or not: the consumer moves the cursor there once it has handled the
 * events, so events of other types are passed over once, not read again. `read` is how many
 * events of the log were read: fewer than `limit` when the head was reached.
 */
export async function nextEventsFor(
  db: Db,
  env: WebhookEnv,
  subscription: Pick<WebhookSubscriptionRow, 'workspaceId' | 'cursorSeq' | 'eventTypes'>,
  limit: number,
): Promise<{ events: OutboundEvent[]; throughSeq: number; read: number }> {
  const rows = await listAuditEventsAfter(
    db,
    subscription.workspaceId,
    subscription.cursorSeq,
    limit,
  );
  const types = parseEventTypes(subscription.eventTypes);
  const wanted = rows.filter(
    (r) => isKnown(r.action) && (types === 'all' || types.includes(r.action)),
  );
  return {
    events: await toOutbound(db, env, subscription.workspaceId, wanted),
    throughSeq: rows.at(-1)?.seq ?? subscription.cursorSeq,
    read: rows.length,
  };
}

/** One event of the log as a webhook sends it (for a retry), or undefined when not sendable. */
export async function loadOutboundEvent(
  db: Db,
  env: WebhookEnv,
  workspaceId: number,
  seq: number,
): Promise<OutboundEvent | undefined> {
  const row = await findAuditEvent(db, workspaceId, seq);
  if (!row || !isKnown(row.action)) return undefined;
  return (await toOutbound(db, env, workspaceId, [row]))[0];
}
