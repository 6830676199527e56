import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EvidenceDetail, EvidenceItem, EvidenceMessage } from '../../../../contract/evidence.ts';
import { startTestEnv, type TestEnv } from '../../../testing/harness.ts';
import {
  INVOICE_PDF,
  PNG_1X1,
  manyPartsEml,
  nestedEml,
  phishingEml,
  runEvidenceJobs,
  uploadEvidence,
} from '../../../testing/evidence.ts';

let env: TestEnv;
beforeAll(async () => {
  env = await startTestEnv();
});
afterAll(() => env.close());

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const newCase = async () =>
  (await env.api('admin').post('/api/v1/cases', { title: 'Phishing report' })).body
    .number as number;

/** Uploads an .eml to a new case and runs the jobs; answers where it is. */
async function parsedEmail(eml: string, name = 'report.eml') {
  const number = await newCase();
  const up = await uploadEvidence(env, number, eml, { name, type: 'message/rfc822' });
  expect(up.status, JSON.stringify(up.body)).toBe(201);
  expect(up.body).toMatchObject({ kind: 'email', detectedType: 'message/rfc822' });
  await runEvidenceJobs(env);
  const base = `/api/v1/cases/${number}/evidence/${up.body.id}`;
  return { number, id: up.body.id as number, base };
}

const messageRow = (id: number) =>
  env.db.selectFrom('evidenceMessages').selectAll().where('evidenceId', '=', id).executeTakeFirst();

