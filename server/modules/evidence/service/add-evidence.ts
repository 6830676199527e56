import type { EvidenceItem, EvidenceUploadFields } from '../../../../contract/evidence.ts';
import type { Readable } from 'node:stream';
import type { Ctx } from '../../../context.ts';
import { inTransaction } from '../../../events/index.ts';
import { AppError, invalidInput } from '../../../lib/errors.ts';
import {
  BlobTooLarge,
  DigestMismatch,
  EmptyBlob,
  StoreFull,
  type BlobStore,
  type StoredBlob,
} from '../../../storage/blob-store.ts';
import { detectType, HEAD_BYTES, kindOf } from '../detect-type.ts';
import { presentEvidence } from '../evidence.presenter.ts';
import * as repo from '../evidence.repo.ts';
import { activityExists } from '../../activities/index.ts';
import { findAlertRefs } from '../../alerts/index.ts';
import { queueContentWork } from '../content-work.ts';
import { loadEvidenceCase } from './evidence-case.ts';
import { custodyActor } from './evidence-io.ts';

/** An uploaded file as the HTTP edge hands it over, before a byte of it is read. */
export interface IncomingFile {
  stream: Readable;
  filename: string | undefined;
  claimedType: string | undefined;
  expectedSha256: string | undefined;
}

export interface EvidenceLimits {
  maxBytes: number;
}

/** A client's file name as stored: any text, but NUL (which no text column takes) shown as ␀. */
const storedName = (name: string) => name.replaceAll('\u0000', '\u2400');

/** What a failed put means to the sender. */
function uploadError(error: unknown, limits: EvidenceLimits): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof BlobTooLarge)
    return new AppError('too_large', `The file is larger than ${limits.maxBytes} bytes`);
  if (error instanceof EmptyBlob) return invalidInput('The file is empty: nothing was stored');
  if (error instanceof DigestMismatch)
    return new AppError(
      'unprocessable',
      'The bytes received do not have the SHA-256 announced: nothing was stored',
      { expected: error.expected, actual: error.actual },
    );
  if (error instanceof StoreFull)
    return new AppError(
      'insufficient_storage',
      'The evidence store is full: nothing was stored. Ask an administrator to free space.',
    );
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ECONNRESET' || code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ABORT_ERR')
    return invalidInput('The upload was cut off before its end: nothing was stored');
  return error;
}

/** The file of an upload and its fields, read from the request only once the case is checked. */
export type OpenUpload = () => Promise<{ upload: IncomingFile; fields: EvidenceUploadFields }>;

/**
 * Stores an uploaded file as evidence of a case: the case checked before `open` reads a byte
 * of the request, the bytes streamed into the blob store and hashed on the way, their type
 * detected from them, then the item and its first custody entries (acquired, when the uploader
 * says how; added) in one transaction, audited. Throws not_found (no case, or no
 * evidence.manage), invalid_input (fields; empty or cut-off body), too_large, unprocessable
 * (digest), insufficient_storage, and what `open` throws; nothing is stored for any of them.
 */
