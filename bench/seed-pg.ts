import pg from 'pg';
import { chainAudits, type ChainHead } from './audit-chain.ts';
import type { Dataset } from './dataset.ts';
import { BATCH, SEEDED_TABLES, type SeedTimings } from './seed.ts';

type Column = [name: string, type: string];

const caseColumns: Column[] = [
  ['id', 'int4'],
  ['workspace_id', 'int4'],
  ['number', 'int4'],
  ['title', 'text'],
  ['description', 'text'],
  ['priority', 'text'],
  ['priority_rank', 'int4'],
  ['status_id', 'int4'],
  ['status_category', 'text'],
  ['assignee_id', 'int4'],
  ['due_at', 'timestamptz'],
  ['tags', 'text'],
  ['created_at', 'timestamptz'],
  ['created_by', 'int4'],
  ['updated_at', 'timestamptz'],
  ['updated_by', 'int4'],
  ['version', 'int4'],
  ['resolution_classification', 'text'],
  ['resolution_reason', 'text'],
  ['resolved_at', 'timestamptz'],
  ['resolved_by', 'int4'],
  ['task_total', 'int4'],
  ['task_open', 'int4'],
  ['comment_count', 'int4'],
];
const taskColumns: Column[] = [
  ['id', 'int4'],
  ['workspace_id', 'int4'],
  ['case_id', 'int4'],
  ['title', 'text'],
  ['description', 'text'],
  ['status', 'text'],
  ['priority', 'text'],
  ['owner_id', 'int4'],
  ['due_at', 'timestamptz'],
  ['closing_note', 'text'],
  ['created_at', 'timestamptz'],
  ['created_by', 'int4'],
  ['updated_at', 'timestamptz'],
  ['updated_by', 'int4'],
  ['completed_at', 'timestamptz'],
  ['version', 'int4'],
];
const commentColumns: Column[] = [
  ['id', 'int4'],
  ['workspace_id', 'int4'],
  ['case_id', 'int4'],
  ['body', 'text'],
  ['format', 'text'],
  ['created_at', 'timestamptz'],
  ['author_id', 'int4'],
];
const docColumns: Column[] = [
  ['id', 'int4'],
  ['workspace_id', 'int4'],
  ['case_id', 'int4'],
  ['kind', 'text'],
  ['ref_id', 'int4'],
  ['body', 'text'],
];
const auditColumns: Column[] = [
  ['workspace_id', 'int4'],
  ['seq', 'int4'],
  ['occurred_at', 'timestamptz'],
  ['actor_id', 'int4'],
  ['actor_name', 'text'],
  ['action', 'text'],
  ['target_type', 'text'],
  ['target_id', 'text'],
  ['case_id', 'int4'],
  ['before', 'text'],
  ['after', 'text'],
  ['prev_hash', 'text'],
  ['hash', 'text'],
];

/** One multi-row INSERT per table and batch: each column travels as one array parameter. */
async function insertRows(
  client: pg.Client,
  table: string,
  columns: Column[],
  rows: unknown[][],
): Promise<void> {
  if (rows.length === 0) return;
  const arrays = columns.map((_, i) => rows.map((r) => r[i]));
  const names = columns.map(([n]) => n).join(', ');
  const params = columns.map(([, t], i) => `$${i + 1}::${t}[]`).join(', ');
  await client.query(`insert into ${table} (${names}) select * from unnest(${params})`, arrays);
}

/** Builds the indexes on a few connections at once, the slow GIN index first. */
async function buildIndexes(url: string, defs: string[]): Promise<void> {
  const queue = [...defs].sort((a, b) => Number(b.includes('gin')) - Number(a.includes('gin')));
  const lane = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`set maintenance_work_mem = '512MB'`);
      for (let def = queue.shift(); def; def = queue.shift()) await client.query(def);
    } finally {
      await client.end();
    }
  };
  await Promise.all([lane(), lane(), lane()]);
}

/**
 * Bulk-loads the dataset into PostgreSQL with array-parameter INSERTs, secondary indexes
 * dropped during the load and rebuilt after it, foreign-key triggers off for the session
 * (the generator keeps every reference valid), then VACUUM ANALYZE.
 */
