import type { Kysely } from 'kysely';
import { columnTypes } from './columns.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */
type AnyDb = Kysely<any>;

/**
 * Reveals of pseudonymised subjects: an account saw one subject's identity, for one case, with
 * a reason, until `expires_at` (or until it ended the reveal itself). Rows are kept after they
 * expire: they are the record of who saw whom and why. Read by account and expiry on every
 * request of a pseudonymised workspace.
 */
export async function up(db: AnyDb): Promise<void> {
  const { time, id, idCol } = columnTypes(db);
  await db.schema
    .createTable('subject_reveals')
    .addColumn('id', id, idCol)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('subject_id', 'integer', (c) => c.notNull().references('subjects.id'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('justification', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('expires_at', time, (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('subject_reveals_account')
    .on('subject_reveals')
    .columns(['workspace_id', 'account_id', 'expires_at'])
    .execute();
  await db.schema
    .createIndex('subject_reveals_case')
    .on('subject_reveals')
    .columns(['workspace_id', 'case_id', 'created_at'])
    .execute();
}
