import type { Permission } from './permissions.ts';

/** Who is acting: the signed-in account (by session or API token), with its role's permissions. */
export interface Actor {
  readonly accountId: number;
  readonly workspaceId: number;
  readonly name: string;
  readonly email: string;
  readonly roleKey: string;
  readonly permissions: ReadonlySet<Permission>;
  readonly via: 'session' | 'token' | 'system';
  /** For a token: what it may be used for (see scopedPermissions); absent means full. */
  readonly tokenScope?: 'full' | 'read' | 'ingest';
}

export const can = (actor: Actor, permission: Permission): boolean =>
  actor.permissions.has(permission);
