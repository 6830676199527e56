import type { Insertable } from 'kysely';
import type { Db } from '../../db/connection.ts';
import { bulkInsert } from '../../db/bulk-insert.ts';
import { updateManyById } from '../../db/bulk.ts';
import { holdsText, jsonObjectsHoldText } from '../../db/dialect.ts';
import { keysetPage, type Keyset, type KeyValue } from '../../db/keyset.ts';
import type { EvidenceCustodyTable, EvidenceItemsTable } from '../../db/schema.ts';
import { custodyHash, type CustodyFields } from './custody.ts';

const itemColumns = [
  'evidenceItems.id',
  'evidenceItems.caseId',
  'evidenceItems.kind',
  'evidenceItems.name',
  'evidenceItems.sha256',
  'evidenceItems.sizeBytes',
  'evidenceItems.claimedType',
  'evidenceItems.detectedType',
  'evidenceItems.note',
  'evidenceItems.parentId',
  'evidenceItems.acquiredAt',
  'evidenceItems.acquisitionMethod',
  'evidenceItems.capturedAt',
  'evidenceItems.activityId',
  'evidenceItems.alertId',
  'evidenceItems.addedBy',
  'evidenceItems.addedAt',
  'evidenceItems.removedAt',
  'evidenceItems.removedBy',
  'evidenceItems.removalReason',
  'evidenceItems.custodySeq',
  'evidenceItems.custodyHead',
  'adder.name as addedByName',
  'remover.name as removedByName',
  'msg.status as messageStatus',
  'msg.mailFrom as messageFrom',
  'msg.subject as messageSubject',
  'msg.sentAt as messageSentAt',
  'thumb.status as thumbnailStatus',
] as const;

/** An item with who added and removed it, and what the content jobs made of it. */
const items = (db: Db, ws: number) =>
  db
    .selectFrom('evidenceItems')
    .innerJoin('accounts as adder', 'adder.id', 'evidenceItems.addedBy')
    .leftJoin('accounts as remover', 'remover.id', 'evidenceItems.removedBy')
    .leftJoin('evidenceMessages as msg', (j) =>
      j
        .onRef('msg.workspaceId', '=', 'evidenceItems.workspaceId')
        .onRef('msg.evidenceId', '=', 'evidenceItems.id'),
    )
    .leftJoin('evidenceThumbnails as thumb', (j) =>
      j
        .onRef('thumb.workspaceId', '=', 'evidenceItems.workspaceId')
        .onRef('thumb.evidenceId', '=', 'evidenceItems.id'),
    )
    .select(itemColumns)
    .select((eb) =>
      eb
        .selectFrom('evidenceMessageAttachments as att')
        .select(eb.fn.countAll<number>().as('n'))
        .whereRef('att.workspaceId', '=', 'evidenceItems.workspaceId')
        .whereRef('att.evidenceId', '=', 'evidenceItems.id')
        .as('attachmentCount'),
    )
    .where('evidenceItems.workspaceId', '=', ws);

export type EvidenceRow = NonNullable<Awaited<ReturnType<typeof findItem>>>;

/** An evidence item of the case, or undefined (also when it belongs to another case). */
export const findItem = (db: Db, ws: number, caseId: number, id: number) =>
  items(db, ws)
    .where('evidenceItems.caseId', '=', caseId)
    .where('evidenceItems.id', '=', id)
    .executeTakeFirst();

export interface ItemFilter {
  kinds?: string[] | undefined;
  /** A detected type, or a prefix ending in `/`. */
  type?: string | undefined;
  words?: string[];
  removed: 'true' | 'false' | 'any';
  /** E-mails whose From, or To or Cc, name or address holds this. */
  from?: string | undefined;
  to?: string | undefined;
  subject?: string | undefined;
  hasAttachments?: boolean | undefined;
  /** By the item's date: sent for e-mails, captured for captures, else added. */
  dateFrom?: string | undefined;
  dateTo?: string | undefined;
  minSize?: number | undefined;
  maxSize?: number | undefined;
}

const mailbox = ['name', 'address'] as const;

export const evidenceKeys: Keyset = {
  columns: ['evidenceItems.addedAt', 'evidenceItems.id'],
  kinds: ['time', 'int'],
  order: 'desc',
};

