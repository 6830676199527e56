import type { PutAlertMapping, Severity } from '../../../../contract/alerts.ts';
import { inTransaction } from '../../../events/index.ts';
import type { Ctx } from '../../../context.ts';
import type { Db } from '../../../db/connection.ts';
import { forbidden, notFound } from '../../../lib/errors.ts';
import { can } from '../../access/index.ts';
import type { FieldMapping } from '../formats/generic.ts';
import * as repo from '../mappings.repo.ts';

interface Stored {
  fields: Record<string, string>;
  severityMap: Record<string, Severity>;
}

/** A source's mapping as stored, or undefined. */
export async function loadMapping(
  db: Db,
  workspaceId: number,
  source: string,
): Promise<FieldMapping | undefined> {
  const row = await repo.findMapping(db, workspaceId, source);
  return row ? (JSON.parse(row.fields) as Stored) : undefined;
}

async function present(db: Db, workspaceId: number, source: string) {
  const row = await repo.findMapping(db, workspaceId, source);
  if (!row) throw notFound(`A mapping for source "${source}"`);
  const stored = JSON.parse(row.fields) as Stored;
  return {
    source: row.source,
    fields: stored.fields,
    severityMap: stored.severityMap,
    updatedAt: row.updatedAt,
    updatedBy: row.updatedBy === null ? null : { id: row.updatedBy, name: row.updatedByName ?? '' },
  };
}

/** A generic source's mapping. Throws forbidden without admin rights, not_found. */
export async function getAlertMapping(ctx: Ctx, source: string) {
  if (!can(ctx.actor, 'admin.manage')) throw forbidden();
  return present(ctx.db, ctx.actor.workspaceId, source);
}

/** Creates or replaces a generic source's mapping, audited. Throws forbidden without admin rights. */
export async function putAlertMapping(ctx: Ctx, source: string, input: PutAlertMapping) {
  if (!can(ctx.actor, 'admin.manage')) throw forbidden();
  const ws = ctx.actor.workspaceId;
  const at = ctx.clock.now().toISOString();
  const before = await loadMapping(ctx.db, ws, source);
  const next: Stored = {
    fields: Object.fromEntries(
      Object.entries(input.fields).filter((e): e is [string, string] => e[1] !== undefined),
    ),
    severityMap: input.severityMap ?? {},
  };
  await inTransaction(ctx, async (tx, emit) => {
    await repo.saveMapping(tx, {
      workspaceId: ws,
      source,
      fields: JSON.stringify(next),
      updatedAt: at,
      updatedBy: ctx.actor.accountId,
    });
    await emit('alert_mapping.saved', {
      workspaceId: ws,
      at,
      targetId: source,
      before: before ? { ...before } : null,
      after: { ...next },
    });
  });
  return present(ctx.db, ws, source);
}
