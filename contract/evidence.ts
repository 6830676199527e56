import { z } from 'zod';
import {
  Cursor,
  Instant,
  InstantOut,
  Limit,
  NumberParam,
  QueryBool,
  QueryId,
  Ref,
  Text,
  csv,
} from './common.ts';

export const EvidenceKind = z
  .enum(['file', 'capture', 'email'])
  .describe('file: any file. capture: a screen capture or clip. email: an .eml message');
export type EvidenceKind = z.infer<typeof EvidenceKind>;

export const CustodyAction = z
  .enum([
    'acquired',
    'added',
    'viewed',
    'downloaded',
    'exported',
    'verified',
    'integrity_failed',
    'removed',
    'hold_set',
    'hold_released',
    'disposed',
  ])
  .describe('What happened to the item');
export type CustodyAction = z.infer<typeof CustodyAction>;

/** The fields an upload may state besides its bytes (query string, or multipart fields). */
export const EvidenceUploadFields = z.strictObject({
  kind: EvidenceKind.optional().describe(
    'Defaults from the detected type: capture for images and video, email for messages, else file',
  ),
  name: z
    .string()
    .min(1)
    .max(1000)
    .optional()
    .describe(
      'The file name, kept as text only (never part of a path). Also from the multipart filename or `Content-Disposition: attachment; filename*=`',
    ),
  note: z.string().max(10_000).default(''),
  acquiredAt: Instant.optional().describe('When the uploader acquired the bytes'),
  acquisitionMethod: z
    .string()
    .trim()
    .min(1)
    .max(500)
    .optional()
    .describe('How they were acquired: endpoint agent export, mailbox search, forensic image...'),
  capturedAt: Instant.optional().describe('For captures: when the screen was captured'),
  activityId: QueryId.optional().describe('The activity event of the case subject it belongs to'),
  alertId: QueryId.optional().describe('The alert it belongs to'),
});
export type EvidenceUploadFields = z.infer<typeof EvidenceUploadFields>;

export const MailAddress = z
  .object({ name: z.string(), address: z.string() })
  .describe('A mailbox as the message names it; show both as text');

export const EvidenceMessageSummary = z
  .object({
    status: z
      .enum(['pending', 'parsed', 'failed'])
      .describe('pending until the server parsed it; failed with the reason on …/message'),
    from: MailAddress.nullable().describe('The first From address'),
    subject: z.string().nullable(),
    sentAt: InstantOut.nullable().describe('The Date header in UTC, when it is a date'),
    attachments: z.number().int().describe('How many attachments it has'),
  })
  .describe('An e-mail item in brief');
export type EvidenceMessageSummary = z.infer<typeof EvidenceMessageSummary>;

export const EvidenceItem = z
  .object({
    id: z.number().int(),
    caseNumber: z.number().int(),
    kind: EvidenceKind,
    name: z.string().describe('As the uploader gave it; show it as text'),
    sha256: z.string().describe('SHA-256 of the bytes, computed on arrival (hex)'),
    sizeBytes: z.number().int(),
    claimedType: z.string().nullable().describe('The media type the uploader claimed'),
    detectedType: z
      .string()
      .describe('The media type detected from the bytes; application/octet-stream when unknown'),
    note: z.string(),
    parentId: z.number().int().nullable().describe('The e-mail an attachment was taken from'),
    acquiredAt: InstantOut.nullable(),
    acquisitionMethod: z.string().nullable(),
    capturedAt: InstantOut.nullable(),
    activityId: z.number().int().nullable(),
    alertId: z.number().int().nullable(),
    addedBy: Ref,
    addedAt: InstantOut,
    removed: z
      .object({ at: InstantOut, by: Ref, reason: z.string() })
      .nullable()
      .describe('Set when the item was removed (the bytes are kept)'),
    custodyEntries: z.number().int().describe('Entries in its custody log'),
    message: EvidenceMessageSummary.nullable().describe('For e-mails: what the list shows of it'),
    thumbnail: z
      .enum(['pending', 'made', 'failed'])
      .nullable()
      .describe(
        'For image captures: whether …/thumbnail serves one (made), not yet (pending) or never (failed: too large, undecodable); null when none is made for it',
      ),
  })
  .describe('An evidence item of a case');
export type EvidenceItem = z.infer<typeof EvidenceItem>;

export const CustodyEntry = z
  .object({
    seq: z.number().int(),
    action: CustodyAction,
    actor: Ref.nullable().describe('Who; null for the server itself (a scheduled verification)'),
    at: InstantOut,
    address: z.string().nullable().describe('The client address the request came from'),
    purpose: z.string().nullable(),
    details: z.record(z.string(), z.unknown()),
    prevHash: z.string(),
    hash: z.string().describe('SHA-256 over this entry and prevHash'),
  })
  .describe('One entry of an evidence custody log');
export type CustodyEntry = z.infer<typeof CustodyEntry>;