export async function seedPostgres(
  url: string,
  data: Dataset,
  workspaceId: number,
): Promise<SeedTimings> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`set synchronous_commit = off`);
    await client.query(`set maintenance_work_mem = '1GB'`);
    await client.query(`set session_replication_role = replica`);
    const { rows: deferred } = await client.query<{ name: string; def: string }>(
      `select i.relname as name, pg_get_indexdef(i.oid) as def
       from pg_index x
       join pg_class i on i.oid = x.indexrelid
       join pg_class t on t.oid = x.indrelid
       where t.relname = any($1) and t.relnamespace = 'public'::regnamespace
         and not exists (select 1 from pg_constraint c where c.conindid = i.oid)`,
      [SEEDED_TABLES],
    );
    for (const d of deferred) await client.query(`drop index ${d.name}`);

    const { rows: heads } = await client.query<ChainHead>(
      'select seq, hash from audit_heads where workspace_id = $1',
      [workspaceId],
    );
    const head = heads[0]!;
    const ws = workspaceId;
    const t0 = performance.now();
    for (let from = 0; from < data.total; from += BATCH) {
      const b = data.batch(from, Math.min(data.total, from + BATCH));
      const audits = chainAudits(b.audits, head);
      await client.query('begin');
      await insertRows(
        client,
        'cases',
        caseColumns,
        b.cases.map((c) => [
          c.id,
          ws,
          c.number,
          c.title,
          c.description,
          c.priority,
          c.priorityRank,
          c.statusId,
          c.statusCategory,
          c.assigneeId,
          c.dueAt,
          c.tags,
          c.createdAt,
          c.createdBy,
          c.updatedAt,
          c.updatedBy,
          c.version,
          c.resolutionClassification,
          c.resolutionReason,
          c.resolvedAt,
          c.resolvedBy,
          c.taskTotal,
          c.taskOpen,
          c.commentCount,
        ]),
      );
      await insertRows(
        client,
        'tasks',
        taskColumns,
        b.tasks.map((t) => [
          t.id,
          ws,
          t.caseId,
          t.title,
          t.description,
          t.status,
          t.priority,
          t.ownerId,
          t.dueAt,
          t.closingNote,
          t.createdAt,
          t.createdBy,
          t.updatedAt,
          t.updatedBy,
          t.completedAt,
          1,
        ]),
      );
      await insertRows(
        client,
        'comments',
        commentColumns,
        b.comments.map((c) => [c.id, ws, c.caseId, c.body, 'plain', c.createdAt, c.authorId]),
      );
      await insertRows(
        client,
        'search_docs',
        docColumns,
        b.docs.map((d) => [d.id, ws, d.caseId, d.kind, d.refId, d.body]),
      );
      await insertRows(
        client,
        'audit_events',
        auditColumns,
        audits.map((a) => [
          ws,
          a.seq,
          a.occurredAt,
          a.actorId,
          a.actorName,
          a.action,
          a.targetType,
          a.targetId,
          a.caseId,
          a.before,
          a.after,
          a.prevHash,
          a.hash,
        ]),
      );
      await client.query('commit');
    }
    await client.query('update audit_heads set seq = $1, hash = $2 where workspace_id = $3', [
      head.seq,
      head.hash,
      ws,
    ]);
    await client.query('update workspaces set next_case_number = $1 where id = $2', [
      1000 + data.total,
      ws,
    ]);
    for (const table of ['cases', 'tasks', 'comments', 'search_docs']) {
      await client.query(
        `select setval(pg_get_serial_sequence('${table}', 'id'), (select max(id) from ${table}))`,
      );
    }
    await client.query(`set session_replication_role = origin`);
    const t1 = performance.now();
    await buildIndexes(
      url,
      deferred.map((d) => d.def),
    );
    const t2 = performance.now();
    // Autovacuum would do this in a real deployment; here it sets the visibility map (for
    // index-only scans) and the planner statistics before we measure.
    await client.query(`vacuum (analyze) ${SEEDED_TABLES.join(', ')}`);
    const t3 = performance.now();
    return { loadMs: t1 - t0, indexMs: t2 - t1, analyzeMs: t3 - t2 };
  } finally {
    await client.end();
  }
}