/** A page of the case's evidence items, newest first. */
export function listItems(
  db: Db,
  ws: number,
  caseId: number,
  f: ItemFilter,
  after: readonly KeyValue[] | undefined,
  limit: number,
) {
  let q = items(db, ws).where('evidenceItems.caseId', '=', caseId);
  if (f.kinds?.length) q = q.where('evidenceItems.kind', 'in', f.kinds);
  if (f.type?.endsWith('/'))
    q = q.where('evidenceItems.detectedType', 'like', `${f.type.replace(/[%_\\]/g, '')}%`);
  else if (f.type) q = q.where('evidenceItems.detectedType', '=', f.type);
  if (f.removed === 'false') q = q.where('evidenceItems.removedAt', 'is', null);
  if (f.removed === 'true') q = q.where('evidenceItems.removedAt', 'is not', null);
  if (f.from) q = q.where(jsonObjectsHoldText(db, 'msg.mailFrom', mailbox, f.from));
  if (f.to) {
    const to = f.to;
    q = q.where((eb) =>
      eb.or([
        jsonObjectsHoldText(db, 'msg.mailTo', mailbox, to),
        jsonObjectsHoldText(db, 'msg.mailCc', mailbox, to),
      ]),
    );
  }
  if (f.subject) q = q.where(holdsText(db, 'msg.subject', f.subject, { ignoreCase: true }));
  if (f.hasAttachments !== undefined) {
    const wanted = f.hasAttachments;
    q = q.where('msg.status', '=', 'parsed').where((eb) => {
      const attached = eb.exists(
        eb
          .selectFrom('evidenceMessageAttachments as att')
          .select('att.idx')
          .whereRef('att.workspaceId', '=', 'evidenceItems.workspaceId')
          .whereRef('att.evidenceId', '=', 'evidenceItems.id'),
      );
      return wanted ? attached : eb.not(attached);
    });
  }
  for (const [bound, op] of [
    [f.dateFrom, '>='],
    [f.dateTo, '<='],
  ] as const)
    if (bound)
      q = q.where((eb) =>
        eb(
          eb.fn.coalesce('msg.sentAt', 'evidenceItems.capturedAt', 'evidenceItems.addedAt'),
          op,
          bound,
        ),
      );
  if (f.minSize !== undefined) q = q.where('evidenceItems.sizeBytes', '>=', f.minSize);
  if (f.maxSize !== undefined) q = q.where('evidenceItems.sizeBytes', '<=', f.maxSize);
  for (const word of f.words ?? [])
    q = q.where((eb) =>
      eb.or([
        holdsText(db, 'evidenceItems.name', word, { ignoreCase: true }),
        holdsText(db, 'evidenceItems.note', word, { ignoreCase: true }),
      ]),
    );
  return keysetPage(q, evidenceKeys, after, limit).execute();
}

type NewItem = Omit<Insertable<EvidenceItemsTable>, 'custodySeq' | 'custodyHead'>;

/** Stores a new item with an empty custody log (its head the item's SHA-256); answers its id. */
export async function insertItem(db: Db, row: NewItem): Promise<number> {
  return (await insertItemRow(db, row)).id;
}

/** Stores a new item as `insertItem` does; answers its row as the database holds it. */
export const insertItemRow = (db: Db, row: NewItem) =>
  db
    .insertInto('evidenceItems')
    .values({ ...row, custodySeq: 0, custodyHead: row.sha256 })
    .returningAll()
    .executeTakeFirstOrThrow();

/** A custody entry to append: its place in the log (seq, prevHash) is the log's to give. */
export type NewCustody = Omit<CustodyFields, 'seq' | 'prevHash'>;
export type StoredCustody = CustodyFields & { hash: string };
/** Where an item's custody log ends: its last seq and hash (0 and the item's SHA-256 when empty). */
export interface CustodyHead {
  seq: number;
  hash: string;
}

/** The entries chained after `head`, in order: each one's seq, prevHash and hash. Pure. */
function chainAfter(head: CustodyHead, entries: readonly NewCustody[]): StoredCustody[] {
  let { seq, hash } = head;
  return entries.map((entry) => {
    const fields: CustodyFields = { ...entry, seq: (seq += 1), prevHash: hash };
    hash = custodyHash(fields);
    return { ...fields, hash };
  });
}

/**
 * Appends entries to one item's custody log, in order; answers them as stored. With `known`,
 * the head as last read (a new item's: seq 0 and its SHA-256), the item's head moves only if it
 * is still that one, and the entries follow: two statements. Otherwise, and when another append
 * moved the head meanwhile, the item row is updated first (its seq raised), which takes its row
 * lock on PostgreSQL: concurrent appends to one item queue up, so each reads the head the last
 * one wrote. Either way an entry never follows anything but the head it was hashed after.
 */
