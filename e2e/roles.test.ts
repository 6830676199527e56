import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN, apiAs, PASSWORD, people } from './global-setup.ts';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn } from './support.ts';

let browser: Browser;
const baseUrl = inject('baseUrl');
let invited: number;
let other: number;

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await apiAs(baseUrl, ADMIN.email, ADMIN.password);
  const accounts = (await admin('GET', '/accounts')).items as { id: number; email: string }[];
  const guest = accounts.find((a) => a.email === people.guest.email);
  invited = (await admin('POST', '/cases', { title: 'Legal review of a leaked contract' }))
    .number as number;
  other = (await admin('POST', '/cases', { title: 'Not shared with the guest' })).number as number;
  await admin('PUT', `/cases/${invited}/contributors/${guest?.id}`);
});
afterAll(async () => {
  await browser?.close();
});

const open = async (email: string, password = PASSWORD, scheme: 'light' | 'dark' = 'light') => {
  const { page, errors } = await newPage(browser, baseUrl, scheme);
  await signIn(page, email, password);
  return { page, errors };
};

describe('what each role is offered', () => {
  it('lets a contributor guest view its case and comment, and nothing else', async () => {
    const { page, errors } = await open(people.guest.email);
    await page.goto(`/cases/${invited}`);
    await page.getByRole('heading', { name: 'Legal review of a leaked contract' }).waitFor();
    await page.getByText('Contributor: view and comment').waitFor();
    expect(await page.getByRole('button', { name: 'Resolve' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'New case' }).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Status' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Cases', exact: true }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Alerts' }).count()).toBe(0);
    expect(
      await page.getByRole('button', { name: /^Edit (title|tags|description)$/ }).count(),
    ).toBe(0);

    await page.getByRole('tab', { name: /Activity/ }).click();
    await page
      .getByRole('textbox', { name: 'Add a comment' })
      .fill('HR confirms the notice period.');
    await page.getByRole('button', { name: /Comment/ }).click();
    await page.getByText('HR confirms the notice period.').waitFor();
    await expectAccessible(page, 'case page of a contributor');
    await screenshot(page, '08-contributor-case');

    await page.getByRole('tab', { name: 'Tasks' }).click();
    await page.getByText('No tasks').waitFor();
    expect(await page.getByRole('button', { name: 'Add task' }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Contributors' }).click();
    await page.getByRole('cell', { name: people.guest.name }).waitFor();
    expect(await page.getByRole('button', { name: /Remove/ }).count()).toBe(0);

    await page.goto(`/cases/${other}`);
    await page.getByText(`Case #${other} could not be opened`).waitFor();
    expect(errors.filter((e) => !/404|403/.test(e))).toEqual([]);
  });

  it('gives a viewer no way to create, change or comment', async () => {
    const { page } = await open(people.viewer.email);
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
    await page.getByRole('row', { name: /Legal review/ }).waitFor();
    expect(await page.getByRole('button', { name: 'New case' }).count()).toBe(0);
    await page.keyboard.press('c');
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByRole('checkbox', { name: /Select case/ }).count()).toBe(0);

    await page.getByRole('row', { name: /Legal review/ }).click();
    await page.getByRole('heading', { name: 'Legal review of a leaked contract' }).waitFor();
    expect(await page.getByRole('button', { name: 'Resolve' }).count()).toBe(0);
    expect(
      await page.getByRole('button', { name: /^Edit (title|tags|description)$/ }).count(),
    ).toBe(0);
    await page.getByRole('tab', { name: /Activity/ }).click();
    await page.getByText('HR confirms the notice period.').waitFor();
    expect(await page.getByRole('textbox', { name: 'Add a comment' }).count()).toBe(0);

    // The server refuses what the page does not offer.
    const status = await page.evaluate(async () => {
      const me = (await (await fetch('/api/v1/me')).json()) as { csrfToken: string };
      const res = await fetch('/api/v1/cases', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ title: 'sneaky' }),
      });
      return res.status;
    });
    expect(status).toBe(403);
  });

  it('shows the settings screens to an admin, accessibly, in light and dark', async () => {
    const { page, errors } = await open(ADMIN.email, ADMIN.password, 'dark');
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
    await page.getByRole('row', { name: /Legal review/ }).waitFor();
    await expectAccessible(page, 'dashboard (dark)');
    await screenshot(page, '09-dashboard-dark');

    for (const [section, check, shot] of [
      ['profile', 'Display name', '10-settings-profile'],
      ['tokens', 'New token name', '11-settings-tokens'],
      ['statuses', 'New status', '12-settings-statuses'],
      ['accounts', 'New account', '13-settings-accounts'],
    ] as const) {
      await page.goto(`/settings?section=${section}`);
      await page.getByText(check).first().waitFor();
      await expectAccessible(page, `settings ${section}`);
      await screenshot(page, shot);
    }

    await page.goto('/settings?section=tokens');
    await page.getByRole('textbox', { name: 'New token name' }).fill('SIEM connector');
    await page.getByRole('button', { name: 'Create token' }).click();
    await page.getByText('Copy it now: it is shown this once and never again.').waitFor();
    await page.getByRole('cell', { name: 'SIEM connector', exact: true }).waitFor();

    await page.goto('/settings?section=statuses');
    const colour = (name: string) =>
      page.getByRole('textbox', { name: `Colour of ${name}` }).inputValue();
    const row = (name: string) =>
      page
        .getByRole('row')
        .filter({ has: page.getByRole('textbox', { name: `Name of status ${name}` }) });
    for (const name of ['Awaiting HR', 'Legal hold']) {
      await page.getByRole('textbox', { name: 'New status' }).fill(name);
      await page.getByRole('button', { name: 'Add status' }).click();
      await row(name).waitFor();
    }
    // Each new status takes a colour no other status has.
    const colours = await Promise.all(
      ['New', 'Open', 'Closed', 'Awaiting HR', 'Legal hold'].map(colour),
    );
    expect(new Set(colours).size).toBe(5);
    // Make default is offered where the server takes it: not on a closed or a retired status.
    const makeDefault = (name: string) => row(name).getByRole('button', { name: 'Make default' });
    expect(await makeDefault('Open').count()).toBe(1);
    expect(await makeDefault('Closed').count()).toBe(0);
    expect(await row('New').getByRole('switch').isDisabled()).toBe(true);
    await row('Legal hold').getByRole('switch').click();
    await expect.poll(() => makeDefault('Legal hold').count()).toBe(0);
    // A refused change says why, and the field shows the stored name again.
    const name = page.getByRole('textbox', { name: 'Name of status Legal hold' });
    await name.fill('Open');
    await name.press('Enter');
    await page.getByText('A status named "Open" already exists').waitFor();
    await expect.poll(() => name.inputValue()).toBe('Legal hold');
    await expectAccessible(page, 'settings statuses, after a refusal');
    await screenshot(page, '14-settings-statuses-refused');
    expect(errors).toEqual([]);
  });

  it('tells a signed-out visitor of a case page to sign in, and brings them back after', async () => {
    const { page } = await newPage(browser, baseUrl);
    await page.goto(`/cases/${invited}?tab=activity`);
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel('E-mail').fill(people.analyst.email);
    await page.getByRole('textbox', { name: 'Password' }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(new RegExp(`/cases/${invited}`));
    await page.getByRole('tab', { name: /Activity/, selected: true }).waitFor();
  });
});

export type { Page };
