import { sql, type Kysely } from 'kysely';
import { columnTypes } from './columns.ts';

/* eslint-disable @typescript-eslint/no-explicit-any -- migrations are written against an untyped schema */
type AnyDb = Kysely<any>;

/** Workspaces, accounts, sessions, tokens, roles, statuses, cases, tasks, comments, audit, search. */
export async function up(db: AnyDb): Promise<void> {
  const { pg, time, id, idCol } = columnTypes(db);

  await db.schema
    .createTable('workspaces')
    .addColumn('id', id, idCol)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull().unique())
    .addColumn('next_case_number', 'integer', (c) => c.notNull().defaultTo(1000))
    .addColumn('created_at', time, (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('audit_heads')
    .addColumn('workspace_id', 'integer', (c) => c.primaryKey().references('workspaces.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('roles')
    .addColumn('id', id, idCol)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('permissions', 'text', (c) => c.notNull())
    .addColumn('builtin', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addUniqueConstraint('roles_workspace_key', ['workspace_id', 'key'])
    .execute();

  await db.schema
    .createTable('accounts')
    .addColumn('id', id, idCol)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('role_key', 'text', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addUniqueConstraint('accounts_workspace_email', ['workspace_id', 'email'])
    .execute();
  await db.schema.createIndex('accounts_email').on('accounts').column('email').execute();

  await db.schema
    .createTable('sessions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('csrf_token', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('expires_at', time, (c) => c.notNull())
    .execute();
  await db.schema.createIndex('sessions_account').on('sessions').column('account_id').execute();

  await db.schema
    .createTable('api_tokens')
    .addColumn('id', id, idCol)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('last_used_at', time)
    .addColumn('revoked_at', time)
    .execute();
  await db.schema.createIndex('api_tokens_account').on('api_tokens').column('account_id').execute();

  await db.schema
    .createTable('case_statuses')
    .addColumn('id', id, idCol)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('sort_order', 'integer', (c) => c.notNull())
    .addColumn('color', 'text', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('retired', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('updated_at', time, (c) => c.notNull())
    .addUniqueConstraint('case_statuses_workspace_name', ['workspace_id', 'name'])
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', id, idCol)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('number', 'integer', (c) => c.notNull())
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('priority_rank', 'integer', (c) => c.notNull())
    .addColumn('status_id', 'integer', (c) => c.notNull().references('case_statuses.id'))
    .addColumn('status_category', 'text', (c) => c.notNull())
    .addColumn('assignee_id', 'integer', (c) => c.references('accounts.id'))
    .addColumn('due_at', time)
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('accounts.id'))
    .addColumn('updated_at', time, (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('accounts.id'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('resolution_classification', 'text')
    .addColumn('resolution_reason', 'text')
    .addColumn('resolved_at', time)
    .addColumn('resolved_by', 'integer', (c) => c.references('accounts.id'))
    .addColumn('task_total', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('task_open', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('comment_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('cases_workspace_number', ['workspace_id', 'number'])
    .execute();
  // The queue's access paths: every sort key with its id tie-breaker, by category and assignee.
  const caseIndexes: Array<[string, string[]]> = [
    ['cases_updated', ['workspace_id', 'updated_at', 'id']],
    ['cases_created', ['workspace_id', 'created_at', 'id']],
    ['cases_due', ['workspace_id', 'due_at', 'id']],
    ['cases_priority', ['workspace_id', 'priority_rank', 'id']],
    ['cases_category_updated', ['workspace_id', 'status_category', 'updated_at', 'id']],
    ['cases_category_priority', ['workspace_id', 'status_category', 'priority_rank', 'id']],
    ['cases_category_due', ['workspace_id', 'status_category', 'due_at', 'id']],
    ['cases_status_updated', ['workspace_id', 'status_id', 'updated_at', 'id']],
    [
      'cases_assignee_updated',
      ['workspace_id', 'assignee_id', 'status_category', 'updated_at', 'id'],
    ],
    [
      'cases_assignee_priority',
      ['workspace_id', 'assignee_id', 'status_category', 'priority_rank', 'id'],
    ],
  ];
  for (const [name, columns] of caseIndexes) {
    await db.schema.createIndex(name).on('cases').columns(columns).execute();
  }

  await db.schema
    .createTable('tasks')
    .addColumn('id', id, idCol)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('priority', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'integer', (c) => c.references('accounts.id'))
    .addColumn('due_at', time)
    .addColumn('closing_note', 'text')
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('created_by', 'integer', (c) => c.references('accounts.id'))
    .addColumn('updated_at', time, (c) => c.notNull())
    .addColumn('updated_by', 'integer', (c) => c.references('accounts.id'))
    .addColumn('completed_at', time)
    .addColumn('version', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('tasks_case').on('tasks').columns(['case_id', 'id']).execute();
  await db.schema.createIndex('tasks_owner').on('tasks').columns(['owner_id', 'status']).execute();

  await db.schema
    .createTable('comments')
    .addColumn('id', id, idCol)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('format', 'text', (c) => c.notNull())
    .addColumn('created_at', time, (c) => c.notNull())
    .addColumn('author_id', 'integer', (c) => c.references('accounts.id'))
    .execute();
  await db.schema
    .createIndex('comments_case')
    .on('comments')
    .columns(['case_id', 'created_at', 'id'])
    .execute();

  await db.schema
    .createTable('case_contributors')
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('account_id', 'integer', (c) => c.notNull().references('accounts.id'))
    .addColumn('added_at', time, (c) => c.notNull())
    .addColumn('added_by', 'integer', (c) => c.references('accounts.id'))
    .addPrimaryKeyConstraint('case_contributors_pk', ['case_id', 'account_id'])
    .execute();
  await db.schema
    .createIndex('case_contributors_account')
    .on('case_contributors')
    .columns(['account_id', 'case_id'])
    .execute();

  await db.schema
    .createTable('audit_events')
    .addColumn('id', id, idCol)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('occurred_at', time, (c) => c.notNull())
    .addColumn('actor_id', 'integer')
    .addColumn('actor_name', 'text', (c) => c.notNull())
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('target_type', 'text', (c) => c.notNull())
    .addColumn('target_id', 'text', (c) => c.notNull())
    .addColumn('case_id', 'integer')
    .addColumn('before', 'text')
    .addColumn('after', 'text')
    .addColumn('prev_hash', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addUniqueConstraint('audit_events_workspace_seq', ['workspace_id', 'seq'])
    .execute();
  await db.schema
    .createIndex('audit_events_case')
    .on('audit_events')
    .columns(['case_id', 'occurred_at', 'id'])
    .execute();

  await db.schema
    .createTable('search_docs')
    .addColumn('id', id, idCol)
    .addColumn('workspace_id', 'integer', (c) => c.notNull().references('workspaces.id'))
    .addColumn('case_id', 'integer', (c) => c.notNull().references('cases.id'))
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('ref_id', 'integer', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('search_docs_ref')
    .on('search_docs')
    .columns(['kind', 'ref_id'])
    .execute();

  if (pg) {
    await sql`create index search_docs_fts on search_docs using gin (to_tsvector('simple', body))`.execute(
      db,
    );
  } else {
    // An external-content FTS5 index over search_docs, kept in step by triggers.
    await sql`create virtual table search_fts using fts5(body, content='search_docs', content_rowid='id', tokenize='unicode61 remove_diacritics 2')`.execute(
      db,
    );
    await sql`create trigger search_docs_ai after insert on search_docs begin
      insert into search_fts(rowid, body) values (new.id, new.body); end`.execute(db);
    await sql`create trigger search_docs_ad after delete on search_docs begin
      insert into search_fts(search_fts, rowid, body) values ('delete', old.id, old.body); end`.execute(
      db,
    );
    await sql`create trigger search_docs_au after update on search_docs begin
      insert into search_fts(search_fts, rowid, body) values ('delete', old.id, old.body);
      insert into search_fts(rowid, body) values (new.id, new.body); end`.execute(db);
  }
}
