import { Migrator, type Migration, type MigrationProvider } from 'kysely';
import type { Db } from './connection.ts';
import * as m0001 from './migrations/0001-initial.ts';
import * as m0002 from './migrations/0002-saved-views.ts';
import * as m0003 from './migrations/0003-alerts.ts';
import * as m0004 from './migrations/0004-incident-queue.ts';
import * as m0005 from './migrations/0005-correlation-trust.ts';
import * as m0006 from './migrations/0006-alert-sources.ts';
import * as m0007 from './migrations/0007-token-scope.ts';
import * as m0008 from './migrations/0008-jobs.ts';
import * as m0009 from './migrations/0009-webhooks.ts';
import * as m0010 from './migrations/0010-job-rerun.ts';
import * as m0011 from './migrations/0011-alert-source-status.ts';
import * as m0012 from './migrations/0012-activities.ts';
import * as m0013 from './migrations/0013-subject-reveals.ts';
import * as m0014 from './migrations/0014-activity-explorer.ts';
import * as m0015 from './migrations/0015-subject-profile.ts';
import * as m0016 from './migrations/0016-view-kinds.ts';
import * as m0017 from './migrations/0017-activity-timeline-cover.ts';
import * as m0018 from './migrations/0018-activity-reviewed.ts';
import * as m0019 from './migrations/0019-evidence.ts';
import * as m0020 from './migrations/0020-evidence-messages.ts';

/** Forward-only migrations, in order. A new one is added here with the next number. */
const migrations: Record<string, Migration> = {
  '0001-initial': m0001,
  '0002-saved-views': m0002,
  '0003-alerts': m0003,
  '0004-incident-queue': m0004,
  '0005-correlation-trust': m0005,
  '0006-alert-sources': m0006,
  '0007-token-scope': m0007,
  '0008-jobs': m0008,
  '0009-webhooks': m0009,
  '0010-job-rerun': m0010,
  '0011-alert-source-status': m0011,
  '0012-activities': m0012,
  '0013-subject-reveals': m0013,
  '0014-activity-explorer': m0014,
  '0015-subject-profile': m0015,
  '0016-view-kinds': m0016,
  '0017-activity-timeline-cover': m0017,
  '0018-activity-reviewed': m0018,
  '0019-evidence': m0019,
  '0020-evidence-messages': m0020,
};

const provider: MigrationProvider = { getMigrations: () => Promise.resolve(migrations) };

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest(db: Db): Promise<string[]> {
  const migrator = new Migrator({
    db,
    provider,
    migrationTableName: 'schema_migrations',
    migrationLockTableName: 'schema_migrations_lock',
  });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((r) => r.status === 'Error');
  if (error || failed) {
    const cause = error instanceof Error ? error : new Error(String(error));
    throw new Error(`migration ${failed?.migrationName ?? '(unknown)'} failed: ${cause.message}`, {
      cause,
    });
  }
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