export const EvidenceDetail = EvidenceItem.extend({
  custody: z.array(CustodyEntry).describe('The custody log, oldest first'),
  chainIntact: z.boolean().describe('Whether every entry hashes to the next, from the SHA-256'),
});
export type EvidenceDetail = z.infer<typeof EvidenceDetail>;

export const EvidencePage = z.object({
  items: z.array(EvidenceItem),
  nextCursor: z.string().nullable(),
});
export type EvidencePage = z.infer<typeof EvidencePage>;

const QuerySize = z.coerce.number().int().min(0).max(Number.MAX_SAFE_INTEGER).optional();

export const ListEvidenceQuery = z.strictObject({
  kind: csv(EvidenceKind).describe('Only these kinds'),
  type: z
    .string()
    .max(200)
    .optional()
    .describe('Detected type, or its prefix ending in / (image/)'),
  q: z.string().max(200).optional().describe('Words of the name or note'),
  removed: z
    .enum(['true', 'false', 'any'])
    .default('false')
    .describe('Removed items: false (default) hides them, true shows only them'),
  from: z.string().max(200).optional().describe('E-mails whose From name or address holds this'),
  to: z
    .string()
    .max(200)
    .optional()
    .describe('E-mails with a To or Cc name or address holding this'),
  subject: z.string().max(200).optional().describe('E-mails whose subject holds this'),
  hasAttachments: QueryBool.describe('E-mails with (true) or without (false) attachments'),
  dateFrom: Instant.optional().describe(
    "From this time, by the item's date: sent for e-mails, captured for captures, else added",
  ),
  dateTo: Instant.optional().describe("Up to this time, by the item's date"),
  minSize: QuerySize.describe('At least this many bytes'),
  maxSize: QuerySize.describe('At most this many bytes'),
  limit: Limit,
  cursor: Cursor,
});
export type ListEvidenceQuery = z.infer<typeof ListEvidenceQuery>;

export const EvidenceParams = NumberParam.extend({ id: QueryId });

export const DownloadEvidenceQuery = z.strictObject({
  purpose: Text(500).describe('Why the bytes are taken: recorded in the custody log'),
});

export const ViewEvidenceQuery = z.strictObject({
  purpose: z.string().max(500).optional().describe('Why, when the viewer wants it recorded'),
});

export const RemoveEvidence = z.strictObject({
  reason: Text(2000).describe('Why it is removed: recorded with the tombstone'),
});
export type RemoveEvidence = z.infer<typeof RemoveEvidence>;

export const ExportCustodyQuery = z.strictObject({
  format: z.enum(['csv', 'json']).default('csv').describe('CSV (spreadsheet-safe) or JSON'),
});

export const MessageHeader = z
  .object({ name: z.string(), value: z.string().describe('Unfolded, encoded words decoded') })
  .describe('One header line of the message, in order, duplicates kept');

export const MessageAttachment = z
  .object({
    index: z.number().int().describe('1 for the first attachment'),
    filename: z.string().nullable().describe('As the message names it; show it as text'),
    contentType: z.string().describe('The media type the message declares'),
    detectedType: z.string().describe('The media type detected from the decoded bytes'),
    sizeBytes: z.number().int().describe('Decoded size'),
    sha256: z.string().describe('SHA-256 of the decoded bytes (hex)'),
    contentId: z.string().nullable().describe('Content-ID, for images the HTML body shows'),
    disposition: z.string().nullable().describe('inline, attachment, or null when not said'),
    evidenceId: z
      .number()
      .int()
      .nullable()
      .describe('The evidence item made from it, once it was added as evidence'),
  })
  .describe('An attachment of a parsed e-mail');
export type MessageAttachment = z.infer<typeof MessageAttachment>;

export const EvidenceMessage = z
  .object({
    evidenceId: z.number().int(),
    status: z.literal('parsed'),
    headers: z.array(MessageHeader),
    rawHeadersBytes: z.number().int().describe('Size of the raw header block'),
    from: z.array(MailAddress),
    to: z.array(MailAddress),
    cc: z.array(MailAddress),
    replyTo: z.array(MailAddress),
    subject: z.string().nullable(),
    date: z.string().nullable().describe('The Date header as written'),
    sentAt: InstantOut.nullable().describe('The Date header in UTC, when it is a date'),
    messageId: z.string().nullable(),
    text: z.string().nullable().describe('The plain-text body; show it as text'),
    hasHtml: z
      .boolean()
      .describe('Whether there is an HTML body (…/message/html serves it sanitised)'),
    attachments: z.array(MessageAttachment),
    truncated: z
      .array(z.enum(['text', 'html', 'rawHeaders']))
      .describe('Parts longer than the server keeps, cut at that length'),
  })
  .describe('An e-mail item as parsed: it never executes content');
export type EvidenceMessage = z.infer<typeof EvidenceMessage>;

export const MessageHtmlQuery = z.strictObject({
  remote: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .describe('Let http(s) images load (false, the default: nothing remote loads)'),
});

export const AttachmentParams = EvidenceParams.extend({
  index: QueryId.describe('The attachment, 1 for the first'),
});
