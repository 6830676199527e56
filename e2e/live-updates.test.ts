import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN, apiAs, PASSWORD } from './global-setup.ts';
import { choose, launchBrowser, newPage, screenshot, signIn } from './support.ts';

// Two analysts in two browser contexts: what one changes shows on the other's page without
// a reload, carried by the live-update stream.
let browser: Browser;
let pageA: Page;
let pageB: Page;
let errors: string[];
const baseUrl = inject('baseUrl');
const ben = { email: 'ben.live@example.com', name: 'Ben Second', role: 'analyst' };
const ana = { email: 'lena.live@example.com', name: 'Lena First', role: 'analyst' };
let caseNumber = 0;

beforeAll(async () => {
  const admin = await apiAs(baseUrl, ADMIN.email, ADMIN.password);
  for (const p of [ana, ben]) await admin('POST', '/accounts', { ...p, password: PASSWORD });
  browser = await launchBrowser();
  ({ page: pageA, errors } = await newPage(browser, baseUrl));
  ({ page: pageB } = await newPage(browser, baseUrl));
  await signIn(pageA, ana.email, PASSWORD);
  await signIn(pageB, ben.email, PASSWORD);
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
