import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { LiveChange } from '../contract/live.ts';
import { ADMIN, apiAs, PASSWORD } from './global-setup.ts';
import { choose, launchBrowser, newPage, screenshot, signIn } from './support.ts';

// Two analysts in two browser contexts: what one changes shows on the other's page without
// a reload, carried by the live-update stream. Then two investigators with the same case's
// Evidence tab open: one adds, downloads and removes evidence, the other sees it happen.
let browser: Browser;
let pageA: Page;
let pageB: Page;
let pageC: Page;
let pageD: Page;
let errors: string[];
const baseUrl = inject('baseUrl');
const ben = { email: 'ben.live@example.com', name: 'Ben Second', role: 'analyst' };
const ana = { email: 'lena.live@example.com', name: 'Lena First', role: 'analyst' };
const iris = { email: 'iris.live@example.com', name: 'Iris Uploader', role: 'investigator' };
const ivo = { email: 'ivo.live@example.com', name: 'Ivo Watcher', role: 'investigator' };
let caseNumber = 0;
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==',
  'base64',
);

beforeAll(async () => {
  const admin = await apiAs(baseUrl, ADMIN.email, ADMIN.password);
  for (const p of [ana, ben, iris, ivo])
    await admin('POST', '/accounts', { ...p, password: PASSWORD });
  browser = await launchBrowser();
  ({ page: pageA, errors } = await newPage(browser, baseUrl));
  ({ page: pageB } = await newPage(browser, baseUrl));
  ({ page: pageC } = await newPage(browser, baseUrl));
  ({ page: pageD } = await newPage(browser, baseUrl));
  await signIn(pageA, ana.email, PASSWORD);
  await signIn(pageB, ben.email, PASSWORD);
  await signIn(pageC, iris.email, PASSWORD);
  await signIn(pageD, ivo.email, PASSWORD);
  const asBen = await apiAs(baseUrl, ben.email, PASSWORD);
  caseNumber = (await asBen('POST', '/cases', { title: 'Badge used at two sites at once' }))
    .number as number;
});
afterAll(async () => {
  await browser?.close();
});

/** The stream of a page is open once its `ready` event arrived (the page then listens). */
async function streamOpen(page: Page, path: string) {
  const ready = page.waitForResponse((r) => r.url().includes('/api/v1/stream'));
  await page.goto(path);
  expect((await ready).status()).toBe(200);
}

describe('live updates between two analysts', () => {
  it('shows B’s comment, status change and task on A’s open case without reload', async () => {
    await streamOpen(pageA, `/cases/${caseNumber}`);
    await pageA.getByRole('heading', { name: /Badge used at two sites/ }).waitFor();
    await pageA.getByRole('tab', { name: /Activity/ }).click();
    const loaded = await pageA.evaluate(() => performance.timeOrigin);

    await pageB.goto(`/cases/${caseNumber}`);
    await pageB.getByRole('heading', { name: /Badge used at two sites/ }).waitFor();
    await pageB.getByRole('tab', { name: /Activity/ }).click();
    await pageB.getByRole('textbox', { name: 'Add a comment' }).fill('Checked the door logs.');
    await pageB.getByRole('button', { name: /Comment/ }).click();
    await pageA.getByText('Checked the door logs.').waitFor();

    await choose(pageB, 'Status', 'Open');
    await pageB.getByText('Status changed from New to Open').waitFor();
    await pageA.getByText('Status changed from New to Open').waitFor();
    await expect
      .poll(() => pageA.getByRole('combobox', { name: 'Status', exact: true }).inputValue())
      .toBe('Open');

    await pageB.getByRole('tab', { name: /Tasks/ }).click();
    const form = pageB.getByRole('form', { name: 'New task' });
    await form.getByRole('textbox', { name: 'New task' }).fill('Ask the site manager');
    await form.getByRole('button', { name: 'Add task' }).click();
    await pageA.getByRole('tab', { name: 'Tasks (1/1)' }).waitFor();
    await pageA.getByRole('tab', { name: /Tasks/ }).click();
    await pageA.getByText('Ask the site manager').waitFor();

    // The same document all along: nothing was reloaded.
    expect(await pageA.evaluate(() => performance.timeOrigin)).toBe(loaded);
    await screenshot(pageA, 'live-01-case');
  });

  it('shows a case B opened on A’s dashboard, behind a banner, marked new', async () => {
    await streamOpen(pageA, '/');
    await pageA.getByRole('heading', { name: 'Cases' }).waitFor();
    const asBen = await apiAs(baseUrl, ben.email, PASSWORD);
    const created = await asBen('POST', '/cases', { title: 'Tailgating at the loading dock' });
    const banner = pageA.getByRole('status').filter({ hasText: /new or updated case/ });
    await banner.waitFor();
    await banner.getByRole('button', { name: 'Show' }).click();
    const row = pageA.getByRole('row').filter({ hasText: 'Tailgating at the loading dock' });
    await row.waitFor();
    await row.getByText('new', { exact: true }).waitFor();
    expect(await row.textContent()).toContain(String(created.number));
    await screenshot(pageA, 'live-02-dashboard');
    expect(errors).toEqual([]);
  });
});

