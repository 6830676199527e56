import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvidencePage } from '../../../contract/evidence.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';
import { PNG_1X1, phishingEml, runEvidenceJobs, uploadEvidence } from '../../testing/evidence.ts';

let env: TestEnv;
let number: number;
const ids: Record<string, number> = {};

/** A plain message without attachments. */
const plainEml = (from: string, to: string, cc: string, subject: string, date: string) =>
  [
    `From: ${from}`,
    `To: ${to}`,
    ...(cc ? [`Cc: ${cc}`] : []),
    `Subject: ${subject}`,
    `Date: ${date}`,
    'Message-ID: <plain@example.org>',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'See you at the offsite.',
    '',
  ].join('\r\n');

beforeAll(async () => {
  env = await startTestEnv();
  number = (await env.api('admin').post('/api/v1/cases', { title: 'Data leak' })).body.number;
  const up = async (key: string, bytes: Buffer | string, name: string, query = '') => {
    const res = await uploadEvidence(env, number, bytes, { name, query });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids[key] = res.body.id as number;
  };
  // Sent 2 March 2026, from the IT service desk, with an inline logo and a PDF attached.
  await up('phishing', phishingEml(), 'quota.eml');
  await up(
    'offsite',
    plainEml(
      '"Dana Jürgensen" <dana@corp.example>',
      'Sam <sam@partner.example>',
      '"Legal desk" <legal@corp.example>',
      'Offsite agenda',
      'Tue, 14 Apr 2026 10:00:00 +0000',
    ),
    'offsite.eml',
  );
  await up('capture', PNG_1X1, 'screen.png', '?capturedAt=2026-01-05T12:00:00.000Z');
  await up('big', Buffer.alloc(50_000, 7), 'dump.bin');
  await runEvidenceJobs(env);
});
afterAll(() => env.close());

const list = async (query: string, who: 'investigator' | 'admin' = 'investigator') => {
  const res = await env.api(who).get(`/api/v1/cases/${number}/evidence?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return EvidencePage.parse(res.body).items;
};
const names = async (query: string) =>
  (await list(query)).map((i) => i.name).sort((a, b) => a.localeCompare(b));

describe('content explorer', () => {
  it('shows each e-mail in brief on the list, and whether a capture has its thumbnail', async () => {
    const items = await list('');
    const byId = new Map(items.map((i) => [i.id, i]));
    expect(byId.get(ids.phishing ?? 0)?.message).toEqual({
      status: 'parsed',
      from: { name: 'IT Service Desk', address: 'it-support@corp-mail.example' },
      subject: 'Action required: mailbox quota – invoice overdue',
      sentAt: '2026-03-02T08:14:03.000Z',
      attachments: 2,
    });
    expect(byId.get(ids.offsite ?? 0)?.message).toMatchObject({
      status: 'parsed',
      from: { name: 'Dana Jürgensen', address: 'dana@corp.example' },
      attachments: 0,
    });
    expect(byId.get(ids.capture ?? 0)).toMatchObject({ message: null, thumbnail: 'made' });
    expect(byId.get(ids.big ?? 0)).toMatchObject({ message: null, thumbnail: null });
  });

  it('filters e-mails by sender, by recipient (To or Cc) and by subject, ignoring case', async () => {
    expect(await names('from=service%20desk')).toEqual(['quota.eml']);
    expect(await names('from=DANA%40')).toEqual(['offsite.eml']);
    expect(await names('to=finance%40corp')).toEqual(['quota.eml']);
    // Cc counts as a recipient; the From address does not.
    expect(await names('to=legal%20desk')).toEqual(['offsite.eml']);
    expect(await names('to=jürgen')).toEqual(['quota.eml']);
    expect(await names('subject=AGENDA')).toEqual(['offsite.eml']);
    // The JSON the addresses are kept in never matches: neither its keys nor its quotes.
    expect(await names('from=address')).toEqual([]);
    expect(await names('to=%22%3A%22')).toEqual([]);
  });

  it('filters e-mails with or without attachments', async () => {
    expect(await names('hasAttachments=true')).toEqual(['quota.eml']);
    expect(await names('hasAttachments=false')).toEqual(['offsite.eml']);
  });

  it("filters by the item's date: sent for e-mails, captured for captures, else added", async () => {
    expect(
      await names('dateFrom=2026-03-02T08:00:00.000Z&dateTo=2026-03-02T08:30:00.000Z'),
    ).toEqual(['quota.eml']);
    expect(await names('dateTo=2026-02-01T00:00:00.000Z')).toEqual(['screen.png']);
    // The file's date is when it was added: the test clock's now.
    const added = (await list('')).find((i) => i.id === ids.big)?.addedAt ?? '';
    const until = new Date(Date.parse(added) + 1000).toISOString();
    expect(await names(`dateFrom=${added}&dateTo=${until}`)).toEqual(['dump.bin']);
    expect(await names('dateFrom=2026-04-01T00:00:00.000Z')).toEqual(['offsite.eml']);
  });

  it('filters by size and combines filters with the kind and type', async () => {
    expect(await names('minSize=40000')).toEqual(['dump.bin']);
    expect(await names('maxSize=100')).toEqual(['screen.png']);
    expect(await names('kind=email&maxSize=2000')).toEqual(['offsite.eml']);
    expect(await names('type=image/&from=desk')).toEqual([]);
  });

  it('refuses malformed filters with a 400 naming them', async () => {
    for (const q of ['hasAttachments=yes', 'minSize=-1', 'maxSize=1.5', 'dateFrom=yesterday']) {
      const res = await env.api('investigator').get(`/api/v1/cases/${number}/evidence?${q}`);
      expect(res.status, q).toBe(400);
      expect(res.body.error.code).toBe('invalid_input');
      expect(JSON.stringify(res.body.error.details)).toContain(q.split('=')[0]);
    }
  });
  it('shows an e-mail as pending until its parse ran', async () => {
    const res = await uploadEvidence(
      env,
      number,
      plainEml('a@x.example', 'b@x.example', '', 'Later', 'Mon, 1 Jun 2026 08:00:00 +0000'),
      { name: 'later.eml' },
    );
    expect(res.status).toBe(201);
    expect(res.body.message).toEqual({
      status: 'pending',
      from: null,
      subject: null,
      sentAt: null,
      attachments: 0,
    });
    await runEvidenceJobs(env);
    const later = (await list('subject=Later'))[0];
    expect(later?.message?.status).toBe('parsed');
  });
});
