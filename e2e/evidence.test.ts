import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Download, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN, apiAs, PASSWORD, people } from './global-setup.ts';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn } from './support.ts';

/**
 * An investigator adds evidence to a case in the browser, by drag-and-drop and with the file
 * picker, sees it in the table and the gallery, reads its custody log and downloads it saying
 * why. Crafted HTML and SVG files run nothing; an analyst sees no evidence at all.
 */
const baseUrl = inject('baseUrl');
const run = Date.now().toString(36);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==',
  'base64',
);
const TEXT = Buffer.from(`host LAPTOP-4411 copied 2300 files to E:\\ (${run})\n`);
const HTML = Buffer.from(`<html><body><script>alert('html ${run}')</script>
<img src=x onerror="alert('img')"></body></html>`);
const SVG = Buffer.from(`<svg xmlns="http://www.w3.org/2000/svg" onload="alert('svg')">
<script>alert('svg script')</script><rect width="10" height="10"/></svg>`);
const XHTML = Buffer.from(`<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml">
<body onload="alert('xhtml')"><script>alert('xhtml script')</script></body></html>`);
/** HTML bytes under an image's name and claimed type: detected as HTML, never shown. */
const FAKE_PNG = Buffer.from(`<html><body><script>alert('fake png')</script></body></html>`);
const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');

let browser: Browser;
let page: Page;
let errors: string[];
let dialogs = 0;
let caseNumber = 0;
let heldCase = 0;
let alertId = 0;

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page, errors } = await newPage(browser, baseUrl));
  page.on('dialog', (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  const admin = await apiAs(baseUrl, ADMIN.email, ADMIN.password);
  alertId = (
    await admin('POST', '/alerts', {
      source: 'dlp',
      externalId: `evidence-${run}`,
      title: `USB copy ${run}`,
      severity: 'high',
      detectedAt: new Date().toISOString(),
    })
  ).results[0].id as number;
  caseNumber = (await admin('POST', '/cases', { title: `Evidence of the USB copy ${run}` }))
    .number as number;
  heldCase = (await admin('POST', '/cases', { title: `Held for legal review ${run}` }))
    .number as number;
  const ivy = await apiAs(baseUrl, people.investigator.email, PASSWORD);
  const upload = (n: number, name: string, query: string) =>
    ivy('POST', `/cases/${n}/evidence?${query}`, new Uint8Array(PNG), {
      'content-type': 'application/octet-stream',
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
    });
  await upload(
    caseNumber,
    `agent-${run}.png`,
    `capturedAt=2025-11-30T09:12:00Z&alertId=${alertId}`,
  );
  await upload(heldCase, `held-${run}.png`, 'note=kept');
  const db = new Database(join(inject('dataDir'), 'casefile.db'));
  db.pragma('busy_timeout = 5000');
  db.prepare('update cases set legal_hold_at = ? where number = ?').run(
    new Date().toISOString(),
    heldCase,
  );
  db.close();
  await signIn(page, people.investigator.email, PASSWORD);
});
afterAll(async () => {
  await browser?.close();
});

/** Drops files on the zone as a person dragging them from the desktop would. */
async function dropFiles(files: Array<{ name: string; bytes: Buffer; type: string }>) {
  const spec = JSON.stringify(files.map((f) => ({ ...f, bytes: f.bytes.toString('base64') })));
  const transfer = await page.evaluateHandle(`(() => {
    const dt = new DataTransfer();
    for (const f of ${spec})
      dt.items.add(new File([Uint8Array.from(atob(f.bytes), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    return dt;
  })()`);
  const zone = page.getByTestId('evidence-drop');
  for (const type of ['dragenter', 'dragover', 'drop'])
    await zone.dispatchEvent(type, { dataTransfer: transfer });
}

/** How wide the image is once the browser has decoded it: 0 while it has not (or cannot). */
const naturalWidth = (el: unknown) => {
  const img = el as { complete: boolean; naturalWidth: number };
  return img.complete ? img.naturalWidth : 0;
};

const table = () => page.getByRole('table', { name: 'Evidence' });
const row = (name: string) => table().getByRole('row').filter({ hasText: name });

async function addStaged(count: number) {
  await page
    .getByRole('button', { name: count === 1 ? 'Add 1 file' : `Add ${count} files` })
    .click();
}

async function openItem(name: string) {
  await row(name).getByRole('button', { name }).click();
  const drawer = page.getByRole('dialog', { name });
  await drawer.getByRole('table', { name: 'Custody log' }).waitFor();
  return drawer;
}

async function downloadWithPurpose(name: string, purpose: string): Promise<Download> {
  const drawer = await openItem(name);
  await drawer.getByRole('button', { name: 'Download' }).click();
  const dialog = page.getByRole('dialog', { name: 'Download evidence' });
  const confirm = dialog.getByRole('button', { name: 'Download' });
  expect(await confirm.isDisabled()).toBe(true);
  await dialog.getByLabel('Purpose').fill(purpose);
  const download = page.waitForEvent('download');
  await confirm.click();
  return download;
}