/**
 * Opens a stream of the page's own (besides the console's) on a case and keeps what it hears,
 * so a test can say what reached a tab and what never did.
 */
async function overhear(page: Page, number: number) {
  await page.evaluate(`new Promise((ready) => {
    window.heard = [];
    const s = new EventSource('/api/v1/stream?case=${number}');
    s.addEventListener('change', (e) => window.heard.push(JSON.parse(e.data)));
    s.addEventListener('ready', ready);
  })`);
}
const heard = (page: Page) => page.evaluate<LiveChange[]>('window.heard');

describe('live updates of a case’s evidence between two investigators', () => {
  const name = `door-camera-${Date.now().toString(36)}.png`;
  let number = 0;

  it('shows the evidence Iris adds in Ivo’s open Evidence tab, and its custody as it grows', async () => {
    const admin = await apiAs(baseUrl, ADMIN.email, ADMIN.password);
    number = (await admin('POST', '/cases', { title: 'Camera stills of the loading dock' }))
      .number as number;
    for (const page of [pageC, pageD]) {
      await streamOpen(page, `/cases/${number}`);
      await page.getByRole('tab', { name: 'Evidence' }).click();
      await page.getByText('No evidence yet').waitFor();
    }
    // The analyst has the case open too: no Evidence tab, and her stream hears nothing of it.
    await streamOpen(pageA, `/cases/${number}`);
    await pageA.getByRole('heading', { name: /Camera stills/ }).waitFor();
    expect(await pageA.getByRole('tab', { name: 'Evidence' }).count()).toBe(0);
    await overhear(pageA, number);
    await overhear(pageD, number);
    const loaded = await pageD.evaluate(() => performance.timeOrigin);

    await pageC
      .getByLabel('Evidence files')
      .setInputFiles([{ name, mimeType: 'image/png', buffer: PNG }]);
    await pageC.getByRole('button', { name: 'Add 1 file' }).click();
    await pageC
      .getByRole('list', { name: 'Uploads' })
      .getByRole('listitem', { name })
      .getByText('Added')
      .waitFor();

    const row = pageD.getByRole('table', { name: 'Evidence' }).getByRole('row').filter({
      hasText: name,
    });
    await row.waitFor();
    expect(await row.getByText(iris.name).count()).toBe(1);
    // The server made its thumbnail in the background, and the tab heard of it.
    await expect
      .poll(async () => (await heard(pageD)).map((c) => c.type))
      .toContain('evidence.thumbnail_finished');

    await row.getByRole('button', { name }).click();
    const drawer = pageD.getByRole('dialog', { name });
    const custody = drawer.getByRole('table', { name: 'Custody log' });
    await custody.waitFor();
    const id = (await heard(pageD)).find((c) => c.type === 'evidence.added')?.evidenceIds?.[0];
    expect(id).toBeGreaterThan(0);
    // Iris downloads it from her tab, saying why.
    const hers = pageC.getByRole('table', { name: 'Evidence' }).getByRole('row').filter({
      hasText: name,
    });
    await hers.getByRole('button', { name }).click();
    await pageC.getByRole('dialog', { name }).getByRole('button', { name: 'Download' }).click();
    const dialog = pageC.getByRole('dialog', { name: 'Download evidence' });
    await dialog.getByLabel('Purpose').fill('Compare with badge log');
    const download = pageC.waitForEvent('download');
    await dialog.getByRole('button', { name: 'Download' }).click();
    await download;
    await pageC.keyboard.press('Escape');
    await custody.getByText('Purpose: Compare with badge log').waitFor();
    await custody.getByText(iris.name).first().waitFor();
    await screenshot(pageD, 'live-03-evidence-custody');

    const asIris = await apiAs(baseUrl, iris.email, PASSWORD);
    await asIris('DELETE', `/cases/${number}/evidence/${id}`, {
      reason: 'A still of another dock',
    });
    await drawer.getByText('Removed', { exact: true }).first().waitFor();
    await pageD.keyboard.press('Escape');
    await pageD.getByText('No evidence yet').waitFor();

    // The same document all along: nothing was reloaded.
    expect(await pageD.evaluate(() => performance.timeOrigin)).toBe(loaded);
  });

  it('tells an analyst with the same case open nothing of its evidence', async () => {
    const admin = await apiAs(baseUrl, ADMIN.email, ADMIN.password);
    await admin('POST', `/cases/${number}/comments`, { body: 'Stills checked.' });
    await expect
      .poll(async () => (await heard(pageA)).map((c) => c.type))
      .toContain('comment.added');
    const analystHeard = await heard(pageA);
    expect(analystHeard.map((c) => c.type)).toEqual(['comment.added']);
    expect(JSON.stringify(analystHeard)).not.toMatch(/evidence/i);
    expect(errors).toEqual([]);
  });
});