export async function addEvidence(
  ctx: Ctx,
  number: number,
  open: OpenUpload,
  store: BlobStore,
  limits: EvidenceLimits,
): Promise<EvidenceItem> {
  const { row: c } = await loadEvidenceCase(ctx, number);
  const { upload, fields } = await open();
  const ws = ctx.actor.workspaceId;
  await requireLinks(ctx, fields);
  if ((upload.filename?.length ?? 0) > 1000)
    throw invalidInput('The file name is longer than 1,000 characters', [
      { path: 'fields.name', message: 'at most 1,000 characters' },
    ]);

  let blob: StoredBlob;
  try {
    blob = await store.put(upload.stream, {
      maxBytes: limits.maxBytes,
      // The type is told from the first bytes as they pass, not by reading the blob again.
      headBytes: HEAD_BYTES,
      ...(upload.expectedSha256 ? { expectedSha256: upload.expectedSha256 } : {}),
    });
  } catch (error) {
    upload.stream.resume();
    throw uploadError(error, limits);
  }
  const detectedType = await detectType(blob.head);
  const name = storedName(fields.name ?? upload.filename ?? `evidence-${blob.sha256.slice(0, 12)}`);
  const at = ctx.clock.now().toISOString();
  const actor = custodyActor(ctx);
  const stored = await inTransaction(ctx, async (tx, emit) => {
    const item = await repo.insertItemRow(tx, {
      workspaceId: ws,
      caseId: c.id,
      kind: fields.kind ?? kindOf(detectedType),
      name,
      sha256: blob.sha256,
      sizeBytes: blob.size,
      claimedType: upload.claimedType?.slice(0, 200) ?? null,
      detectedType,
      note: fields.note,
      parentId: null,
      acquiredAt: fields.acquiredAt ?? null,
      acquisitionMethod: fields.acquisitionMethod ?? null,
      capturedAt: fields.capturedAt ?? null,
      activityId: fields.activityId ?? null,
      alertId: fields.alertId ?? null,
      addedBy: ctx.actor.accountId,
      addedAt: at,
      removedAt: null,
      removedBy: null,
      removalReason: null,
    });
    const itemId = item.id;
    const kind = fields.kind ?? kindOf(detectedType);
    const pending = await queueContentWork(
      tx,
      { id: itemId, workspaceId: ws, kind, detectedType },
      new Date(at),
    );
    const entry = { ...actor, workspaceId: ws, evidenceId: itemId, at, purpose: null };
    // The item is new in this transaction: its log's head is its SHA-256, known without a read.
    const custody = await repo.appendCustodyEntries(
      tx,
      [
        ...(fields.acquiredAt || fields.acquisitionMethod
          ? [
              {
                ...entry,
                action: 'acquired',
                details: JSON.stringify({
                  acquiredAt: fields.acquiredAt ?? null,
                  method: fields.acquisitionMethod ?? null,
                }),
              },
            ]
          : []),
        {
          ...entry,
          action: 'added',
          details: JSON.stringify({
            name,
            sha256: blob.sha256,
            sizeBytes: blob.size,
            detectedType,
            claimedType: upload.claimedType ?? null,
          }),
        },
      ],
      { seq: 0, hash: blob.sha256 },
    );
    await emit('evidence.added', {
      targetId: itemId,
      caseId: c.id,
      after: {
        name,
        kind: fields.kind ?? kindOf(detectedType),
        sha256: blob.sha256,
        sizeBytes: blob.size,
        detectedType,
      },
    });
    // The item as the database holds it, its log's head moved, the adder the caller: what
    // reading it back after the commit would answer, without the read.
    const row: repo.EvidenceRow = {
      ...item,
      custodySeq: custody.length,
      custodyHead: custody.at(-1)!.hash,
      addedByName: ctx.actor.name,
      removedByName: null,
      // What the content jobs made of it: nothing yet, what was queued is pending.
      messageStatus: pending.message ? 'pending' : null,
      messageFrom: null,
      messageSubject: null,
      messageSentAt: null,
      thumbnailStatus: pending.thumbnail ? 'pending' : null,
      attachmentCount: 0,
    };
    return row;
  });
  return presentEvidence(stored, c.number);
}

/** The activity event and alert an upload names must be the workspace's own. */
async function requireLinks(ctx: Ctx, fields: EvidenceUploadFields): Promise<void> {
  const ws = ctx.actor.workspaceId;
  if (fields.activityId !== undefined && !(await activityExists(ctx.db, ws, fields.activityId)))
    throw invalidInput('No such activity event', [
      { path: 'fields.activityId', message: 'not an activity event of this workspace' },
    ]);
  if (
    fields.alertId !== undefined &&
    !(await findAlertRefs(ctx.db, ws, [fields.alertId], [])).ids.has(fields.alertId)
  )
    throw invalidInput('No such alert', [
      { path: 'fields.alertId', message: 'not an alert of this workspace' },
    ]);
}