describe('e-mail evidence', () => {
  it('parses a multipart phishing mail in the background and shows its parts', async () => {
    const number = await newCase();
    const up = await uploadEvidence(env, number, phishingEml(), { name: 'quota.eml' });
    const base = `/api/v1/cases/${number}/evidence/${up.body.id}`;
    // Queued with the item, in its transaction; shown as pending until the job ran.
    const job = await env.db
      .selectFrom('jobs')
      .select(['type', 'state'])
      .where('idempotencyKey', '=', `parse-message:${up.body.id}`)
      .executeTakeFirstOrThrow();
    expect(job).toEqual({ type: 'evidence.parse-message', state: 'queued' });
    const pending = await env.api('investigator').get(`${base}/message`);
    expect(pending.status).toBe(409);
    expect(pending.body.error.details).toEqual({ status: 'pending' });

    await runEvidenceJobs(env);
    const res = await env.api('investigator').get(`${base}/message`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const m = EvidenceMessage.parse(res.body);
    expect(m).toMatchObject({
      status: 'parsed',
      subject: 'Action required: mailbox quota – invoice overdue',
      from: [{ name: 'IT Service Desk', address: 'it-support@corp-mail.example' }],
      to: [
        { name: 'Ana Analyst', address: 'ana@corp.example' },
        { name: '', address: 'finance@corp.example' },
      ],
      cc: [{ name: 'Jürgen Müller', address: 'jurgen@corp.example' }],
      replyTo: [{ name: '', address: 'helpdesk@phish.example' }],
      date: 'Mon, 2 Mar 2026 09:14:03 +0100',
      sentAt: '2026-03-02T08:14:03.000Z',
      messageId: '<20260302081403.4Zk2@mail.phish.example>',
      hasHtml: true,
      truncated: [],
    });
    // Quoted-printable decoded, soft line breaks joined.
    expect(m.text).toContain(
      'Payment of €1 240,00 is overdue: keep your mailbox at https://phish.example/login before the end of the day.',
    );
    expect(m.headers.find((h) => h.name === 'Received')?.value).toContain('by mx.corp.example');
    expect(m.headers.map((h) => h.name).slice(0, 3)).toEqual(['Return-Path', 'Received', 'From']);
    expect(m.attachments).toEqual([
      {
        index: 1,
        filename: 'logo.png',
        contentType: 'image/png',
        detectedType: 'image/png',
        sizeBytes: PNG_1X1.length,
        sha256: sha(PNG_1X1),
        contentId: '<logo-7f3a@corp-mail.example>',
        disposition: 'inline',
        evidenceId: null,
      },
      {
        index: 2,
        filename: 'Invoice 2026-0317.pdf',
        contentType: 'application/pdf',
        detectedType: 'application/pdf',
        sizeBytes: INVOICE_PDF.length,
        sha256: sha(INVOICE_PDF),
        contentId: null,
        disposition: 'attachment',
        evidenceId: null,
      },
    ]);

    const raw = await env.api('investigator').get(`${base}/message/raw-headers`);
    expect(raw.status).toBe(200);
    expect(raw.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(raw.headers['x-content-type-options']).toBe('nosniff');
    expect(raw.headers['content-security-policy']).toBe("sandbox; default-src 'none'");
    expect(raw.body).toMatch(/^Return-Path: <bounce@phish\.example>\r\nReceived: from mail/);
    expect(raw.body).toContain('Content-Type: multipart/mixed; boundary="mixed-b1"');
    expect(raw.body).not.toContain('This is a multi-part message');
    expect(m.rawHeadersBytes).toBe(Buffer.byteLength(raw.body));
  });

  it('serves the HTML body inert: no script, handler, form, refresh, base, nor anything remote', async () => {
    const { id, base } = await parsedEmail(phishingEml());
    const res = await env.app.inject({
      method: 'GET',
      url: `${base}/message/html`,
      headers: { authorization: `Bearer ${env.members.investigator.token}` },
      remoteAddress: '10.9.8.7',
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers).toMatchObject({
      'content-type': 'text/html; charset=utf-8',
      'x-content-type-options': 'nosniff',
      'content-security-policy':
        "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline'",
      'referrer-policy': 'no-referrer',
    });
    const html = res.body;
    expect(html).toContain('your mailbox is almost full');
    expect(html).toContain('Payment of €1 240,00');
    for (const gone of [
      /<script/i,
      /onerror/i,
      /onclick/i,
      /<form/i,
      /<input/i,
      /<button/i,
      /<meta/i,
      /<base/i,
      /@import/i,
      /http-equiv/i,
      /url\(/i,
    ])
      expect(html, String(gone)).not.toMatch(gone);
    // Nothing remote is referred to, by any attribute or style.
    expect(html).not.toMatch(/tracker\.example/);
    expect(html).not.toMatch(/(?:src|href|background|action)\s*=\s*["']?\s*(?:https?:)?\/\//i);
    // The inline logo is the message's own image, as a data: URI.
    expect(html).toContain(`src="data:image/png;base64,${PNG_1X1.toString('base64')}"`);
    // The phishing link does not navigate; its target is shown as a tooltip.
    expect(html).toMatch(
      /<a title="Link \(not followed here\): https:\/\/phish\.example\/login">Keep my mailbox<\/a>/,
    );
    const d = EvidenceDetail.parse((await env.api('investigator').get(base)).body);
    expect(d.custody.at(-1)).toMatchObject({
      action: 'viewed',
      address: '10.9.8.7',
      details: { part: 'html', remote: false },
      actor: { id: env.members.investigator.id },
    });
    expect(d.chainIntact).toBe(true);
    void id;
  });

  it('lets http(s) images load only when asked, and nothing else', async () => {
    const { base } = await parsedEmail(phishingEml());
    const res = await env.api('investigator').get(`${base}/message/html?remote=true`);
    expect(res.status).toBe(200);
    expect(res.headers['content-security-policy']).toBe(
      "sandbox; default-src 'none'; img-src data: http: https:; style-src 'unsafe-inline'",
    );
    expect(res.body).toContain('src="https://tracker.example/open.gif?u=42"');
    expect(res.body).toContain('url(&quot;https://tracker.example/div.png&quot;)');
    expect(res.body).not.toMatch(/<script|onerror|<form|@import|<meta|<base/i);
    const d = EvidenceDetail.parse((await env.api('investigator').get(base)).body);
    expect(d.custody.at(-1)).toMatchObject({
      action: 'viewed',
      details: { part: 'html', remote: true },
    });
    expect((await env.api('investigator').get(`${base}/message/html?remote=maybe`)).status).toBe(
      400,
    );
  });

  it('adds an attachment as evidence of its own with the e-mail as parent, once', async () => {
    const { number, id, base } = await parsedEmail(phishingEml());
    const res = await env.api('investigator').post(`${base}/message/attachments/2`);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const item = EvidenceItem.parse(res.body);
    expect(item).toMatchObject({
      caseNumber: number,
      parentId: id,
      kind: 'file',
      name: 'Invoice 2026-0317.pdf',
      sha256: createHash('sha256').update(INVOICE_PDF).digest('hex'),
      sizeBytes: INVOICE_PDF.length,
      claimedType: 'application/pdf',
      detectedType: 'application/pdf',
      addedBy: { id: env.members.investigator.id },
    });
    const d = EvidenceDetail.parse(
      (await env.api('investigator').get(`/api/v1/cases/${number}/evidence/${item.id}`)).body,
    );
    expect(d.custody.map((e) => e.action)).toEqual(['added']);
    expect(d.custody[0]!.details).toMatchObject({ fromEmail: id, attachment: 2 });
    expect(d.chainIntact).toBe(true);
    // Its bytes are the decoded attachment: downloaded, they hash to the same SHA-256.
    const content = await env.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${number}/evidence/${item.id}/content?purpose=Check`,
      headers: { authorization: `Bearer ${env.members.investigator.token}` },
    });
    expect(content.rawPayload.equals(INVOICE_PDF)).toBe(true);

    const again = await env.api('admin').post(`${base}/message/attachments/2`);
    expect(again.status).toBe(200);
    expect(EvidenceItem.parse(again.body).id).toBe(item.id);
    const children = await env.db
      .selectFrom('evidenceItems')
      .select('id')
      .where('parentId', '=', id)
      .execute();
    expect(children).toEqual([{ id: item.id }]);
    const listed = EvidenceMessage.parse(
      (await env.api('investigator').get(`${base}/message`)).body,
    );
    expect(listed.attachments[1]!.evidenceId).toBe(item.id);
    const audit = await env.db
      .selectFrom('auditEvents')
      .select('targetId')
      .where('action', '=', 'evidence.added')
      .where('targetId', '=', String(item.id))
      .execute();
    expect(audit).toHaveLength(1);
  });

  it('makes one item when the same attachment is added twice at once', async () => {
    const { id, base } = await parsedEmail(phishingEml());
    const results = await Promise.all(
      Array.from({ length: 4 }, () =>
        env.api('investigator').post(`${base}/message/attachments/1`),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 201]);
    expect(new Set(results.map((r) => r.body.id)).size).toBe(1);
    const children = await env.db
      .selectFrom('evidenceItems')
      .select(['id', 'kind'])
      .where('parentId', '=', id)
      .execute();
    expect(children).toEqual([{ id: results[0]!.body.id, kind: 'capture' }]);
    // The image taken out of the mail gets a thumbnail job of its own.
    const job = await env.db
      .selectFrom('jobs')
      .select('type')
      .where('idempotencyKey', '=', `thumbnail:${children[0]!.id}`)
      .executeTakeFirst();
    expect(job).toEqual({ type: 'evidence.thumbnail' });
  });

  it('refuses attachments that do not exist, and content of items that are not e-mails', async () => {
    const { base } = await parsedEmail(phishingEml());
    expect((await env.api('investigator').post(`${base}/message/attachments/3`)).status).toBe(404);
    const number = await newCase();
    const png = await uploadEvidence(env, number, PNG_1X1);
    const res = await env
      .api('investigator')
      .get(`/api/v1/cases/${number}/evidence/${png.body.id}/message`);
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual({ status: 'none' });
  });

  it('marks a message nested beyond the depth limit failed, with the reason', async () => {
    const { id, base } = await parsedEmail(nestedEml(30));
    const row = await messageRow(id);
    expect(row).toMatchObject({
      status: 'failed',
      failure: 'The message nests MIME parts more than 20 levels deep: it is not parsed',
    });
    const res = await env.api('investigator').get(`${base}/message`);
    expect(res.status).toBe(409);
    expect(res.body.error.details).toEqual({ status: 'failed', reason: row!.failure });
    const job = await env.db
      .selectFrom('jobs')
      .select(['state', 'attempts'])
      .where('idempotencyKey', '=', `parse-message:${id}`)
      .executeTakeFirstOrThrow();
    expect(job).toEqual({ state: 'done', attempts: 1 });
    // Within the limit it parses.
    const ok = await parsedEmail(nestedEml(15));
    expect((await messageRow(ok.id))?.status).toBe('parsed');
  });

  it('marks a message with too many parts failed before parsing it', async () => {
    const { id } = await parsedEmail(manyPartsEml(600));
    expect(await messageRow(id)).toMatchObject({
      status: 'failed',
      failure: 'The message has more than 500 MIME parts: it is not parsed',
    });
    const ok = await parsedEmail(manyPartsEml(50));
    expect(await messageRow(ok.id)).toMatchObject({ status: 'parsed' });
  });

  it('marks a message with an oversized header block or beyond the size limit failed', async () => {
    const huge = `From: a@example.com\r\nSubject: Long\r\n${'X-Filler: '.concat('a'.repeat(990), '\r\n').repeat(1100)}\r\nbody\r\n`;
    const headers = await parsedEmail(huge);
    expect(await messageRow(headers.id)).toMatchObject({
      status: 'failed',
      failure: "The message's header block is larger than 1024 KiB: it is not parsed",
    });
    const number = await newCase();
    const up = await uploadEvidence(env, number, phishingEml());
    await runEvidenceJobs(env, { message: { maxBytes: 1000 } });
    expect(await messageRow(up.body.id)).toMatchObject({
      status: 'failed',
      failure: 'The message is larger than 0 MiB: it is not parsed here; download it to examine it',
    });
  });

  it('terminates a parser that runs out of time, and the job ends cleanly', async () => {
    const number = await newCase();
    const up = await uploadEvidence(env, number, phishingEml());
    const started = Date.now();
    await runEvidenceJobs(env, { message: { timeoutMs: 5 } });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(await messageRow(up.body.id)).toMatchObject({
      status: 'failed',
      failure: 'Parsing took longer than 0.005 s and was stopped: the message is not parsed',
    });
    const job = await env.db
      .selectFrom('jobs')
      .select(['state', 'lastError'])
      .where('idempotencyKey', '=', `parse-message:${up.body.id}`)
      .executeTakeFirstOrThrow();
    expect(job).toEqual({ state: 'done', lastError: null });
    const attachments = await env.db
      .selectFrom('evidenceMessageAttachments')
      .select('idx')
      .where('evidenceId', '=', up.body.id)
      .execute();
    expect(attachments).toEqual([]);
  });
});
