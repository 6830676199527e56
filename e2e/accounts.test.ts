import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN, apiAs } from './global-setup.ts';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn } from './support.ts';

let browser: Browser;
let page: Page;
let errors: string[];
const baseUrl = inject('baseUrl');
const run = Date.now().toString(36);
const person = { email: `leaky.${run}@example.com`, name: `Lee Leaky ${run}` };
const firstPassword = 'the first password 2026';
let token = '';

/** Whether an API token still opens the API. */
const tokenWorks = async (secret: string) =>
  (await fetch(`${baseUrl}/api/v1/me`, { headers: { authorization: `Bearer ${secret}` } })).ok;

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page, errors } = await newPage(browser, baseUrl));
  const admin = await apiAs(baseUrl, ADMIN.email, ADMIN.password);
  await admin('POST', '/accounts', { ...person, role: 'analyst', password: firstPassword });
  const self = await apiAs(baseUrl, person.email, firstPassword);
  token = (await self('POST', '/tokens', { name: 'SIEM connector' })).token as string;
});
afterAll(async () => {
  await browser?.close();
});

describe('an administrator sets a password', () => {
  it('ends the sessions and, when chosen, revokes the API tokens', async () => {
    expect(await tokenWorks(token)).toBe(true);
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/settings?section=accounts');
    await page.getByRole('button', { name: `Set password… for ${person.name}` }).click();
    const dialog = page.getByRole('dialog', { name: `Set a new password for ${person.name}` });
    const submit = dialog.getByRole('button', { name: 'Set password' });
    await dialog.getByLabel('New password').fill('too short');
    expect(await submit.isDisabled()).toBe(true);
    await dialog.getByLabel('New password').fill('a new password after the leak');
    await dialog.getByRole('checkbox', { name: /Also revoke their API tokens/ }).check();
    await expectAccessible(page, 'set password');
    await screenshot(page, '60-set-password');
    await submit.click();
    await page.getByText(/their sessions and API tokens were ended/).waitFor();
    expect(await tokenWorks(token)).toBe(false);
    await apiAs(baseUrl, person.email, 'a new password after the leak');
  });

  it('makes a read-only token that expires, and says so in the list', async () => {
    await page.goto('/settings?section=tokens');
    await page.getByLabel('New token name').fill(`Dashboard reader ${run}`);
    await page.getByRole('combobox', { name: 'May' }).click();
    await page.getByRole('option', { name: 'Only read' }).click();
    await page.getByRole('combobox', { name: 'Expires' }).click();
    await page.getByRole('option', { name: 'In 30 days' }).click();
    await page.getByRole('button', { name: 'Create token' }).click();
    // The secret is in the "created" notice; the list shows only the first characters.
    const notice = page.getByRole('alert').filter({ hasText: `Dashboard reader ${run}` });
    const secret = (await notice.locator('code').textContent()) ?? '';
    expect(secret).toMatch(/^cf_[\w-]+$/);
    const row = page.getByRole('row', { name: new RegExp(`Dashboard reader ${run}`) });
    await row.getByText('Only read').waitFor();
    expect(await row.getByText('Never').count()).toBe(1); // last used, not the expiry
    await screenshot(page, '61-read-token');
    const read = await fetch(`${baseUrl}/api/v1/cases`, {
      headers: { authorization: `Bearer ${secret}` },
    });
    expect(read.status).toBe(200);
    const write = await fetch(`${baseUrl}/api/v1/cases`, {
      method: 'POST',
      headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'Written with a read-only token' }),
    });
    expect(write.status).toBe(403);
  });

  it('raised no script errors', () => {
    expect(errors).toEqual([]);
  });
});
