import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  DownloadEvidenceQuery,
  EvidenceDetail,
  EvidenceItem,
  EvidencePage,
  EvidenceParams,
  EvidenceUploadFields,
  ExportCustodyQuery,
  ListEvidenceQuery,
  RemoveEvidence,
  ViewEvidenceQuery,
} from '../../../contract/evidence.ts';
import { NumberParam } from '../../../contract/common.ts';
import type { Config } from '../../config.ts';
import type { Ctx } from '../../context.ts';
import { defineRoute, HIJACKED } from '../../http/route.ts';
import { zodIssues } from '../../http/errors.ts';
import { readUpload } from '../../http/upload.ts';
import { AppError } from '../../lib/errors.ts';
import type { BlobStore } from '../../storage/blob-store.ts';
import { openBlobStore } from '../../storage/index.ts';
import { evidenceMessageRoutes } from './evidence-message.routes.ts';
import { addEvidence } from './service/add-evidence.ts';
import { loadEvidenceCase } from './service/evidence-case.ts';
import { getEvidence, listEvidence } from './service/read-evidence.ts';
import { removeEvidence } from './service/remove-evidence.ts';
import { serveEvidence, type ServedEvidence } from './service/serve-evidence.ts';
import { contentDisposition } from './content-disposition.ts';
import { exportCustody } from './service/export-custody.ts';

const tag = 'Evidence';

/** Sends evidence bytes so that no browser runs or renders them as a page of the site. */
function sendBytes(reply: FastifyReply, served: ServedEvidence, inline: boolean) {
  const { item, stream } = served;
  void reply
    .header('content-type', inline ? item.detectedType : 'application/octet-stream')
    .header('content-length', String(item.sizeBytes))
    .header('content-disposition', contentDisposition(inline ? 'inline' : 'attachment', item.name))
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', "sandbox; default-src 'none'")
    .header('repr-digest', `sha-256=:${Buffer.from(item.sha256, 'hex').toString('base64')}:`)
    .send(stream);
  return HIJACKED;
}

const Bytes = z.string().describe('The bytes');

