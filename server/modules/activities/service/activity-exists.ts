import type { Db } from '../../../db/connection.ts';
import { findEvent } from '../events.repo.ts';

/** Whether an activity event of this id belongs to the workspace (for modules that link to one). */
export const activityExists = async (db: Db, workspaceId: number, id: number): Promise<boolean> =>
  (await findEvent(db, workspaceId, id)) !== undefined;
