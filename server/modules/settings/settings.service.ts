import { inTransaction } from '../../events/index.ts';
import {
  DEFAULT_CORRELATING_TYPES,
  WorkspaceSettingsValues,
  type UpdateWorkspaceSettings,
  type WorkspaceSettings,
} from '../../../contract/settings.ts';
import type { Ctx } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import { forbidden } from '../../lib/errors.ts';
import { can } from '../access/index.ts';
import * as repo from './settings.repo.ts';

export const defaultSettings: WorkspaceSettingsValues = Object.freeze({
  correlation: {
    entityTypes: DEFAULT_CORRELATING_TYPES,
    commonValueSubjects: 5,
    commonValueDays: 30,
  },
  incidents: { autoResolve: false },
  // A workspace made before pseudonymisation existed keeps showing names until an
  // administrator turns it on; new workspaces are made with it on (seedWorkspaceSettings).
  privacy: { pseudonymise: false, revealHours: 8 },
});

/** The settings a new workspace starts with: pseudonymisation on unless told otherwise. */
export async function seedWorkspaceSettings(
  db: Db,
  workspaceId: number,
  at: string,
  pseudonymise: boolean,
): Promise<void> {
  const settings = { privacy: { ...defaultSettings.privacy, pseudonymise } };
  await repo.saveSettings(db, {
    workspaceId,
    settings: JSON.stringify(settings),
    updatedAt: at,
    updatedBy: null,
  });
}

/** Stored settings over the defaults: a setting added later reads as its default. */
function merge(stored: unknown): WorkspaceSettingsValues {
  const raw = (typeof stored === 'object' && stored !== null ? stored : {}) as Record<
    string,
    object | undefined
  >;
  const parsed = WorkspaceSettingsValues.safeParse({
    correlation: { ...defaultSettings.correlation, ...raw.correlation },
    incidents: { ...defaultSettings.incidents, ...raw.incidents },
    privacy: { ...defaultSettings.privacy, ...raw.privacy },
  });
  // Only this module writes the document, always validated; a document that no longer parses
  // (a setting renamed by a later release) falls back to the defaults rather than failing
  // ingestion.
  return parsed.success ? parsed.data : defaultSettings;
}

/** A workspace's settings, defaults filled in; for services of other modules. */
export async function loadWorkspaceSettings(
  db: Db,
  workspaceId: number,
): Promise<WorkspaceSettingsValues> {
  const row = await repo.findSettings(db, workspaceId);
  return merge(row ? JSON.parse(row.settings) : {});
}

const canRead = (ctx: Ctx) => can(ctx.actor, 'alerts.view') || can(ctx.actor, 'admin.manage');

async function present(db: Db, workspaceId: number): Promise<WorkspaceSettings> {
  const row = await repo.findSettings(db, workspaceId);
  return {
    ...merge(row ? JSON.parse(row.settings) : {}),
    updatedAt: row?.updatedAt ?? null,
    updatedBy: row?.updatedBy ? { id: row.updatedBy, name: row.updatedByName ?? '' } : null,
  };
}

/** The workspace's settings. Throws forbidden for accounts that see no alerts and do not administer. */
export async function getWorkspaceSettings(ctx: Ctx): Promise<WorkspaceSettings> {
  if (!canRead(ctx)) throw forbidden();
  return present(ctx.db, ctx.actor.workspaceId);
}

/** Changes some settings, audited with what changed. Throws forbidden without admin rights. */
export async function updateWorkspaceSettings(
  ctx: Ctx,
  patch: UpdateWorkspaceSettings,
): Promise<WorkspaceSettings> {
  if (!can(ctx.actor, 'admin.manage')) throw forbidden();
  const ws = ctx.actor.workspaceId;
  const at = ctx.clock.now().toISOString();
  await inTransaction(ctx, async (tx, emit) => {
    const before = await loadWorkspaceSettings(tx, ws);
    const next: WorkspaceSettingsValues = {
      correlation: { ...before.correlation, ...patch.correlation },
      incidents: { ...before.incidents, ...patch.incidents },
      privacy: { ...before.privacy, ...patch.privacy },
    };
    await repo.saveSettings(tx, {
      workspaceId: ws,
      settings: JSON.stringify(next),
      updatedAt: at,
      updatedBy: ctx.actor.accountId,
    });
    await emit('settings.updated', {
      workspaceId: ws,
      at,
      targetId: ws,
      before: { ...before },
      after: { ...next },
    });
  });
  return present(ctx.db, ws);
}
