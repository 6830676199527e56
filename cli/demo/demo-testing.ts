import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pseudonymKeys } from '../../server/lib/pseudonym.ts';
import { filesystemStore } from '../../server/storage/fs-store.ts';
import type { Database } from '../../server/db/connection.ts';
import { systemClock } from '../../server/lib/clock.ts';
import { ensureDefaultWorkspace } from '../../server/modules/workspaces/index.ts';
import { createTestDatabase } from '../../server/testing/test-db.ts';
import { runDemo, type DemoOptions } from './run-demo.ts';

/** The administrator the demo tests configure, as CASEFILE_ADMIN_EMAIL and _PASSWORD would. */
export const configuredAdmin = { email: 'soc-lead@example.com', password: 'a configured password' };

/** A small demo: 25 cases and their 250 alerts, with the default correlation limits. */
export const demoOptions = (now: Date): DemoOptions => ({
  cases: 25,
  seed: 7,
  now,
  correlation: { windowHours: 24, maxAlerts: 150 },
  pseudonyms: pseudonymKeys({ dataDir: join(tmpdir(), 'casefile-demo-test-keys') }),
  evidenceStore: filesystemStore(join(tmpdir(), 'casefile-demo-test-evidence')),
  admin: { ...configuredAdmin, print: () => undefined },
});

/** A fresh test database holding the demo. */
export async function freshDemo(
  options: DemoOptions,
): Promise<{ database: Database; workspaceId: number }> {
  const database = await createTestDatabase();
  const workspaceId = await ensureDefaultWorkspace(database.db, systemClock);
  await runDemo(database.db, workspaceId, options);
  return { database, workspaceId };
}
