/**
 * Workspace-wide permissions and the built-in roles, exactly as in the product's role table.
 * Case contributors get view + comment on their case only; that is decided per case in
 * the cases policy, not here.
 */
export const permissions = [
  'cases.view',
  'comments.add',
  'cases.manage',
  'alerts.view',
  'alerts.triage',
  'alerts.ingest',
  'subjects.reveal',
  'evidence.manage',
  'response.run',
  'legal.manage',
  'contributors.manage',
  'statuses.customize',
  'admin.manage',
] as const;

export type Permission = (typeof permissions)[number];

export const builtinRoleKeys = [
  'viewer',
  'analyst',
  'investigator',
  'admin',
  'guest',
  'ingest',
] as const;
export type BuiltinRoleKey = (typeof builtinRoleKeys)[number];

const viewer: Permission[] = ['cases.view', 'alerts.view'];
const analyst: Permission[] = [
  ...viewer,
  'comments.add',
  'cases.manage',
  'alerts.triage',
  'response.run',
  'contributors.manage',
];
const investigator: Permission[] = [
  ...analyst,
  'subjects.reveal',
  'evidence.manage',
  'legal.manage',
];

export const builtinRoles: Record<BuiltinRoleKey, { name: string; permissions: Permission[] }> = {
  viewer: { name: 'Viewer', permissions: viewer },
  analyst: { name: 'Analyst', permissions: analyst },
  investigator: { name: 'Investigator', permissions: investigator },
  admin: { name: 'Admin', permissions: [...permissions] },
  guest: { name: 'Guest', permissions: [] },
  // For an integration's API token: it may post alerts and activity events, nothing else.
  ingest: { name: 'Ingestion service', permissions: ['alerts.ingest'] },
};

export const isPermission = (value: unknown): value is Permission =>
  typeof value === 'string' && (permissions as readonly string[]).includes(value);

/** The part of a role's permissions an API token of this scope carries. */
export function scopedPermissions(
  granted: ReadonlySet<Permission>,
  scope: 'full' | 'read' | 'ingest',
): Set<Permission> {
  if (scope === 'full') return new Set(granted);
  const kept: readonly Permission[] =
    scope === 'read' ? ['cases.view', 'alerts.view', 'subjects.reveal'] : ['alerts.ingest'];
  return new Set(kept.filter((p) => granted.has(p)));
}
