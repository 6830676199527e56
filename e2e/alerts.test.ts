import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN, apiAs, PASSWORD, people } from './global-setup.ts';
import { choose, expectAccessible, launchBrowser, newPage, screenshot, signIn } from './support.ts';

let browser: Browser;
let page: Page;
let errors: string[];
const baseUrl = inject('baseUrl');
const run = Date.now().toString(36);
const confirmTitle = `Quokka bulk upload to personal cloud ${run}`;
const dismissTitle = `Quokka after-hours badge use ${run}`;
const bulkTitles = [`Quokka shared drive sync ${run}`, `Quokka print job at night ${run}`];
const suggested = `Lee Leaver — ${confirmTitle}`;
let incidentId = 0;
let confirmId = 0;
let confirmCase = '';

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page, errors } = await newPage(browser, baseUrl));
  const admin = await apiAs(baseUrl, ADMIN.email, ADMIN.password);
  const ingested = await admin('POST', '/alerts', {
    alerts: [
      {
        source: 'dlp',
        externalId: `dlp-${run}`,
        title: confirmTitle,
        description: '1,200 files uploaded to a personal Dropbox in 10 minutes.',
        severity: 'high',
        riskScore: 87,
        detectedAt: new Date(Date.now() - 60_000).toISOString(),
        subject: { email: `lee.${run}@example.com`, name: 'Lee Leaver', department: 'Sales' },
        entities: [{ type: 'url', value: 'https://www.dropbox.com/home' }],
        sourceStatus: 'inProgress · truePositive',
        events: [{ action: 'upload', files: 1200 }],
        payload: { rule: 'Cloud exfil', note: '<img src=x onerror="window.pwned=1">' },
      },
      {
        source: 'badge',
        externalId: `badge-${run}`,
        title: dismissTitle,
        severity: 'low',
        riskScore: 12,
        detectedAt: new Date(Date.now() - 120_000).toISOString(),
      },
      ...bulkTitles.map((title, i) => ({
        source: 'dlp',
        externalId: `bulk-${i}-${run}`,
        title,
        severity: i === 0 ? 'medium' : 'low',
        riskScore: 40,
        detectedAt: new Date(Date.now() - (180 + i * 60) * 1000).toISOString(),
        subject: { email: `pat.${run}@example.com`, name: 'Pat Porter' },
      })),
    ],
  });
  const first = (ingested.results as { id: number; incidentId: number }[])[0];
  incidentId = first?.incidentId ?? 0;
  confirmId = first?.id ?? 0;
});
afterAll(async () => {
  await browser?.close();
});

