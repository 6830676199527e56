import type { Actor } from '../access/index.ts';
import { can } from '../access/index.ts';

/** Webhooks are integrations: only those who administer the workspace's settings manage them. */
export const canManageWebhooks = (actor: Actor): boolean => can(actor, 'admin.manage');