/** Evidence routes; the store is the configured blob store unless one is given. */
export function evidenceRoutes(config: Config, store: BlobStore = openBlobStore(config)) {
  const limits = { maxBytes: config.evidence.maxBytes };
  /** A download (attachment) or an inline view of an item's bytes, recorded on its log. */
  const serveBytes = async (
    reply: FastifyReply,
    ctx: Ctx,
    params: { number: number; id: number },
    access: Parameters<typeof serveEvidence>[3],
  ) =>
    sendBytes(
      reply,
      await serveEvidence(ctx, params.number, params.id, access, store),
      access.mode === 'view',
    );
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/cases/:number/evidence',
      operationId: 'listCaseEvidence',
      summary: "The case's evidence, newest first (evidence.manage)",
      tag,
      auth: 'any',
      params: NumberParam,
      query: ListEvidenceQuery,
      response: { status: 200, schema: EvidencePage },
      handler: ({ ctx, params, query }) => listEvidence(ctx, params.number, query),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/cases/:number/evidence',
      operationId: 'addCaseEvidence',
      summary: 'Add a file to the case as evidence, hashed as it arrives (evidence.manage)',
      description:
        "The body is the file itself (any content type; the name in `Content-Disposition: attachment; filename*=UTF-8''…` or the `name` field), or `multipart/form-data` with the fields first and one file part. Fields go in the query string or as form fields. `Repr-Digest: sha-256=:…:` or `X-Expected-SHA256` makes the server refuse (422) bytes with another hash. Nothing is stored when the upload fails, is cut off, is empty or too large, or the store is full (507).",
      upload: 'The file: a raw body or one multipart file part',
      tag,
      auth: 'any',
      params: NumberParam,
      query: EvidenceUploadFields,
      response: { status: 201, schema: EvidenceItem },
      errors: [413, 422, 507],
      // The service checks the case before it opens the body.
      handler: ({ ctx, params, query, req }) =>
        addEvidence(
          ctx,
          params.number,
          async () => {
            const upload = await readUpload(req, limits.maxBytes);
            const fields = EvidenceUploadFields.safeParse({ ...query, ...upload.fields });
            if (!fields.success) {
              upload.stream.resume();
              throw new AppError(
                'invalid_input',
                'The upload fields are not valid',
                zodIssues(fields.error, 'fields'),
              );
            }
            return { upload, fields: fields.data };
          },
          store,
          limits,
        ),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/cases/:number/evidence/:id',
      operationId: 'getCaseEvidence',
      summary: 'One evidence item with its custody log (evidence.manage)',
      tag,
      auth: 'any',
      params: EvidenceParams,
      response: { status: 200, schema: EvidenceDetail },
      handler: ({ ctx, params }) => getEvidence(ctx, params.number, params.id),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/cases/:number/evidence/:id/custody',
      operationId: 'exportEvidenceCustody',
      summary: 'The custody log of an item as a file to keep, CSV or JSON (evidence.manage)',
      tag,
      auth: 'any',
      params: EvidenceParams,
      query: ExportCustodyQuery,
      response: {
        status: 200,
        schema: z.union([Bytes, EvidenceDetail.extend({ exportedAt: z.string() })]),
        mediaType: 'text/csv',
        description: 'The CSV text, or with format=json the item, its log and when it was exported',
      },
      handler: async ({ ctx, params, query, reply }) => {
        const file = await exportCustody(ctx, params.number, params.id, query.format);
        void reply
          .header('content-type', file.type)
          .header('content-disposition', contentDisposition('attachment', file.filename))
          .header('x-content-type-options', 'nosniff')
          .send(file.text);
        return HIJACKED;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/cases/:number/evidence/:id/content',
      operationId: 'downloadCaseEvidence',
      summary: 'Download the bytes, saying why: recorded on the custody log (evidence.manage)',
      description:
        'Always an attachment (`application/octet-stream`, `nosniff`, `sandbox`). The SHA-256 is checked as the bytes go out: altered bytes end the transfer with an error before its last chunk, and the failure is recorded.',
      tag,
      auth: 'any',
      params: EvidenceParams,
      query: DownloadEvidenceQuery,
      response: { status: 200, schema: Bytes, mediaType: 'application/octet-stream' },
      errors: [409],
      handler: ({ ctx, params, query, reply }) =>
        serveBytes(reply, ctx, params, { mode: 'download', purpose: query.purpose }),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/cases/:number/evidence/:id/view',
      operationId: 'viewCaseEvidence',
      summary: 'Show an image or video in the browser; recorded on the custody log',
      description:
        'Only for bytes detected as PNG, JPEG, WebP, GIF, MP4 or WebM (409 otherwise), served as their detected type, inline, `nosniff`, `sandbox`.',
      tag,
      auth: 'any',
      params: EvidenceParams,
      query: ViewEvidenceQuery,
      response: { status: 200, schema: Bytes, mediaType: 'image/*' },
      errors: [409],
      handler: ({ ctx, params, query, reply }) =>
        serveBytes(reply, ctx, params, { mode: 'view', purpose: query.purpose }),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/cases/:number/evidence/:id',
      operationId: 'removeCaseEvidence',
      summary: 'Remove an item, saying why: a tombstone, the bytes kept (evidence.manage)',
      tag,
      auth: 'any',
      params: EvidenceParams,
      body: RemoveEvidence,
      response: { status: 200, schema: EvidenceItem },
      errors: [409, 423],
      handler: ({ ctx, params, body }) => removeEvidence(ctx, params.number, params.id, body),
    }),
    ...(['PUT', 'PATCH'] as const).map((method) =>
      defineRoute({
        method,
        url: '/api/v1/cases/:number/evidence/:id',
        operationId: `${method.toLowerCase()}CaseEvidence`,
        summary: 'Not allowed: evidence is immutable (405)',
        tag,
        auth: 'any',
        params: EvidenceParams,
        response: { status: 405, schema: null },
        errors: [405],
        handler: async ({ ctx, params }) => {
          await loadEvidenceCase(ctx, params.number);
          throw new AppError(
            'method_not_allowed',
            'Evidence is immutable: add the new bytes as a new item',
          );
        },
      }),
    ),
    ...evidenceMessageRoutes(store),
  ];
}