describe('an analyst triages alerts in the browser', () => {
  it('lists the alerts needing review, accessibly', async () => {
    await signIn(page, people.analyst.email, PASSWORD);
    await page.getByRole('link', { name: 'Alerts' }).click();
    await page.getByRole('heading', { name: 'Alerts' }).waitFor();
    await page.getByRole('row', { name: new RegExp(confirmTitle) }).waitFor();
    await page.getByRole('row', { name: new RegExp(dismissTitle) }).waitFor();
    await expectAccessible(page, 'alerts');
    await screenshot(page, '20-alerts');
  });

  it('moves through the queue with j and k, selects with x, and picks its columns', async () => {
    const rows = page.getByRole('table', { name: 'Alerts' }).locator('tbody tr');
    const focused = (i: number) =>
      rows.nth(i).evaluate((el) => el === el.ownerDocument.activeElement);
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('j');
    await expect.poll(() => focused(0)).toBe(true);
    await page.keyboard.press('j');
    await expect.poll(() => focused(1)).toBe(true);
    await page.keyboard.press('k');
    await expect.poll(() => focused(0)).toBe(true);
    await page.keyboard.press('x');
    await expect.poll(() => rows.nth(0).getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('x');
    await expect.poll(() => rows.nth(0).getAttribute('aria-selected')).toBe('false');

    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'External id' }).click();
    await page.getByRole('columnheader', { name: 'External id' }).waitFor();
    await page.getByRole('row', { name: new RegExp(`dlp-${run}`) }).waitFor();
    await page.keyboard.press('Escape');
    expect(new URL(page.url()).searchParams.get('cols')).toContain('externalId');
  });

  it('opens an alert and shows its raw payload as text', async () => {
    await page
      .getByRole('row', { name: new RegExp(confirmTitle) })
      .getByText(confirmTitle)
      .click();
    const drawer = page.getByRole('dialog', { name: confirmTitle });
    await drawer.waitFor();
    await drawer.getByText('https://www.dropbox.com/home').waitFor();
    await drawer.getByRole('row', { name: /Source status\s*inProgress · truePositive/ }).waitFor();
    await drawer.getByText(/<img src=x onerror=/).waitFor();
    expect(await drawer.locator('img').count()).toBe(0);
    expect(await page.evaluate('window.pwned')).toBeUndefined();
    await expectAccessible(page, 'alert drawer');
    await screenshot(page, '21-alert-drawer');
  });

  it('confirms the alert into a new case, listed on its Alerts tab and counted', async () => {
    const drawer = page.getByRole('dialog', { name: confirmTitle });
    await drawer.getByRole('button', { name: 'Confirm' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm alert' });
    expect(await dialog.getByLabel('Case title').inputValue()).toBe(suggested);
    expect(await dialog.getByRole('combobox', { name: 'Priority' }).inputValue()).toBe('High');
    expect(await dialog.getByRole('textbox', { name: 'Description' }).inputValue()).toContain(
      `(alert #${confirmId})`,
    );
    await dialog.getByText('Subject: Lee Leaver').waitFor();
    await expectAccessible(page, 'new case from an alert');
    await screenshot(page, '24-new-case-from-alert');
    await dialog.getByRole('button', { name: 'Confirm into a new case' }).click();
    await page.waitForURL(/\/cases\/\d+/);
    confirmCase = /\/cases\/(\d+)/.exec(page.url())?.[1] ?? '';
    await page.getByRole('heading', { name: suggested }).waitFor();
    await page.getByText('Subject: Lee Leaver').waitFor();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Priority' }).inputValue())
      .toBe('High');
    await page.getByRole('tab', { name: 'Alerts' }).click();
    const linked = page.getByRole('table', { name: 'Alerts of this case' });
    await linked.getByRole('row', { name: new RegExp(confirmTitle) }).waitFor();
    await linked.getByRole('button', { name: /Unlink alert/ }).waitFor();
    await linked.getByText('Confirmed').waitFor();
    await expectAccessible(page, 'case alerts');
    await screenshot(page, '22-case-alerts');

    await page.goto(`/?cols=title,alerts&q=${run}`);
    const row = page.getByRole('row', { name: new RegExp(confirmTitle) });
    await expect.poll(() => row.getByRole('cell').last().textContent()).toBe('1');
  });

  it('dismisses the other alert with a reason', async () => {
    await page.goto('/alerts');
    await page
      .getByRole('row', { name: new RegExp(dismissTitle) })
      .getByText(dismissTitle)
      .click();
    const drawer = page.getByRole('dialog', { name: dismissTitle });
    await drawer.getByRole('button', { name: 'Dismiss' }).click();
    const dialog = page.getByRole('dialog', { name: 'Dismiss alert' });
    const submit = dialog.getByRole('button', { name: 'Dismiss' });
    expect(await submit.isDisabled()).toBe(true);
    await dialog.getByLabel('Reason').fill('Night shift, rota confirms.');
    // A reason alone is not enough: the dismissal is filed under a category.
    expect(await submit.isDisabled()).toBe(true);
    await dialog.getByRole('radio', { name: /Benign true positive/ }).check();
    await submit.click();
    await drawer.getByText(/as benign true positive: Night shift, rota confirms\./).waitFor();
    await page.keyboard.press('Escape');
    await expect
      .poll(() =>
        page.getByRole('row', { name: new RegExp(`${confirmTitle}|${dismissTitle}`) }).count(),
      )
      .toBe(0);
  });

  it('confirms selected alerts together into a new case, edited before it opens', async () => {
    await page.goto('/alerts');
    for (const title of bulkTitles)
      await page
        .getByRole('row', { name: new RegExp(title) })
        .getByRole('checkbox')
        .check();
    await page.getByRole('region', { name: 'Bulk actions' }).getByText('2 selected').waitFor();
    await page.getByRole('button', { name: 'Confirm selected…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Confirm 2 alerts' });
    const title = dialog.getByLabel('Case title');
    expect(await title.inputValue()).toBe(`Pat Porter — ${bulkTitles[0]}`);
    expect(await dialog.getByRole('combobox', { name: 'Priority' }).inputValue()).toBe('Medium');
    const description = await dialog.getByRole('textbox', { name: 'Description' }).inputValue();
    expect(description).toMatch(/^Opened from 2 alerts, worst first:/);
    expect(description.indexOf(bulkTitles[0]!)).toBeLessThan(description.indexOf(bulkTitles[1]!));
    await screenshot(page, '25-new-case-from-bulk');
    await title.fill(`Pat Porter — after-hours data handling ${run}`);
    await choose(page, 'Priority', 'Low', dialog);
    await choose(page, 'Assignee', people.analyst.name, dialog);
    await dialog.getByRole('button', { name: 'Confirm into a new case' }).click();
    await page.waitForURL(/\/cases\/\d+/);
    await page
      .getByRole('heading', { name: `Pat Porter — after-hours data handling ${run}` })
      .waitFor();
    const number = /\/cases\/(\d+)/.exec(page.url())?.[1] ?? '';
    const admin = await apiAs(baseUrl, ADMIN.email, ADMIN.password);
    const opened = await admin('GET', `/cases/${number}`);
    expect(opened).toMatchObject({
      priority: 'low',
      assignee: { name: people.analyst.name },
      subject: { name: 'Pat Porter' },
      alertCount: 2,
    });
    expect(opened.description).toContain(bulkTitles[1]);
  });

  it('opens a case from an incident through the same dialog, listed on its Incidents tab', async () => {
    const admin = await apiAs(baseUrl, ADMIN.email, ADMIN.password);
    const total = async () =>
      ((await admin('GET', '/cases?total=true&limit=1')).total as { count: number }).count;
    const before = await total();
    await page.goto(`/incidents/${incidentId}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.getByRole('row', { name: new RegExp(confirmTitle) }).waitFor();
    await expectAccessible(page, 'incident');
    await screenshot(page, '23-incident');
    await page.getByRole('button', { name: 'Create case…' }).click();
    let dialog = page.getByRole('dialog', { name: `New case from incident #${incidentId}` });
    expect(await dialog.getByLabel('Case title').inputValue()).toBe(suggested);
    expect(await dialog.getByRole('combobox', { name: 'Priority' }).inputValue()).toBe('High');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect(await total()).toBe(before);
    await page.getByRole('button', { name: 'Create case…' }).click();
    dialog = page.getByRole('dialog', { name: `New case from incident #${incidentId}` });
    expect(await total()).toBe(before);
    await dialog.getByRole('button', { name: 'Open case' }).click();
    await page.waitForURL(/\/cases\/\d+\?tab=incidents/);
    expect(await total()).toBe(before + 1);
    await page.getByRole('tab', { name: 'Alerts' }).click();
    const alerts = page.getByRole('table', { name: 'Alerts of this case' });
    const through = alerts.getByRole('row', { name: new RegExp(confirmTitle) });
    await through.getByRole('link', { name: `Incident #${incidentId}` }).waitFor();
    expect(await through.getByRole('button', { name: /Unlink/ }).count()).toBe(0);
    await page.getByRole('tab', { name: 'Incidents' }).click();
    const linked = page.getByRole('table', { name: 'Linked incidents' });
    await linked.getByRole('button', { name: `Unlink incident ${incidentId}` }).click();
    await page.getByText('No incident is linked to this case').waitFor();
    await page.getByRole('tab', { name: 'Alerts' }).click();
    await page.getByText('No alert is linked to this case').waitFor();
  });

  it('resolves the alert with its case, and confirms it again on reopening', async () => {
    await page.goto(`/cases/${confirmCase}`);
    await page.getByRole('button', { name: 'Resolve' }).click();
    const dialog = page.getByRole('dialog', { name: /Resolve case/ });
    await dialog.getByLabel('Confirmed policy violation').check();
    await dialog.getByLabel('Reason').fill('Uploads confirmed with the manager.');
    await dialog.getByRole('button', { name: 'Resolve case' }).click();
    await page.getByRole('button', { name: 'Reopen' }).waitFor();
    await page.getByRole('tab', { name: /Activity/ }).click();
    await page.getByText(`Alert #${confirmId} resolved`).waitFor();
    await page.getByRole('tab', { name: 'Alerts' }).click();
    const alerts = page.getByRole('table', { name: 'Alerts of this case' });
    await alerts
      .getByRole('row', { name: new RegExp(confirmTitle) })
      .getByText('Resolved')
      .waitFor();

    await page.goto('/alerts?status=resolved');
    const row = page.getByRole('row', { name: new RegExp(confirmTitle) });
    await row.getByText('Resolved').waitFor();
    await row.getByText(confirmTitle).click();
    const drawer = page.getByRole('dialog', { name: confirmTitle });
    await drawer.getByText(/Its investigation has ended/).waitFor();
    await expectAccessible(page, 'resolved alert');
    await page.keyboard.press('Escape');

    await page.goto(`/cases/${confirmCase}`);
    await page.getByRole('button', { name: 'Reopen' }).click();
    const reopen = page.getByRole('dialog', { name: /Reopen case/ });
    await reopen.getByLabel('Reason').fill('A second upload turned up.');
    await reopen.getByRole('button', { name: 'Reopen case' }).click();
    await page.getByRole('button', { name: 'Resolve' }).waitFor();
    await page.getByRole('tab', { name: /Activity/ }).click();
    await page.getByText(`Alert #${confirmId} confirmed again`).waitFor();
    await page.goto('/alerts?status=resolved');
    await page.getByRole('heading', { name: 'Alerts' }).waitFor();
    await expect
      .poll(() => page.getByRole('row', { name: new RegExp(confirmTitle) }).count())
      .toBe(0);
  });

  it('shows a viewer the alerts without triage controls', async () => {
    const viewer = await newPage(browser, baseUrl);
    await signIn(viewer.page, people.viewer.email, PASSWORD);
    await viewer.page.goto('/alerts?status=all');
    const row = viewer.page.getByRole('row', { name: new RegExp(dismissTitle) });
    await row.waitFor();
    expect(await viewer.page.getByRole('checkbox').count()).toBe(0);
    await row.getByText(dismissTitle).click();
    const drawer = viewer.page.getByRole('dialog', { name: dismissTitle });
    await drawer.getByText('Raw payload').waitFor();
    expect(await drawer.getByRole('button', { name: /Confirm|Dismiss/ }).count()).toBe(0);
    expect(viewer.errors).toEqual([]);
    await viewer.page.context().close();
  });

  it('raised no script errors', () => {
    expect(errors).toEqual([]);
  });
});
