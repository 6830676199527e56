import type { Db } from '../../db/connection.ts';
import type { Clock } from '../../lib/clock.ts';
import { randomSecret } from '../../lib/crypto.ts';
import type { Logger } from '../../lib/logger.ts';
import { builtinRoles, type Actor } from '../access/index.ts';
import { countAccounts, createAccountAs, insertRoles } from '../accounts/index.ts';
import { startAuditChain } from '../audit/index.ts';
import { seedWorkspaceSettings } from '../settings/index.ts';
import { seedStatuses } from '../statuses/index.ts';

export const DEFAULT_WORKSPACE_SLUG = 'default';

/** Creates a workspace with its built-in roles, default statuses and an empty audit chain. */
export async function createWorkspace(
  db: Db,
  clock: Clock,
  name: string,
  slug: string,
  { pseudonymise = true }: { pseudonymise?: boolean } = {},
): Promise<number> {
  const at = clock.now().toISOString();
  // The one transaction outside a unit of work: it creates the audit chain the units append to.
  // eslint-disable-next-line no-restricted-syntax
  return db.transaction().execute(async (tx) => {
    const ws = await tx
      .insertInto('workspaces')
      .values({ name, slug, createdAt: at })
      .returning('id')
      .executeTakeFirstOrThrow();
    await startAuditChain(tx, ws.id);
    await insertRoles(
      tx,
      Object.entries(builtinRoles).map(([key, role]) => ({
        workspaceId: ws.id,
        key,
        name: role.name,
        permissions: JSON.stringify(role.permissions),
        builtin: 1,
        createdAt: at,
        updatedAt: at,
      })),
    );
    await seedStatuses(tx, ws.id, at);
    await seedWorkspaceSettings(tx, ws.id, at, pseudonymise);
    return ws.id;
  });
}

/** The default workspace's id, creating it on first start. */
export async function ensureDefaultWorkspace(
  db: Db,
  clock: Clock,
  options?: { pseudonymise?: boolean },
): Promise<number> {
  const existing = await db
    .selectFrom('workspaces')
    .select('id')
    .where('slug', '=', DEFAULT_WORKSPACE_SLUG)
    .executeTakeFirst();
  return (
    existing?.id ?? createWorkspace(db, clock, 'Default workspace', DEFAULT_WORKSPACE_SLUG, options)
  );
}

/** The actor for work done by the system itself (first start, command line). */
export const systemActor = (workspaceId: number): Actor => ({
  accountId: 0,
  workspaceId,
  name: 'system',
  email: '',
  roleKey: 'admin',
  permissions: new Set(builtinRoles.admin.permissions),
  via: 'system',
});

/**
 * On first start, with no account at all, creates the first admin: from the given e-mail and
 * password, or with a generated password that is printed once.
 */
export async function ensureFirstAdmin(
  db: Db,
  clock: Clock,
  log: Logger,
  opts: {
    email?: string | undefined;
    password?: string | undefined;
    print: (line: string) => void;
  },
): Promise<void> {
  if ((await countAccounts(db)) > 0) return;
  const workspaceId = await ensureDefaultWorkspace(db, clock);
  const email = opts.email ?? 'admin@casefile.local';
  const password = opts.password ?? randomSecret().slice(0, 24);
  await createAccountAs(db, clock, systemActor(workspaceId), {
    email,
    name: 'Administrator',
    role: 'admin',
    password,
  });
  log.info({ email }, 'created the first admin account');
  if (!opts.password) {
    opts.print(
      [
        '',
        '  Casefile: first start. An administrator account was created:',
        `    e-mail:   ${email}`,
        `    password: ${password}`,
        '  This password is shown only once. Change it after signing in.',
        '',
      ].join('\n'),
    );
  }
}
