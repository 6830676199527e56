import { Readable } from 'node:stream';
import type { EvidenceUploadFields } from '../../contract/evidence.ts';
import type { Ctx } from '../../server/context.ts';
import { addCaseEvidence } from '../../server/modules/evidence/index.ts';
import type { BlobStore } from '../../server/storage/blob-store.ts';
import { captureImage } from './capture-image.ts';
import type { Random } from './random.ts';

const HOUR = 3_600_000;

/** A case of the demo about a person, as stored. */
export interface EvidenceCase {
  number: number;
  title: string;
  createdAt: string;
  subject: { name: string; email: string };
}

const personalDomains = ['gmail.com', 'outlook.com', 'proton.me', 'yahoo.com'];
const attachments = ['customer-list-2026.csv', 'Q3 forecast.xlsx', 'board-minutes.docx'];

/** An Internet message as a mail gateway exports it: the person mailing a file to themselves. */
function forwardedMail(rng: Random, c: EvidenceCase, at: Date): Buffer {
  const [local = 'someone'] = c.subject.email.split('@');
  const to = `${local.replace(/\W/g, '')}${rng.int(70, 99)}@${rng.pick(personalDomains)}`;
  const file = rng.pick(attachments);
  const csv = Array.from(
    { length: 40 },
    (_, i) => `ACC-${10_000 + i},Customer ${i + 1},${rng.int(1, 900) * 1000},EUR`,
  ).join('\r\n');
  const boundary = `=_demo_${rng.int(100_000, 999_999)}`;
  const text = [
    `From: ${c.subject.name} <${c.subject.email}>`,
    `To: <${to}>`,
    `Subject: Fwd: ${file.replace(/\.\w+$/, '')}`,
    `Date: ${at.toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${rng.int(1e8, 9e8)}.demo@corp.example>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'For the weekend, so I can finish it at home.',
    '',
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    '',
    '<p>For the weekend, so I can finish it at home.</p><img src="https://tracker.example/p.gif">',
    '',
    `--${boundary}`,
    `Content-Type: text/csv; name="${file}.csv"`,
    `Content-Disposition: attachment; filename="${file}.csv"`,
    'Content-Transfer-Encoding: base64',
    '',
    ...(Buffer.from(csv)
      .toString('base64')
      .match(/.{1,76}/g) ?? []),
    `--${boundary}--`,
    '',
  ].join('\r\n');
  return Buffer.from(text);
}

/**
 * Evidence an investigator gathers for the demo's cases about a person: a screen capture from
 * the endpoint agent and the e-mail the mail gateway exported, each added through the evidence
 * service as an upload would be. Answers how many items were added.
 */
export async function addDemoEvidence(
  ctxOf: (rng: Random) => Ctx,
  store: BlobStore,
  rng: Random,
  cases: EvidenceCase[],
): Promise<number> {
  let added = 0;
  for (const c of cases) {
    const ctx = ctxOf(rng);
    const at = new Date(Date.parse(c.createdAt) + rng.int(1, 48) * HOUR);
    const upload = async (bytes: Buffer, name: string, fields: EvidenceUploadFields) => {
      await addCaseEvidence(
        ctx,
        c.number,
        async () => ({
          upload: {
            stream: Readable.from([bytes]),
            filename: name,
            claimedType: undefined,
            expectedSha256: undefined,
          },
          fields,
        }),
        store,
        { maxBytes: 64 * 1024 * 1024 },
      );
      added += 1;
    };
    await upload(
      captureImage(rng),
      `screen-${at.toISOString().slice(0, 16).replace(/\D/g, '')}.png`,
      {
        note: 'Captured by the endpoint agent when the policy matched',
        acquisitionMethod: 'Endpoint agent screen capture',
        acquiredAt: at.toISOString(),
        capturedAt: at.toISOString(),
      },
    );
    if (rng.int(0, 1) === 1)
      await upload(forwardedMail(rng, c, at), 'message.eml', {
        note: 'Exported from the mail gateway quarantine',
        acquisitionMethod: 'Mail gateway export',
        acquiredAt: new Date(at.getTime() + 2 * HOUR).toISOString(),
      });
  }
  return added;
}
