import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN, apiAs } from './global-setup.ts';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn } from './support.ts';

let browser: Browser;
let page: Page;
let errors: string[];
const baseUrl = inject('baseUrl');
const run = Date.now().toString(36);
const url = `https://hooks.example.com/casefile/${run}`;

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page, errors } = await newPage(browser, baseUrl));
});
afterAll(async () => {
  await browser?.close();
});

describe('an administrator manages webhooks', () => {
  it('adds a webhook and is shown its secret once', async () => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/settings?section=webhooks');
    await page.getByLabel('Receiver URL').fill('http://169.254.169.254/latest/meta-data/');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    await page.getByText(/non-public address: 169\.254\.169\.254 is a link-local/).waitFor();

    await page.getByLabel('Receiver URL').fill(url);
    await page.getByLabel('Description').fill(`SOAR ${run}`);
    await page.getByLabel('Every event type').uncheck();
    await page.getByRole('combobox', { name: 'Event types' }).click();
    await page.getByRole('option', { name: /Case opened/ }).click();
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'Copy the signing secret now' });
    const secret = (await notice.locator('code').filter({ hasText: 'whsec_' }).textContent()) ?? '';
    expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{40,}=*$/);
    await expectAccessible(page, 'webhooks');
    await screenshot(page, '70-webhook-secret');

    const row = page.getByRole('row').filter({ hasText: url });
    await row.getByText('Case opened').waitFor();
    await page.reload();
    await page.getByRole('row').filter({ hasText: url }).waitFor();
    expect(await page.content()).not.toContain(secret);
    expect(errors).toEqual([]);
  });

  it('disables, rotates, shows deliveries and deletes with a confirmation', async () => {
    await page.goto('/settings?section=webhooks');
    const row = page.getByRole('row').filter({ hasText: url });
    const toggle = row.getByRole('switch', { name: `Disable the webhook to ${url}` });
    await toggle.click();
    await row.getByRole('switch', { name: `Enable the webhook to ${url}` }).waitFor();
    const admin = await apiAs(baseUrl, ADMIN.email, ADMIN.password);
    const listed = (await admin('GET', '/webhooks')).items as { url: string; enabled: boolean }[];
    expect(listed.find((w) => w.url === url)?.enabled).toBe(false);

    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Rotate secret' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: `New secret for ${url}` })
      .waitFor();

    await row.getByRole('button', { name: 'Deliveries' }).click();
    await page.getByText('No deliveries yet').waitFor();

    page.once('dialog', (d) => void d.accept());
    await row.getByRole('button', { name: 'Delete' }).click();
    await row.waitFor({ state: 'detached' });
    const after = (await admin('GET', '/webhooks')).items as { url: string }[];
    expect(after.map((w) => w.url)).not.toContain(url);
    expect(errors).toEqual([]);
  });
});
