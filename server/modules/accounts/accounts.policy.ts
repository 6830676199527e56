import { can, type Actor } from '../access/index.ts';

export const canManageAccounts = (actor: Actor): boolean => can(actor, 'admin.manage');
/** Everyone with workspace-wide case access sees the directory, to assign and add contributors. */
export const canListAccounts = (actor: Actor): boolean => can(actor, 'cases.view');
