import { can, type Actor } from '../access/index.ts';

export interface ViewOwnership {
  ownerId: number;
  shared: boolean;
}

/** A private view is its owner's alone; a shared one is seen by every member. */
export const canSeeView = (actor: Actor, view: ViewOwnership): boolean =>
  view.ownerId === actor.accountId || (view.shared && can(actor, 'cases.view'));

/** Only the owner, or an admin, changes or deletes a view. */
export const canChangeView = (actor: Actor, view: ViewOwnership): boolean =>
  view.ownerId === actor.accountId || can(actor, 'admin.manage');

/** Saved views are views of the cases dashboard: members who see the queue may keep them. */
export const canKeepViews = (actor: Actor): boolean => can(actor, 'cases.view');
