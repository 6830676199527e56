import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN, apiAs, PASSWORD, people } from './global-setup.ts';
import { choose, expectAccessible, launchBrowser, newPage, signIn } from './support.ts';

let browser: Browser;
let page: Page;
let errors: string[];
let subjectId = 0;
const baseUrl = inject('baseUrl');
const run = Date.now().toString(36);
const email = `tess.timeline.${run}@example.com`;
const categories = ['exfiltration', 'access', 'collection', 'deletion'];

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page, errors } = await newPage(browser, baseUrl));
  const admin = await apiAs(baseUrl, ADMIN.email, ADMIN.password);
  const day = 86_400_000;
  // Four months of activity, a few events a day, one sequence a week.
  const activities = Array.from({ length: 480 }, (_, i) => ({
    source: 'dlp',
    externalId: `e2e-${run}-${i}`,
    subject: { email, name: `Tess Timeline ${run}`, department: 'Finance' },
    occurredAt: new Date(Date.now() - 120 * day + i * (day / 4) + 60_000).toISOString(),
    category: categories[i % 4],
    activityType: ['usb.copied', 'sign_in', 'file.downloaded', 'file.deleted'][i % 4],
    riskScore: (i * 37) % 100,
    indicators: [{ name: i % 3 === 0 ? 'off_hours' : 'sensitive_label', score: 20 }],
    ...(i % 28 < 3 ? { sequenceId: `seq-${Math.floor(i / 28)}` } : {}),
    object: { name: `<b>report-${i}</b>.xlsx`, sensitivityLabel: 'Confidential' },
    payload: { html: '<img src=x onerror="window.hacked=1">', i },
  }));
  await admin('POST', '/activities', { activities });
  const subjects = await admin('GET', `/subjects?q=${encodeURIComponent(email)}`);
  subjectId = (subjects.items as Array<{ id: number }>)[0]!.id;
});
afterAll(async () => {
  await browser?.close();
});

/** The address as typed: the router writes a string that reads as JSON in quotes. */
const address = () => decodeURIComponent(page.url());
const shot = (name: string) => page.screenshot({ path: `/tmp/timeline-${name}.png` });

describe("an analyst reads a subject's activity", () => {
  it('shows the timeline and explorer, switches window, drills into a bucket and marks an event reviewed', async () => {
    await signIn(page, people.analyst.email, PASSWORD);
    await page.goto(`/subjects/${subjectId}/activity`);
    await page.getByRole('heading', { name: /Tess Timeline/ }).waitFor();
    await page.locator('.timeline-chart[data-drawn]').waitFor();
    await page.getByRole('table', { name: 'Activity events' }).waitFor();
    await expectAccessible(page, 'subject activity');
    await shot('1-three-months');

    await page.getByText('6 months', { exact: true }).click();
    await page.waitForURL(/window=6m/);
    await page.locator('.timeline-chart[data-drawn]').waitFor();
    const count = Number(await page.locator('.timeline-chart').getAttribute('data-drawn'));
    expect(count).toBeGreaterThan(300);
    await shot('2-six-months');

    // Highlight the first bubble with the keyboard, then click it where the chart draws it.
    await page.locator('.timeline-chart').focus();
    await page.keyboard.press('ArrowRight');
    const tip = page.locator('.timeline-tooltip');
    await tip.waitFor();
    const label = (await tip.locator('p').first().textContent()) ?? '';
    const n = Number(label.split(' ')[0]);
    const box = (await page.locator('.timeline-chart').boundingBox())!;
    const x = Number(await tip.getAttribute('data-mark-x'));
    const y = Number(await tip.getAttribute('data-mark-y'));
    await page.mouse.move(box.x + x, box.y + y);
    await page.mouse.click(box.x + x, box.y + y);
    await page.waitForURL(/efrom=/);
    const rows = page.getByRole('table', { name: 'Activity events' }).locator('tbody tr');
    await expect.poll(() => rows.count()).toBe(n);
    await page.getByText(`${n} event${n === 1 ? '' : 's'}`, { exact: true }).waitFor();
    await shot('3-bucket-events');

    await rows.first().click();
    const pane = page.getByRole('dialog');
    await pane.getByText('Raw payload').waitFor();
    await pane.getByText('window.hacked=1', { exact: false }).waitFor();
    // The payload is text: its markup never ran.
    expect(await page.evaluate(() => (globalThis as { hacked?: number }).hacked)).toBe(undefined);
    await pane.getByRole('button', { name: 'Mark reviewed' }).click();
    await pane.getByText(/by Ana Analyst at/).waitFor();
    await pane.getByRole('button', { name: 'Mark unreviewed' }).waitFor();
    await shot('4-detail-reviewed');
    await page.keyboard.press('Escape');
    await rows.first().getByText('Ana Analyst').waitFor();
    expect(errors).toEqual([]);
  });

  it("saves the explorer's filters and sort as a shared view and picks it again", async () => {
    await page.goto(`/subjects/${subjectId}/activity?window=6m`);
    await page.locator('.timeline-chart[data-drawn]').waitFor();
    const rows = page.getByRole('table', { name: 'Activity events' }).locator('tbody tr');
    await choose(page, 'Reviewed', 'Not reviewed');
    await expect.poll(() => address()).toMatch(/reviewed="?false/);
    await page.getByRole('textbox', { name: 'Indicator' }).fill('off_hours');
    await page.getByRole('textbox', { name: 'Indicator' }).blur();
    await expect.poll(() => address()).toMatch(/indicator=off_hours/);
    await page.getByRole('button', { name: 'Sort by Risk' }).click();
    await expect.poll(() => address()).toMatch(/sort=riskScore/);

    await page.getByRole('button', { name: 'Save view' }).click();
    await page.getByRole('menuitem', { name: /Save as a new view/ }).click();
    const dialog = page.getByRole('dialog', { name: 'Save this view' });
    await dialog.getByLabel('Name').fill('Off-hours, unreviewed');
    await dialog.getByLabel('Share with everyone in the workspace').check();
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await expect.poll(() => address()).toMatch(/view=\d+/);
    await shot('5-view-saved');

    // The dashboard's saved views do not offer it; the explorer of this subject does.
    await page.goto('/');
    await page.getByRole('combobox', { name: 'Saved view', exact: true }).click();
    expect(await page.getByRole('option', { name: /Off-hours, unreviewed/ }).count()).toBe(0);
    await page.keyboard.press('Escape');

    await page.goto(`/subjects/${subjectId}/activity`);
    await page.locator('.timeline-chart[data-drawn]').waitFor();
    await choose(page, 'Saved view', 'Off-hours, unreviewed (shared)');
    await expect.poll(() => address()).toMatch(/indicator=off_hours/);
    expect(address()).toMatch(/reviewed="?false/);
    expect(address()).toMatch(/sort=riskScore/);
    expect(address()).toMatch(/window=6m/);
    await expect.poll(() => rows.count()).toBeGreaterThan(0);
    await expect
      .poll(async () => page.getByRole('textbox', { name: 'Indicator' }).inputValue())
      .toBe('off_hours');
    await shot('6-view-picked');
    expect(errors).toEqual([]);
  });
});
