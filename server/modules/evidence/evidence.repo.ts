import type { Insertable } from 'kysely';
import type { Db } from '../../db/connection.ts';
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

/** Stores a new item with an empty custody log (its head the item's SHA-256); answers its id. */
export async function insertItem(
  db: Db,
  row: Omit<Insertable<EvidenceItemsTable>, 'custodySeq' | 'custodyHead'>,
): Promise<number> {
  const { id } = await db
    .insertInto('evidenceItems')
    .values({ ...row, custodySeq: 0, custodyHead: row.sha256 })
    .returning('id')
    .executeTakeFirstOrThrow();
  return id;
}

/**
 * Appends an entry to an item's custody log. The item row is updated first (its seq raised),
 * which takes its row lock on PostgreSQL: concurrent appends to one item queue up, so each
 * reads the head the last one wrote. Answers the entry as stored.
 */
export async function appendCustody(
  db: Db,
  entry: Omit<CustodyFields, 'seq' | 'prevHash'>,
): Promise<CustodyFields & { hash: string }> {
  const head = await db
    .updateTable('evidenceItems')
    .set((eb) => ({ custodySeq: eb('custodySeq', '+', 1) }))
    .where('workspaceId', '=', entry.workspaceId)
    .where('id', '=', entry.evidenceId)
    .returning(['custodySeq', 'custodyHead'])
    .executeTakeFirstOrThrow();
  const fields: CustodyFields = { ...entry, seq: head.custodySeq, prevHash: head.custodyHead };
  const stored = { ...fields, hash: custodyHash(fields) };
  await db.insertInto('evidenceCustody').values(stored).execute();
  await db
    .updateTable('evidenceItems')
    .set({ custodyHead: stored.hash })
    .where('workspaceId', '=', entry.workspaceId)
    .where('id', '=', entry.evidenceId)
    .execute();
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
