import type { EvidenceMessage, MessageAttachment } from '../../../../contract/evidence.ts';
import type { AttachmentRow, MessageRow } from '../content.repo.ts';

type Mailbox = { name: string; address: string };
const list = <T>(json: string | null): T[] => (json === null ? [] : (JSON.parse(json) as T[]));

export const presentAttachment = (a: AttachmentRow): MessageAttachment => ({
  index: a.idx,
  filename: a.filename,
  contentType: a.contentType,
  detectedType: a.detectedType,
  sizeBytes: Number(a.sizeBytes),
  sha256: a.sha256,
  contentId: a.contentId,
  disposition: a.disposition,
  evidenceId: a.itemId,
});

/** A parsed message row and its attachments as the API shows them. */
export const presentMessage = (m: MessageRow, attachments: AttachmentRow[]): EvidenceMessage => ({
  evidenceId: m.evidenceId,
  status: 'parsed',
  headers: list<{ name: string; value: string }>(m.headers),
  rawHeadersBytes: m.rawHeadersBytes ?? 0,
  from: list<Mailbox>(m.mailFrom),
  to: list<Mailbox>(m.mailTo),
  cc: list<Mailbox>(m.mailCc),
  replyTo: list<Mailbox>(m.replyTo),
  subject: m.subject,
  date: m.dateHeader,
  sentAt: m.sentAt === null ? null : new Date(m.sentAt).toISOString(),
  messageId: m.messageId,
  text: m.textBody,
  hasHtml: m.htmlBody !== null && m.htmlBody.length > 0,
  attachments: attachments.map(presentAttachment),
  truncated: list<EvidenceMessage['truncated'][number]>(m.truncated),
});