describe('evidence of a case in the browser', () => {
  it('adds a capture by drag-and-drop and a text file with the picker, each with its progress', async () => {
    await page.goto(`/cases/${caseNumber}`);
    await page.getByRole('tab', { name: 'Evidence' }).click();
    await row(`agent-${run}.png`).waitFor();
    await dropFiles([{ name: `screen-${run}.png`, bytes: PNG, type: 'image/png' }]);
    await page.getByRole('list', { name: 'Files to add' }).getByText(`screen-${run}.png`).waitFor();
    await page.getByLabel('Note').fill('Explorer window showing drive E:');
    await page.getByLabel('Acquisition method').fill('Endpoint agent screen capture');
    await addStaged(1);
    const uploads = page.getByRole('list', { name: 'Uploads' });
    await uploads
      .getByRole('listitem', { name: `screen-${run}.png` })
      .getByText('Added')
      .waitFor();

    await page.getByLabel('Evidence files').setInputFiles([
      { name: `usb-${run}.log`, mimeType: 'text/plain', buffer: TEXT },
      { name: 'empty.txt', mimeType: 'text/plain', buffer: Buffer.alloc(0) },
    ]);
    await addStaged(2);
    await uploads
      .getByRole('listitem', { name: `usb-${run}.log` })
      .getByText('Added')
      .waitFor();
    // A refused file says why in its own row; the other was stored all the same.
    const empty = uploads.getByRole('listitem', { name: 'empty.txt' });
    await empty.getByText('Not added').waitFor();
    expect(await empty.getByRole('alert').textContent()).toMatch(/empty/i);

    const png = row(`screen-${run}.png`);
    await png.waitFor();
    expect(await png.getByText('image/png').count()).toBe(1);
    expect(await png.getByText('Explorer window showing drive E:').count()).toBe(1);
    expect(await png.getByTitle(sha(PNG)).textContent()).toBe(
      `${sha(PNG).slice(0, 8)}…${sha(PNG).slice(-6)}`,
    );
    const log = row(`usb-${run}.log`);
    expect(await log.getByText('text/plain').count()).toBe(1);
    expect(await log.getByText(`${TEXT.length} B`).count()).toBe(1);
    expect(await log.getByText(people.investigator.name).count()).toBe(1);
    await expectAccessible(page, 'evidence table');
    await screenshot(page, 'evidence-table');
  });

  it('filters by kind and words, and shows the captures in a gallery, loaded from the server', async () => {
    await page.getByRole('radiogroup', { name: 'Kind' }).getByText('Files').click();
    await row(`usb-${run}.log`).waitFor();
    await expect.poll(() => row(`screen-${run}.png`).count()).toBe(0);
    await page.getByRole('radiogroup', { name: 'Kind' }).getByText('All').click();
    await page.getByLabel('Search evidence').fill('Explorer window');
    await expect.poll(() => table().getByRole('row').count()).toBe(2);
    await page.getByLabel('Search evidence').fill('nothing like this');
    await page.getByText('No evidence matches these filters').waitFor();
    await page.getByLabel('Search evidence').fill('');

    await page.getByRole('radiogroup', { name: 'Show as' }).getByText('Gallery').click();
    const tile = (name: string) =>
      page
        .getByRole('list', { name: 'Captures' })
        .getByRole('button', { name: new RegExp(`^${name}`) });
    const img = tile(`screen-${run}.png`).locator('img');
    await img.waitFor();
    // The tile shows the thumbnail the server made in the background (the list asks again
    // until it is made), never more than it needs.
    await expect
      .poll(() => img.getAttribute('src'))
      .toMatch(/^\/api\/v1\/cases\/\d+\/evidence\/\d+\/thumbnail$/);
    await expect.poll(() => img.evaluate(naturalWidth)).toBeGreaterThan(0);
    expect(await tile(`usb-${run}.log`).count()).toBe(0);

    await tile(`agent-${run}.png`).click();
    const viewer = page.getByRole('dialog', { name: `agent-${run}.png` });
    await viewer.getByText(/30 Nov 2025, \d\d:12:00/).waitFor();
    expect(await viewer.getByRole('link', { name: `Alert #${alertId}` }).count()).toBe(1);
    const full = viewer.getByRole('img', { name: `Capture agent-${run}.png` });
    await expect.poll(() => full.evaluate(naturalWidth)).toBeGreaterThan(0);
    await expectAccessible(page, 'capture viewer');
    await page.keyboard.press('Escape');
    await page.getByRole('radiogroup', { name: 'Show as' }).getByText('Table').click();
  });

  it('shows the custody log and downloads with a purpose, the bytes as they arrived', async () => {
    const download = await downloadWithPurpose(`screen-${run}.png`, 'Attach to the HR report');
    expect(download.suggestedFilename()).toBe(`screen-${run}.png`);
    expect(sha(readFileSync(await download.path()))).toBe(sha(PNG));

    const drawer = page.getByRole('dialog', { name: `screen-${run}.png` });
    await drawer.getByText('Chain intact').first().waitFor();
    const custody = drawer.getByRole('table', { name: 'Custody log' });
    await custody.getByText('Purpose: Attach to the HR report').waitFor();
    const actions = await custody
      .locator('tbody tr td:nth-child(2) p:first-child')
      .allTextContents();
    expect(actions.slice(0, 2)).toEqual(['Acquired', 'Added']);
    expect(actions.at(-1)).toBe('Downloaded');
    expect(await custody.getByText(people.investigator.name).count()).toBe(actions.length);
    expect(await drawer.getByText(sha(PNG), { exact: true }).count()).toBe(1);
    await expectAccessible(page, 'evidence detail');
    await screenshot(page, 'evidence-detail');
    await page.keyboard.press('Escape');
  });

  it('downloads crafted HTML, SVG, XHTML and HTML-in-PNG files as attachments that run nothing', async () => {
    await page.getByLabel('Evidence files').setInputFiles([
      { name: `page-${run}.html`, mimeType: 'text/html', buffer: HTML },
      { name: `image-${run}.svg`, mimeType: 'image/svg+xml', buffer: SVG },
      { name: `page-${run}.xhtml`, mimeType: 'application/xhtml+xml', buffer: XHTML },
      { name: `fake-${run}.png`, mimeType: 'image/png', buffer: FAKE_PNG },
    ]);
    await addStaged(4);
    for (const [name, bytes] of [
      [`page-${run}.html`, HTML],
      [`image-${run}.svg`, SVG],
      [`page-${run}.xhtml`, XHTML],
      [`fake-${run}.png`, FAKE_PNG],
    ] as const) {
      await row(name).waitFor();
      const download = await downloadWithPurpose(name, 'Check for script');
      expect(sha(readFileSync(await download.path()))).toBe(sha(bytes));
      // Followed as a link to the page itself, the content is still a download, not a page.
      const id = (
        await page
          .getByRole('dialog', { name })
          .getByText(/^Evidence #\d+$/)
          .textContent()
      )?.replace(/\D/g, '');
      const url = `/api/v1/cases/${caseNumber}/evidence/${id}/content?purpose=again`;
      const direct = page.waitForEvent('download');
      await page.evaluate(`location.href = ${JSON.stringify(url)}`);
      expect((await direct).suggestedFilename()).toBe(name);
      expect(new URL(page.url()).pathname).toBe(`/cases/${caseNumber}`);
      await page.keyboard.press('Escape');
    }
    // The "PNG" is what its bytes are: text (never sniffed as a page), a file, which the
    // inline view refuses to show.
    const fake = row(`fake-${run}.png`);
    expect(await fake.getByText('text/plain').count()).toBe(1);
    await fake.getByRole('button', { name: `fake-${run}.png` }).click();
    const fakeId = (
      await page
        .getByRole('dialog', { name: `fake-${run}.png` })
        .getByText(/^Evidence #\d+$/)
        .textContent()
    )?.replace(/\D/g, '');
    await page.keyboard.press('Escape');
    const view = await page.request.get(`/api/v1/cases/${caseNumber}/evidence/${fakeId}/view`);
    expect(view.status()).toBeGreaterThanOrEqual(400);
    expect(view.headers()['content-type']).toMatch(/application\/json/);
    await page.waitForTimeout(500);
    expect(dialogs).toBe(0);
    expect(await page.evaluate('document.title')).toMatch(/Casefile/);
  });

  it('removes an item with a reason, and keeps it in view among the removed', async () => {
    const drawer = await openItem(`usb-${run}.log`);
    await drawer.getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog', { name: 'Remove evidence' });
    await dialog.getByLabel('Reason').fill('Duplicate of the agent export');
    await dialog.getByRole('button', { name: 'Remove' }).click();
    await drawer
      .getByText(/Duplicate of the agent export/)
      .first()
      .waitFor();
    expect(await drawer.getByRole('button', { name: 'Download' }).isDisabled()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => row(`usb-${run}.log`).count()).toBe(0);
    await page.getByRole('switch', { name: 'Show removed' }).check();
    await row(`usb-${run}.log`).getByText('removed').waitFor();
  });

  it('refuses removal under legal hold, saying why', async () => {
    await page.goto(`/cases/${heldCase}?tab=evidence`);
    const drawer = await openItem(`held-${run}.png`);
    expect(await drawer.getByRole('button', { name: 'Remove' }).isDisabled()).toBe(true);
    await drawer
      .getByText('The case is under legal hold: its evidence cannot be removed.')
      .waitFor();
    expect(errors).toEqual([]);
  });

  it('shows an analyst no Evidence tab, even when asked for it in the address', async () => {
    const { page: analyst } = await newPage(browser, baseUrl);
    await signIn(analyst, people.analyst.email, PASSWORD);
    await analyst.goto(`/cases/${caseNumber}?tab=evidence`);
    await analyst.getByRole('tab', { name: 'Overview', selected: true }).waitFor();
    expect(await analyst.getByRole('tab', { name: 'Evidence' }).count()).toBe(0);
    await analyst.getByRole('tab', { name: 'Activity' }).click();
    await analyst.getByText('Case opened').first().waitFor();
    expect(await analyst.getByText(`screen-${run}.png`).count()).toBe(0);
    await analyst.context().close();
  });
});