export async function appendCustodyEntries(
  db: Db,
  entries: readonly NewCustody[],
  known?: CustodyHead,
): Promise<StoredCustody[]> {
  const first = entries[0];
  if (!first) return [];
  const ws = first.workspaceId;
  const id = first.evidenceId;
  if (entries.some((e) => e.workspaceId !== ws || e.evidenceId !== id))
    throw new Error('appendCustodyEntries: entries of one item only');
  const item = () =>
    db.updateTable('evidenceItems').where('workspaceId', '=', ws).where('id', '=', id);
  if (known) {
    const chained = chainAfter(known, entries);
    const moved = await item()
      .set({ custodySeq: known.seq + entries.length, custodyHead: chained.at(-1)!.hash })
      .where('custodySeq', '=', known.seq)
      .where('custodyHead', '=', known.hash)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) === 1) {
      await db.insertInto('evidenceCustody').values(chained).execute();
      return chained;
    }
  }
  const head = await item()
    .set((eb) => ({ custodySeq: eb('custodySeq', '+', entries.length) }))
    .returning(['custodySeq', 'custodyHead'])
    .executeTakeFirstOrThrow();
  const chained = chainAfter(
    { seq: head.custodySeq - entries.length, hash: head.custodyHead },
    entries,
  );
  await db.insertInto('evidenceCustody').values(chained).execute();
  await item()
    .set({ custodyHead: chained.at(-1)!.hash })
    .execute();
  return chained;
}

/** Appends one entry to an item's custody log (see appendCustodyEntries); answers it as stored. */
export async function appendCustody(
  db: Db,
  entry: NewCustody,
  known?: CustodyHead,
): Promise<StoredCustody> {
  const [stored] = await appendCustodyEntries(db, [entry], known);
  return stored!;
}

const custodyColumns = [
  ['workspace_id', 'integer'],
  ['evidence_id', 'integer'],
  ['seq', 'integer'],
  ['action', 'text'],
  ['actor_id', 'integer'],
  ['actor_name', 'text'],
  ['at', 'time'],
  ['address', 'text'],
  ['purpose', 'text'],
  ['details', 'text'],
  ['prev_hash', 'text'],
  ['hash', 'text'],
] as const;

/**
 * Appends one entry to each of many items whose heads this transaction holds locked (taken by
 * `lockCustodyHeads`, so none can move): every entry in one insert, every head in one update,
 * instead of three statements per item. Each entry is chained after its item's head exactly as
 * `appendCustody` would chain it.
 */
export async function appendCustodyToLocked(
  db: Db,
  appends: ReadonlyArray<{ entry: NewCustody; head: CustodyHead }>,
): Promise<StoredCustody[]> {
  const stored = appends.map(({ entry, head }) => chainAfter(head, [entry])[0]!);
  if (stored.length === 0) return stored;
  await bulkInsert(
    db,
    { table: 'evidence_custody', columns: custodyColumns, onConflict: '' },
    stored.map((e) => [
      e.workspaceId,
      e.evidenceId,
      e.seq,
      e.action,
      e.actorId,
      e.actorName,
      e.at,
      e.address,
      e.purpose,
      e.details,
      e.prevHash,
      e.hash,
    ]),
  );
  await updateManyById(
    db,
    'evidence_items',
    { custody_seq: 'integer', custody_head: 'text' },
    stored.map((e) => ({ id: e.evidenceId, values: { custody_seq: e.seq, custody_head: e.hash } })),
  );
  return stored;
}

/** An item's custody log, oldest first. */
export const listCustody = (db: Db, ws: number, evidenceId: number) =>
  db
    .selectFrom('evidenceCustody')
    .selectAll()
    .where('workspaceId', '=', ws)
    .where('evidenceId', '=', evidenceId)
    .orderBy('seq')
    .execute();

export type CustodyRow = Insertable<EvidenceCustodyTable>;

/** Marks an item removed (a tombstone: the row and its bytes stay). */
export const markRemoved = (
  db: Db,
  ws: number,
  id: number,
  by: number,
  at: string,
  reason: string,
) =>
  db
    .updateTable('evidenceItems')
    .set({ removedAt: at, removedBy: by, removalReason: reason })
    .where('workspaceId', '=', ws)
    .where('id', '=', id)
    .where('removedAt', 'is', null)
    .executeTakeFirst();
