import {
  AlertIn,
  MAX_BATCH,
  type IngestFormat,
  type IngestResult,
} from '../../../../contract/alerts.ts';
import type { Ctx } from '../../../context.ts';
import { forbidden, invalidInput } from '../../../lib/errors.ts';
import { canIngestAlerts } from '../alerts.policy.ts';
import { elasticDocuments, elasticLooksFor, fromElastic } from '../formats/elastic.ts';
import { fromGeneric, genericDocuments } from '../formats/generic.ts';
import { fromGraph, graphDocuments, graphLooksFor } from '../formats/graph.ts';
import { fromOcsf, ocsfDocuments, ocsfLooksFor } from '../formats/ocsf.ts';
import { Refusal, type Doc } from '../formats/read.ts';
import type { CorrelationLimits } from './correlate.ts';
import { ingestAlerts, type IngestItem } from './ingest-alerts.ts';
import { loadMapping } from './mappings.ts';

type Adapter = {
  /** The documents of a body; null for a list envelope that holds none (a quiet page). */
  documents: (body: unknown) => Doc[] | null;
  read: (doc: Doc, source: string) => Record<string, unknown>;
  /** Our field -> the source fields it is read from, named when a document lacks them. */
  looksFor?: Partial<Record<string, string>>;
};

async function adapterFor(ctx: Ctx, format: IngestFormat, source: string | undefined) {
  if (format !== 'generic') {
    const adapters: Record<Exclude<IngestFormat, 'generic'>, Adapter> = {
      ocsf: { documents: ocsfDocuments, read: fromOcsf, looksFor: ocsfLooksFor },
      graph: { documents: graphDocuments, read: fromGraph, looksFor: graphLooksFor },
      elastic: { documents: elasticDocuments, read: fromElastic, looksFor: elasticLooksFor },
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

type Problem = { path: string; message: string; code: string };

/** One document as our alert, or the problems that keep it from being one. */
function readOne(adapter: Adapter, doc: Doc, source: string, i: number) {
  const at = (...path: Array<string | number>) => ['body', 'alerts', i, ...path].join('.');
  let read: Record<string, unknown>;
  try {
    read = adapter.read(doc, source);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    return { problems: [{ path: at(error.field), message: error.message, code: 'refused' }] };
  }
  const { settledAtSource, ...input } = read;
  const parsed = AlertIn.safeParse(input);
  if (parsed.success) {
    const item: IngestItem = parsed.data;
    if (typeof settledAtSource === 'string') item.settledAtSource = settledAtSource;
    return { item, problems: [] };
  }
  const problems = parsed.error.issues.map((issue): Problem => {
    const field = String(issue.path[0] ?? '');
    const from = adapter.looksFor?.[field];
    const missing = input[field] === undefined;
    return {
      path: at(...issue.path.map(String)),
      message: from
        ? missing
          ? `${from} is missing`
          : `${from}: ${issue.message}`
        : issue.message,
      code: issue.code,
    };
  });
  return { problems };
}

/**
 * Reads a body in another product's format into our alerts and ingests them like POST /alerts:
 * any document that does not make a valid alert refuses the whole body, one detail per problem
 * (`body.alerts.3.severity`), its message naming the source fields that were looked for
 * (`finding_info.uid or finding.uid is missing`). A list envelope with no documents (a quiet
 * Graph page) is zero alerts. Throws forbidden without alerts.ingest.
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
  const documents = readDocuments(adapter, format, body);
  if (documents.length === 0) return { results: [], created: 0, duplicates: 0 };
  const alerts: IngestItem[] = [];
  const problems: Problem[] = [];
  documents.forEach((doc, i) => {
    const one = readOne(adapter, doc, source, i);
    if (one.item) alerts.push(one.item);
    problems.push(...one.problems);
  });
  if (problems.length > 0)
    throw invalidInput(
      `${problems.length} problem(s) in the ${format} documents; nothing was stored`,
      problems,
    );
  return ingestAlerts(ctx, alerts, settings);
}

function readDocuments(adapter: Adapter, format: IngestFormat, body: unknown): Doc[] {
  let documents: Doc[] | null;
  try {
    documents = adapter.documents(body);
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    throw invalidInput(error.message, [
      { path: `body.${error.field}`, message: error.message, code: 'refused' },
    ]);
  }
  if (documents === null) return [];
  if (documents.length === 0 || documents.length > MAX_BATCH)
    throw invalidInput(`Send between 1 and ${MAX_BATCH} ${format} documents`, [
      { path: 'body', message: `found ${documents.length} documents` },
    ]);
  return documents;
}
