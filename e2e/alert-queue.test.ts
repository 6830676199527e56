import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN, apiAs, PASSWORD, people } from './global-setup.ts';
import { launchBrowser, newPage, screenshot, signIn } from './support.ts';

let browser: Browser;
let page: Page;
let errors: string[];
const baseUrl = inject('baseUrl');
const run = Date.now().toString(36);
// A made-up source and people of this file only, so other files' alerts never interfere.
const source = `wombat-${run}`;
const megan = { email: `megan.bowen.${run}@example.com`, name: `Megan Bowen ${run}` };
const adele = { email: `adele.vance.${run}@example.com`, name: `Adele Vance ${run}` };
const titles = {
  usb: `Files copied to USB ${run}`,
  cloud: `Upload to personal cloud ${run}`,
  signin: `Impossible travel sign-in ${run}`,
};

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page, errors } = await newPage(browser, baseUrl));
  const admin = await apiAs(baseUrl, ADMIN.email, ADMIN.password);
  await admin('POST', '/alerts', {
    alerts: [
      [titles.usb, megan, 'high'],
      [titles.cloud, megan, 'medium'],
      [titles.signin, adele, 'low'],
    ].map(([title, subject, severity], i) => ({
      source,
      externalId: `q-${i}-${run}`,
      title,
      severity,
      riskScore: 50,
      detectedAt: new Date(Date.now() - (i + 1) * 60_000).toISOString(),
      subject,
    })),
  });
  await signIn(page, people.analyst.email, PASSWORD);
});
afterAll(async () => {
  await browser?.close();
});

const rowsOf = (p: Page) => p.getByRole('table', { name: 'Alerts' }).locator('tbody tr');

describe('the alert queue finds and triages alerts from the keyboard', () => {
  it('says how many alerts need review, and counts what a filter matches', async () => {
    await page.goto('/alerts');
    await expect
      .poll(() => page.getByLabel('Matching alerts').textContent())
      .toMatch(/^[\d,]+\+? needs? review$/);
    await page.goto(`/alerts?source=${source}`);
    await expect.poll(() => page.getByLabel('Matching alerts').textContent()).toBe('3 alerts');
  });

  it('focuses the search with /, and finds a person by name or e-mail', async () => {
    await page.goto('/alerts');
    await page.getByRole('heading', { name: 'Alerts' }).waitFor();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('/');
    const search = page.getByRole('textbox', { name: 'Search' });
    expect(await search.evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
    await page.keyboard.type(`adele.vance.${run}`);
    await expect.poll(() => rowsOf(page).count()).toBe(1);
    await rowsOf(page).first().getByText(titles.signin).waitFor();
    await search.fill(megan.name);
    await expect.poll(() => rowsOf(page).count()).toBe(2);
    await expect.poll(() => page.getByLabel('Matching alerts').textContent()).toBe('2 alerts');
  });

  it('offers the known sources and filters by a subject picked by typing', async () => {
    await page.goto('/alerts');
    await page.getByRole('combobox', { name: 'Source', exact: true }).click();
    await page.getByRole('option', { name: source, exact: true }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => rowsOf(page).count()).toBe(3);
    await page.getByRole('combobox', { name: 'Subject', exact: true }).fill(`Megan Bowen ${run}`);
    await page.getByRole('option', { name: new RegExp(`Megan Bowen ${run}`) }).click();
    await expect.poll(() => rowsOf(page).count()).toBe(2);
    expect(page.url()).toContain('subject=');
    await screenshot(page, '25-alert-queue-filters');
  });

  it('dismisses the focused alert with Shift+D, and confirms one with Shift+C', async () => {
    await page.goto(`/alerts?source=${source}`);
    await expect.poll(() => rowsOf(page).count()).toBe(3);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    // The second row is the cloud upload (newest first).
    await rowsOf(page).nth(1).getByText(titles.cloud).waitFor();
    await page.keyboard.press('Shift+D');
    const dismiss = page.getByRole('dialog', { name: 'Dismiss alert' });
    await dismiss.getByRole('radio', { name: /False positive/ }).check();
    await dismiss.getByLabel('Reason').fill('Approved transfer to the vendor share.');
    await dismiss.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => rowsOf(page).count()).toBe(2);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    await page.keyboard.press('Shift+C');
    const confirm = page.getByRole('dialog', { name: /Confirm/ });
    await confirm.waitFor();
    await page.keyboard.press('Escape');
    await confirm.waitFor({ state: 'hidden' });
    expect(await rowsOf(page).count()).toBe(2);
  });

  it('filters dismissed alerts by category, with each category counted', async () => {
    await page.goto(`/alerts?source=${source}&status=dismissed`);
    await expect.poll(() => rowsOf(page).count()).toBe(1);
    await page.getByLabel('Dismissed as', { exact: true }).first().click();
    const option = page.getByRole('option', { name: /^False positive \(\d+\)$/ });
    await option.waitFor();
    await page.getByRole('option', { name: /^Duplicate \(\d+\)$/ }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => rowsOf(page).count()).toBe(0);
    await page.goto(`/alerts?source=${source}&status=dismissed&dismissed=false_positive`);
    await rowsOf(page).first().getByText(titles.cloud).waitFor();
  });

  it('raised no script errors', () => {
    expect(errors).toEqual([]);
  });
});
