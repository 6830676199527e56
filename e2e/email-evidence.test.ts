import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { apiAs, PASSWORD, people } from './global-setup.ts';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn } from './support.ts';

/**
 * An investigator reads a phishing e-mail kept as evidence: the envelope, the HTML body in a
 * frame where nothing runs and nothing remote loads until asked, the text part, the raw
 * headers, and an attachment made evidence of its own; the content explorer finds it by
 * sender, recipient, subject and attachments.
 */
const baseUrl = inject('baseUrl');
const run = Date.now().toString(36);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==',
  'base64',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n',
  'latin1',
);
const lines = (b: Buffer) => (b.toString('base64').match(/.{1,76}/g) ?? []).join('\r\n');

/** Requests the "tracker" got: a remote image is a read receipt to whoever sent the mail. */
const tracked: string[] = [];
let tracker: Server;
let trackerUrl = '';

function phishingEml(): string {
  const html = `<html><head><meta http-equiv="refresh" content="0; url=${trackerUrl}/refresh"></head><body>
<img src="cid:logo-${run}@corp-mail.example" alt="Corp logo">
<p id="lure">Dear colleague, your mailbox ${run} is almost full.</p>
<img id="pixel" src="${trackerUrl}/open.gif?u=42" width="1" height="1" onerror="alert('onerror')">
<form action="${trackerUrl}/steal"><input name="password" type="password"><button>Sign in</button></form>
<script>alert('script ran')</script>
<a href="https://phish.example/login" onclick="alert('click')">Keep my mailbox</a>
</body></html>`;
  return [
    'Received: from mail.phish.example (mail.phish.example [203.0.113.7])',
    '\tby mx.corp.example with ESMTPS id 4Zk2; Mon, 2 Mar 2026 08:14:09 +0000',
    'From: "IT Service Desk" <it-support@corp-mail.example>',
    'Reply-To: helpdesk@phish.example',
    'To: Ana Analyst <ana@corp.example>, finance@corp.example',
    'Subject: =?UTF-8?Q?Mailbox_quota_=E2=80=93_action_required?= ' + run,
    'Date: Mon, 2 Mar 2026 09:14:03 +0100',
    `Message-ID: <${run}.4Zk2@mail.phish.example>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="mixed"',
    '',
    '--mixed',
    'Content-Type: multipart/related; boundary="related"',
    '',
    '--related',
    'Content-Type: multipart/alternative; boundary="alt"',
    '',
    '--alt',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `Dear colleague, your mailbox ${run} is almost full. Keep it at https://phish.example/login`,
    '--alt',
    'Content-Type: text/html; charset=utf-8',
    '',
    html,
    '--alt--',
    '--related',
    'Content-Type: image/png',
    'Content-Transfer-Encoding: base64',
    `Content-ID: <logo-${run}@corp-mail.example>`,
    'Content-Disposition: inline; filename="logo.png"',
    '',
    lines(PNG),
    '--related--',
    '--mixed',
    'Content-Type: application/pdf; name="Invoice 0317.pdf"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="Invoice 0317.pdf"',
    '',
    lines(PDF),
    '--mixed--',
    '',
  ].join('\r\n');
}

const plainEml = () =>
  [
    'From: Dana Jürgensen <dana@corp.example>',
    'To: sam@partner.example',
    `Subject: Offsite agenda ${run}`,
    'Date: Tue, 14 Apr 2026 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'See you there.',
    '',
  ].join('\r\n');

let browser: Browser;
let page: Page;
let errors: string[];
let dialogs = 0;
let caseNumber = 0;

