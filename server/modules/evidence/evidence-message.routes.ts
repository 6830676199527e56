import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import {
  AttachmentParams,
  EvidenceItem,
  EvidenceMessage,
  EvidenceParams,
  MessageHtmlQuery,
} from '../../../contract/evidence.ts';
import { defineRoute, HIJACKED } from '../../http/route.ts';
import type { BlobStore } from '../../storage/blob-store.ts';
import { addAttachmentEvidence } from './service/add-attachment.ts';
import { getMessage, getMessageHtml, getRawHeaders } from './service/read-message.ts';
import { openThumbnail } from './service/read-thumbnail.ts';

const tag = 'Evidence';

/** The policy of a served part of a message: nothing runs, and only what is allowed loads. */
const policy = (images: string) =>
  `sandbox; default-src 'none'; img-src ${images}; style-src 'unsafe-inline'`;

function sendText(reply: FastifyReply, type: string, body: string, csp: string) {
  void reply
    .header('content-type', `${type}; charset=utf-8`)
    .header('x-content-type-options', 'nosniff')
    .header('content-security-policy', csp)
    .send(body);
  return HIJACKED;
}

/** The e-mail viewer and thumbnails: parts of evidence the server worked out, never executed. */
export function evidenceMessageRoutes(store: BlobStore) {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/v1/cases/:number/evidence/:id/message',
      operationId: 'getCaseEvidenceMessage',
      summary: 'An e-mail item as parsed: headers, addresses, text body, attachments',
      description:
        'Answers 409 while the message is being parsed (`details.status: pending`), when it could not be (`failed`, with the reason: larger than the limits, too deep, too many parts, too slow, malformed) and for items that are not e-mails.',
      tag,
      auth: 'any',
      params: EvidenceParams,
      response: { status: 200, schema: EvidenceMessage },
      errors: [409],
      handler: ({ ctx, params }) => getMessage(ctx, params.number, params.id),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/cases/:number/evidence/:id/message/html',
      operationId: 'viewCaseEvidenceMessageHtml',
      summary: "The e-mail's HTML body, sanitised, for a sandboxed frame; recorded as viewed",
      description:
        "Scripts, event handlers, forms, frames, plugins, meta refresh and base are removed; links do not navigate (their target is a tooltip); the message's own `cid:` images are inlined as data: URIs. With `remote=false` (the default) nothing remote loads: remote images, backgrounds, srcset and CSS url() are removed. With `remote=true` http(s) images load. Served with `Content-Security-Policy: sandbox` (embed it in an iframe with an empty `sandbox` attribute).",
      tag,
      auth: 'any',
      params: EvidenceParams,
      query: MessageHtmlQuery,
      response: { status: 200, schema: z.string(), mediaType: 'text/html' },
      errors: [409],
      handler: async ({ ctx, params, query, reply }) =>
        sendText(
          reply,
          'text/html',
          await getMessageHtml(ctx, params.number, params.id, query.remote, store),
          policy(query.remote ? 'data: http: https:' : 'data:'),
        ),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/cases/:number/evidence/:id/message/raw-headers',
      operationId: 'getCaseEvidenceMessageRawHeaders',
      summary: "The e-mail's header block as received, as plain text",
      tag,
      auth: 'any',
      params: EvidenceParams,
      response: { status: 200, schema: z.string(), mediaType: 'text/plain' },
      errors: [409],
      handler: async ({ ctx, params, reply }) =>
        sendText(
          reply,
          'text/plain',
          await getRawHeaders(ctx, params.number, params.id),
          "sandbox; default-src 'none'",
        ),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/cases/:number/evidence/:id/message/attachments/:index',
      operationId: 'addCaseEvidenceMessageAttachment',
      summary: 'Add an attachment of the e-mail as an evidence item of its own',
      description:
        'The new item has the e-mail as its parent, the decoded bytes and their SHA-256, its type detected from the bytes, and `added` on its custody log with the e-mail and attachment it came from (201). Idempotent: adding the same attachment again answers the item made the first time (200).',
      tag,
      auth: 'any',
      params: AttachmentParams,
      response: { status: 201, schema: EvidenceItem },
      errors: [409],
      handler: async ({ ctx, params, reply }) => {
        const { item, created } = await addAttachmentEvidence(
          ctx,
          params.number,
          params.id,
          params.index,
          store,
        );
        if (created) return item;
        void reply.status(200).send(item);
        return HIJACKED;
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/cases/:number/evidence/:id/thumbnail',
      operationId: 'getCaseEvidenceThumbnail',
      summary: 'A thumbnail of a capture (WebP, within 320×320)',
      description:
        'Made in the background for PNG, JPEG, WebP and GIF captures; 404 while it is not made, for video, and for images refused (more than 40 megapixels, undecodable). Show the item with its view then.',
      tag,
      auth: 'any',
      params: EvidenceParams,
      response: { status: 200, schema: z.string(), mediaType: 'image/webp' },
      handler: async ({ ctx, params, reply }) => {
        const thumb = await openThumbnail(ctx, params.number, params.id, store);
        void reply
          .header('content-type', thumb.mediaType)
          .header('content-length', String(thumb.sizeBytes))
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "sandbox; default-src 'none'")
          .send(thumb.stream);
        return HIJACKED;
      },
    }),
  ];
}
