import type {
  EvidenceDetail,
  EvidencePage,
  ListEvidenceQuery,
} from '../../../../contract/evidence.ts';
import type { Ctx } from '../../../context.ts';
import { searchTerms } from '../../../db/dialect.ts';
import { pageOf, readCursor } from '../../../db/keyset.ts';
import { notFound } from '../../../lib/errors.ts';
import { brokenCustodyAt } from '../custody.ts';
import { presentCustody, presentEvidence } from '../evidence.presenter.ts';
import * as repo from '../evidence.repo.ts';
import { loadEvidenceCase } from './evidence-case.ts';

/** A page of the case's evidence, newest first, filtered. Throws not_found, invalid_input (cursor). */
export async function listEvidence(
  ctx: Ctx,
  number: number,
  q: ListEvidenceQuery,
): Promise<EvidencePage> {
  const { row: c } = await loadEvidenceCase(ctx, number);
  const after = readCursor(q.cursor, repo.evidenceKeys);
  const rows = await repo.listItems(
    ctx.db,
    ctx.actor.workspaceId,
    c.id,
    {
      kinds: q.kind,
      type: q.type,
      words: searchTerms(q.q ?? ''),
      removed: q.removed,
      from: q.from,
      to: q.to,
      subject: q.subject,
      hasAttachments: q.hasAttachments,
      dateFrom: q.dateFrom,
      dateTo: q.dateTo,
      minSize: q.minSize,
      maxSize: q.maxSize,
    },
    after,
    q.limit,
  );
  const { page, nextCursor } = pageOf(rows, q.limit, (r) => [r.addedAt, r.id]);
  return { items: page.map((r) => presentEvidence(r, c.number)), nextCursor };
}

/** One evidence item with its custody log and whether the log holds together. Throws not_found. */
export async function getEvidence(ctx: Ctx, number: number, id: number): Promise<EvidenceDetail> {
  const { row: c } = await loadEvidenceCase(ctx, number);
  const ws = ctx.actor.workspaceId;
  const item = await repo.findItem(ctx.db, ws, c.id, id);
  if (!item) throw notFound(`Evidence ${id} of case ${number}`);
  const custody = await repo.listCustody(ctx.db, ws, id);
  const broken = brokenCustodyAt(item.sha256, custody, {
    seq: item.custodySeq,
    hash: item.custodyHead,
  });
  return {
    ...presentEvidence(item, c.number),
    custody: custody.map(presentCustody),
    chainIntact: broken === null,
  };
}
