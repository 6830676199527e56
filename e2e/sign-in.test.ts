import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN, apiAs, PASSWORD } from './global-setup.ts';
import { expectAccessible, launchBrowser, newPage, screenshot } from './support.ts';

let browser: Browser;
const baseUrl = inject('baseUrl');
const person = { email: 'tess@example.com', name: 'Tess Throttled', role: 'analyst' };

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await apiAs(baseUrl, ADMIN.email, ADMIN.password);
  await admin('POST', '/accounts', { ...person, password: PASSWORD });
});
afterAll(async () => {
  await browser?.close();
});

const THROTTLED = 'Too many failed sign-ins for this account; try again in 15 minutes';

describe('sign-in page', () => {
  it('says once that an account is throttled after ten wrong passwords', async () => {
    const { page, errors } = await newPage(browser, baseUrl);
    await page.goto('/sign-in');
    await page.getByLabel('E-mail').fill(person.email);
    await page.getByRole('textbox', { name: 'Password' }).fill('not my password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('The e-mail or password is not right').waitFor();
    expect(await page.getByRole('alert').count()).toBe(1);

    for (let i = 0; i < 9; i += 1) {
      const res = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: person.email, password: `guess ${i}` }),
      });
      expect(res.status).toBe(401);
    }

    await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText(THROTTLED).waitFor();
    expect(await page.getByRole('alert').count()).toBe(1);
    expect(await page.getByText(/too many/i).count()).toBe(1);
    expect(await page.getByText(/wait a few minutes/i).count()).toBe(0);
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await expectAccessible(page, 'throttled sign-in');
    await screenshot(page, '20-sign-in-throttled');
    expect(errors).toEqual([]);
  });
});