beforeAll(async () => {
  tracker = createServer((req, res) => {
    tracked.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
  });
  await new Promise<void>((resolve) => tracker.listen(0, '127.0.0.1', resolve));
  trackerUrl = `http://127.0.0.1:${(tracker.address() as AddressInfo).port}`;

  browser = await launchBrowser();
  ({ page, errors } = await newPage(browser, baseUrl));
  page.on('dialog', (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  const ivy = await apiAs(baseUrl, people.investigator.email, PASSWORD);
  caseNumber = (await ivy('POST', '/cases', { title: `Phishing report ${run}` })).number as number;
  for (const [name, eml] of [
    [`quota-${run}.eml`, phishingEml()],
    [`offsite-${run}.eml`, plainEml()],
  ] as const)
    await ivy('POST', `/cases/${caseNumber}/evidence`, new TextEncoder().encode(eml), {
      'content-type': 'message/rfc822',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  await signIn(page, people.investigator.email, PASSWORD);
});
afterAll(async () => {
  await browser?.close();
  await new Promise((resolve) => tracker?.close(resolve));
});

const table = () => page.getByRole('table', { name: 'Evidence' });
const row = (name: string) => table().getByRole('row').filter({ hasText: name });
const frame = () => page.frameLocator('iframe[title="E-mail body (sanitised)"]');

describe('e-mail evidence in the browser', () => {
  it('lists e-mails in brief, and the content explorer finds them by their envelope', async () => {
    await page.goto(`/cases/${caseNumber}`);
    await page.getByRole('tab', { name: 'Evidence' }).click();
    // The list asks again while the server reads the messages.
    await row(`quota-${run}.eml`)
      .getByText(/from IT Service Desk/)
      .waitFor();
    expect(
      await row(`quota-${run}.eml`)
        .getByText(/2 attachments/)
        .count(),
    ).toBe(1);

    const filters = page.getByRole('group', { name: 'E-mail filters' });
    await filters.getByLabel('From').fill('service desk');
    await expect.poll(() => row(`offsite-${run}.eml`).count()).toBe(0);
    expect(await row(`quota-${run}.eml`).count()).toBe(1);
    await filters.getByLabel('From').fill('');
    await filters.getByLabel('To or Cc').fill('sam@partner');
    await expect.poll(() => row(`quota-${run}.eml`).count()).toBe(0);
    await filters.getByLabel('To or Cc').fill('');
    await filters.getByRole('radiogroup', { name: 'Attachments' }).getByText('Without').click();
    await expect.poll(() => row(`quota-${run}.eml`).count()).toBe(0);
    await row(`offsite-${run}.eml`).waitFor();
    await filters.getByLabel('Subject').fill('agenda nothing');
    await page.getByText('No evidence matches these filters').waitFor();
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await row(`quota-${run}.eml`).waitFor();
    await expectAccessible(page, 'content explorer');
    await screenshot(page, 'content-explorer');
  });

  it('shows the message with its envelope and a body in which nothing runs or loads', async () => {
    await row(`quota-${run}.eml`)
      .getByRole('button', { name: `quota-${run}.eml` })
      .click();
    const drawer = page.getByRole('dialog', { name: `quota-${run}.eml` });
    await drawer.getByRole('heading', { name: `Mailbox quota – action required ${run}` }).waitFor();
    await drawer.getByText('IT Service Desk <it-support@corp-mail.example>').waitFor();
    await drawer.getByText('replies go elsewhere than the sender').waitFor();
    await drawer.getByText('Mon, 2 Mar 2026 09:14:03 +0100').waitFor();

    const iframe = drawer.locator('iframe[title="E-mail body (sanitised)"]');
    expect(await iframe.getAttribute('sandbox')).toBe('');
    await frame().locator('#lure').waitFor();
    // The message's own logo is shown (inlined by the server); the tracker sees nothing.
    await expect
      .poll(() =>
        frame()
          .getByRole('img', { name: 'Corp logo' })
          .evaluate((el) => (el as { naturalWidth: number }).naturalWidth),
      )
      .toBeGreaterThan(0);
    expect(await frame().locator('script, form, meta, #pixel[src]').count()).toBe(0);
    await frame().getByText('Keep my mailbox').click();
    await page.waitForTimeout(300);
    expect(tracked).toEqual([]);
    expect(dialogs).toBe(0);
    await expectAccessible(page, 'e-mail viewer');
    await screenshot(page, 'email-viewer');

    await drawer.getByRole('button', { name: 'Load remote content' }).click();
    await expect.poll(() => tracked.filter((u) => u.startsWith('/open.gif')).length).toBe(1);
    expect(tracked.some((u) => u.startsWith('/refresh') || u.startsWith('/steal'))).toBe(false);
    await drawer.getByRole('button', { name: 'Block remote content' }).click();
    expect(dialogs).toBe(0);
  });

  it('shows the text part, every header and the raw header block as text', async () => {
    const drawer = page.getByRole('dialog', { name: `quota-${run}.eml` });
    await drawer.getByRole('tab', { name: 'Plain text' }).click();
    await drawer.getByText(`your mailbox ${run} is almost full. Keep it at`).waitFor();
    await drawer.getByRole('tab', { name: /^Headers/ }).click();
    const headers = drawer.getByRole('table', { name: 'Headers' });
    await headers.getByText('Received', { exact: true }).waitFor();
    expect(await headers.getByText(/by mx\.corp\.example with ESMTPS/).count()).toBe(1);
    await drawer.getByRole('tab', { name: /^Raw headers/ }).click();
    await drawer.getByText(/Subject: =\?UTF-8\?Q\?Mailbox_quota/).waitFor();
  });

  it('adds an attachment as evidence of its own and opens it, the e-mail its parent', async () => {
    const drawer = page.getByRole('dialog', { name: `quota-${run}.eml` });
    await drawer.getByRole('tab', { name: /^Attachments/ }).click();
    const attachments = drawer.getByRole('table', { name: 'Attachments' });
    const invoice = attachments.getByRole('row').filter({ hasText: 'Invoice 0317.pdf' });
    expect(await invoice.getByText('application/pdf').count()).toBe(1);
    await invoice.getByRole('button', { name: 'Add as evidence' }).click();
    const link = invoice.getByRole('button', { name: /^Evidence #\d+$/ });
    await link.waitFor();
    await link.click();
    const item = page.getByRole('dialog', { name: 'Invoice 0317.pdf' });
    await item
      .getByText(/^Evidence #\d+$/)
      .first()
      .waitFor();
    await item
      .getByText(/^Evidence #\d+$/)
      .nth(1)
      .waitFor();
    expect(await item.getByRole('table', { name: 'Custody log' }).getByText('Added').count()).toBe(
      1,
    );
    await page.keyboard.press('Escape');
    await row('Invoice 0317.pdf').waitFor();
    expect(await row('Invoice 0317.pdf').getByText('application/pdf').count()).toBe(1);
  });

  it('recorded every reading of the e-mail body on its custody log', async () => {
    await row(`quota-${run}.eml`)
      .getByRole('button', { name: `quota-${run}.eml` })
      .click();
    const drawer = page.getByRole('dialog', { name: `quota-${run}.eml` });
    await drawer.getByRole('tab', { name: /^Details and custody/ }).click();
    const custody = drawer.getByRole('table', { name: 'Custody log' });
    await custody.waitFor();
    const actions = await custody
      .locator('tbody tr td:nth-child(2) p:first-child')
      .allTextContents();
    expect(actions[0]).toBe('Added');
    expect(actions.filter((a) => a === 'Viewed').length).toBeGreaterThanOrEqual(2);
    await page.keyboard.press('Escape');
    expect(dialogs).toBe(0);
    // The browser refusing to run script in the message's frame is the sandbox at work; it
    // reports only that frame, and nothing else went wrong.
    const blocked = /^Blocked script execution in '(.*)' because the document's frame is sandboxed/;
    for (const e of errors.filter((m) => blocked.test(m)))
      expect(blocked.exec(e)?.[1]).toMatch(/\/evidence\/\d+\/message\/html\?remote=(true|false)$/);
    expect(errors.filter((m) => !blocked.test(m))).toEqual([]);
  });
});
