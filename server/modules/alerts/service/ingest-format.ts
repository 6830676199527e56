import {
  AlertIn,
  MAX_BATCH,
  type IngestFormat,
  type IngestResult,
} from '../../../../contract/alerts.ts';
import type { Ctx } from '../../../context.ts';
import { forbidden, invalidInput } from '../../../lib/errors.ts';
import { canIngestAlerts } from '../alerts.policy.ts';
import { elasticDocuments, fromElastic } from '../formats/elastic.ts';
import { fromGeneric, genericDocuments } from '../formats/generic.ts';
import { fromGraph, graphDocuments } from '../formats/graph.ts';
import { fromOcsf, ocsfDocuments } from '../formats/ocsf.ts';
import type { Doc } from '../formats/read.ts';
import type { CorrelationLimits } from './correlate.ts';
import { ingestAlerts } from './ingest-alerts.ts';
import { loadMapping } from './mappings.ts';

type Adapter = { documents: (body: unknown) => Doc[]; read: (doc: Doc, source: string) => unknown };

async function adapterFor(ctx: Ctx, format: IngestFormat, source: string | undefined) {
  if (format !== 'generic') {
    const adapters: Record<Exclude<IngestFormat, 'generic'>, Adapter> = {
      ocsf: { documents: ocsfDocuments, read: fromOcsf },
      graph: { documents: graphDocuments, read: fromGraph },
      elastic: { documents: elasticDocuments, read: fromElastic },
    };
    return { adapter: adapters[format], source: source ?? format };
  }
  const mapping = source ? await loadMapping(ctx.db, ctx.actor.workspaceId, source) : undefined;
  if (!source || !mapping)
    throw invalidInput('Name a source that has a stored mapping', [
      {
        path: 'query.source',
        message: source ? 'no mapping for this source' : 'required for generic',
      },
    ]);
  const adapter: Adapter = {
    documents: genericDocuments,
    read: (doc, src) => fromGeneric(doc, src, mapping),
  };
  return { adapter, source };
}

/**
 * Reads a body in another product's format into our alerts and ingests them like POST /alerts:
 * any document that does not make a valid alert refuses the whole body, one detail per problem
 * (`body.alerts.3.severity`, in our field names). Throws forbidden without alerts.ingest.
 */
export async function ingestFormat(
  ctx: Ctx,
  format: IngestFormat,
  sourceParam: string | undefined,
  body: unknown,
  settings: CorrelationLimits,
): Promise<IngestResult> {
  if (!canIngestAlerts(ctx.actor)) throw forbidden();
  const { adapter, source } = await adapterFor(ctx, format, sourceParam);
  const documents = adapter.documents(body);
  if (documents.length === 0 || documents.length > MAX_BATCH)
    throw invalidInput(`Send between 1 and ${MAX_BATCH} ${format} documents`, [
      { path: 'body', message: `found ${documents.length} documents` },
    ]);
  const alerts: AlertIn[] = [];
  const problems: Array<{ path: string; message: string; code: string }> = [];
  documents.forEach((doc, i) => {
    const parsed = AlertIn.safeParse(adapter.read(doc, source));
    if (parsed.success) alerts.push(parsed.data);
    else
      for (const issue of parsed.error.issues)
        problems.push({
          path: ['body', 'alerts', i, ...issue.path].map(String).join('.'),
          message: issue.message,
          code: issue.code,
        });
  });
  if (problems.length > 0)
    throw invalidInput(
      `${problems.length} problem(s) in the ${format} documents; nothing was stored`,
      problems,
    );
  return ingestAlerts(ctx, alerts, settings);
}
