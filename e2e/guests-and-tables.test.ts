import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN, apiAs, PASSWORD, people } from './global-setup.ts';
import { launchBrowser, newPage, screenshot, signIn } from './support.ts';

let browser: Browser;
const baseUrl = inject('baseUrl');
const run = Date.now().toString(36);
const sharedTitle = `Counsel review of a resignation ${run}`;
const integration = { name: `Ingo Integration ${run}`, email: `ingo.${run}@example.com` };
const leaver = { name: `Dora Departed ${run}`, email: `dora.${run}@example.com` };
let shared = 0;
let leaversCase = 0;
let plain = 0;

beforeAll(async () => {
  browser = await launchBrowser();
  const admin = await apiAs(baseUrl, ADMIN.email, ADMIN.password);
  const ingest = await admin('POST', '/accounts', {
    ...integration,
    role: 'ingest',
    password: PASSWORD,
  });
  const dora = await admin('POST', '/accounts', { ...leaver, role: 'analyst', password: PASSWORD });
  const accounts = (await admin('GET', '/accounts')).items as { id: number; email: string }[];
  const guest = accounts.find((a) => a.email === people.guest.email)!;
  // Enough cases that the dashboard scrolls.
  for (let i = 0; i < 30; i++)
    await admin('POST', '/cases', { title: `Routine check ${i} ${run}`, priority: 'low' });
  leaversCase = (
    await admin('POST', '/cases', { title: `Handed over by Dora ${run}`, assigneeId: dora.id })
  ).number as number;
  await admin('PATCH', `/accounts/${dora.id}`, { disabled: true });
  plain = (await admin('POST', '/cases', { title: `Unassigned lead ${run}`, priority: 'critical' }))
    .number as number;
  shared = (await admin('POST', '/cases', { title: sharedTitle, priority: 'very_low' }))
    .number as number;
  await admin('PUT', `/cases/${shared}/contributors/${guest.id}`);
  expect(ingest.id).toBeGreaterThan(0);
  await admin('POST', '/alerts', {
    alerts: (['informational', 'high', 'medium'] as const).map((severity, i) => ({
      source: 'dlp',
      externalId: `tables-${i}-${run}`,
      title: `Wombat table check ${severity} ${run}`,
      severity,
      riskScore: 30 + i,
      detectedAt: new Date(Date.now() - (i + 1) * 60_000).toISOString(),
      subject: { email: `wombat.${run}@example.com`, name: 'Wes Wombat' },
    })),
  });
});
afterAll(async () => {
  await browser?.close();
});

/** A signed-in page at 1280 px that records every refused API request from then on. */
async function open(email: string, password = PASSWORD) {
  const { page, errors } = await newPage(browser, baseUrl);
  await page.setViewportSize({ width: 1280, height: 800 });
  await signIn(page, email, password);
  const refused: string[] = [];
  page.on('response', (r) => {
    if (r.status() >= 400 && r.url().includes('/api/'))
      refused.push(`${r.status()} ${r.request().method()} ${new URL(r.url()).pathname}`);
  });
  return { page, errors, refused };
}

const optionNames = async (page: Page, combobox: string) => {
  await page.getByRole('combobox', { name: combobox, exact: true }).click();
  await page.getByRole('listbox').first().waitFor();
  const names = await page.getByRole('option').allInnerTexts();
  await page.keyboard.press('Escape');
  return names;
};

/** Every state badge on the page shows its whole label. */
const truncatedBadges = (page: Page) =>
  page.evaluate<string[]>(
    `Array.from(document.querySelectorAll('.badge-whole .mantine-Badge-label'))
      .filter((el) => el.scrollWidth > el.clientWidth)
      .map((el) => el.textContent)`,
  );

describe('guests, viewers and pickers', () => {
  it('lands a guest on the cases shared with it, and the browser sees no refusal', async () => {
    const { page, refused } = await open(people.guest.email);
    await page.getByRole('heading', { name: 'Cases shared with me' }).waitFor();
    await page.getByRole('row', { name: new RegExp(sharedTitle) }).waitFor();
    expect(await page.getByRole('link', { name: 'Cases', exact: true }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Alerts' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Save view' }).count()).toBe(0);
    expect(await page.getByRole('combobox', { name: 'Assignee' }).count()).toBe(0);
    await screenshot(page, '20-guest-shared-cases');

    await page.getByRole('row', { name: new RegExp(sharedTitle) }).click();
    await page.getByRole('heading', { name: sharedTitle }).waitFor();
    for (const tab of ['Tasks', 'Activity', 'Contributors']) {
      await page.getByRole('tab', { name: new RegExp(tab) }).click();
      await page.getByRole('tabpanel').waitFor();
    }
    await page.getByRole('link', { name: 'Cases shared with me' }).click();
    await page.getByRole('heading', { name: 'Cases shared with me' }).waitFor();
    await page.goto('/settings');
    await page.getByText('Display name').first().waitFor();
    await page.waitForLoadState('networkidle');
    expect(refused).toEqual([]);
  });

  it('gives a viewer no triage or edit controls, and no request of its pages is refused', async () => {
    const { page, refused } = await open(people.viewer.email);
    await page.getByRole('row', { name: new RegExp(sharedTitle) }).waitFor();
    expect(await page.getByRole('checkbox', { name: /Select case/ }).count()).toBe(0);
    await page.goto('/alerts');
    await page.getByRole('row', { name: /Wombat table check high/ }).click();
    await page.getByRole('dialog').getByText('Wes Wombat').first().waitFor();
    expect(await page.getByRole('button', { name: 'Confirm', exact: true }).count()).toBe(0);
    expect(await page.getByRole('checkbox', { name: /Select alert/ }).count()).toBe(0);
    await page.goto('/incidents');
    await page
      .getByRole('row', { name: /Wombat/ })
      .first()
      .waitFor();
    await page.goto(`/cases/${shared}`);
    await page.getByRole('heading', { name: sharedTitle }).waitFor();
    expect(await page.getByRole('button', { name: 'Resolve' }).count()).toBe(0);
    for (const tab of ['Alerts', 'Incidents', 'Contributors', 'Tasks']) {
      await page.getByRole('tab', { name: new RegExp(tab) }).click();
      await page.getByRole('tabpanel').waitFor();
    }
    await page.waitForLoadState('networkidle');
    expect(refused).toEqual([]);
  });

  it('offers only accounts that may work cases as assignees, and guests but no integration as contributors', async () => {
    const { page } = await open(people.analyst.email);
    await page.goto(`/cases/${plain}`);
    await page.getByRole('heading', { name: `Unassigned lead ${run}` }).waitFor();
    const assignees = await optionNames(page, 'Assignee');
    expect(assignees).toContain(people.analyst.name);
    for (const name of [people.viewer.name, people.guest.name, integration.name, leaver.name])
      expect(assignees).not.toContain(name);

    await page.getByRole('tab', { name: 'Contributors' }).click();
    const contributors = await optionNames(page, 'Add a contributor');
    expect(contributors).toContain(`${people.guest.name} (${people.guest.email})`);
    expect(contributors.some((n) => n.startsWith(integration.name))).toBe(false);
    expect(contributors.some((n) => n.startsWith(leaver.name))).toBe(false);

    // A case still held by an account that was disabled shows its name.
    await page.goto(`/cases/${leaversCase}`);
    await page.getByRole('heading', { name: `Handed over by Dora ${run}` }).waitFor();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Assignee', exact: true }).inputValue())
      .toBe(leaver.name);

    await page.goto('/');
    const filter = await optionNames(page, 'Assignee');
    expect(filter).not.toContain(people.viewer.name);
    expect(filter).not.toContain(integration.name);
    await page.getByRole('combobox', { name: 'Assignee', exact: true }).click();
    await page.getByRole('option', { name: 'Show all accounts…' }).click();
    const all = await optionNames(page, 'Assignee');
    expect(all).toContain(people.viewer.name);
    expect(all).toContain(`${leaver.name} (disabled)`);
  });
});

describe('tables that read at a glance', () => {
  it('shows whole badges at 1280 px on the dashboard, the alerts and the incidents', async () => {
    const { page } = await open(people.analyst.email);
    await page
      .getByRole('row', { name: new RegExp(sharedTitle) })
      .getByText('Very low')
      .waitFor();
    await page
      .getByRole('row', { name: /Unassigned lead/ })
      .getByText('Critical')
      .waitFor();
    expect(await truncatedBadges(page)).toEqual([]);
    await screenshot(page, '21-dashboard-1280');
    await page.goto('/alerts');
    await page.getByRole('row', { name: /Wombat table check informational/ }).waitFor();
    await page.getByText('Informational').first().waitFor();
    await page.getByText('Needs review').first().waitFor();
    expect(await truncatedBadges(page)).toEqual([]);
    await screenshot(page, '22-alerts-1280');
    await page.goto('/incidents');
    await page
      .getByRole('row', { name: /Wombat/ })
      .first()
      .waitFor();
    expect(await truncatedBadges(page)).toEqual([]);
    await page.setViewportSize({ width: 1440, height: 800 });
    await page.goto('/');
    await page.getByRole('row', { name: new RegExp(sharedTitle) }).waitFor();
    expect(await truncatedBadges(page)).toEqual([]);
  });

  it('keeps the header row in view while the page scrolls', async () => {
    const { page } = await open(people.analyst.email);
    await page.getByRole('row', { name: new RegExp(sharedTitle) }).waitFor();
    await page.mouse.move(640, 500);
    await page.mouse.wheel(0, 900);
    await expect.poll(() => page.evaluate('window.scrollY')).toBeGreaterThan(400);
    const header = page.getByRole('columnheader', { name: 'Number' });
    const box = await header.boundingBox();
    // Stuck just under the console's 48 px header, not scrolled away.
    expect(box?.y).toBeGreaterThanOrEqual(40);
    expect(box?.y).toBeLessThan(60);
  });

  it('does not move the rows when the bulk bar appears', async () => {
    const { page } = await open(people.analyst.email);
    const first = page.getByRole('row').nth(1);
    await first.waitFor();
    const before = await first.boundingBox();
    await first.getByRole('checkbox').click();
    await page.getByRole('region', { name: 'Bulk actions' }).waitFor();
    expect((await first.boundingBox())?.y).toBe(before?.y);
    await page.getByRole('row').nth(2).getByRole('checkbox').click();
    await page.getByRole('region', { name: 'Bulk actions' }).getByText('2 selected').waitFor();
  });

  it('remembers the columns chosen, after a reload and a visit elsewhere', async () => {
    const { page } = await open(people.analyst.email);
    await page.getByRole('row', { name: new RegExp(sharedTitle) }).waitFor();
    // The Subject column is shown by default; hiding it is remembered.
    const subjectHeaders = () => page.getByRole('columnheader', { name: 'Subject' }).count();
    await page.getByRole('columnheader', { name: 'Subject' }).waitFor();
    await page.getByRole('button', { name: 'Columns' }).click();
    await page.getByRole('checkbox', { name: 'Subject' }).click();
    await expect.poll(subjectHeaders).toBe(0);
    await page.keyboard.press('Escape');
    await page.goto('/alerts');
    await page.getByRole('heading', { name: 'Alerts' }).waitFor();
    await page.getByRole('link', { name: 'Cases', exact: true }).click();
    await page.getByRole('row', { name: new RegExp(sharedTitle) }).waitFor();
    expect(await subjectHeaders()).toBe(0);
    await page.goto('/');
    await page.getByRole('row', { name: new RegExp(sharedTitle) }).waitFor();
    expect(await subjectHeaders()).toBe(0);
    await page.reload();
    await page.getByRole('row', { name: new RegExp(sharedTitle) }).waitFor();
    expect(await subjectHeaders()).toBe(0);
    expect(new URL(page.url()).search).toBe('');
  });

  it('previews a comment as rendered markdown before it is posted', async () => {
    const { page } = await open(people.analyst.email);
    await page.goto(`/cases/${plain}?tab=activity`);
    const body = `**Counsel agrees** ${run}\n\n> quoted note\n\n| who | when |\n| --- | --- |\n| HR | today |`;
    await page.getByRole('textbox', { name: 'Add a comment' }).fill(body);
    await page.getByRole('checkbox', { name: 'Format as Markdown' }).check();
    await page.getByText('Preview', { exact: true }).click();
    const preview = page.getByRole('region', { name: 'Comment preview' });
    await preview.locator('strong', { hasText: 'Counsel agrees' }).waitFor();
    await preview.locator('blockquote', { hasText: 'quoted note' }).waitFor();
    await preview.getByRole('cell', { name: 'HR' }).waitFor();
    const border = await preview
      .locator('td')
      .first()
      .evaluate((el) =>
        (el as unknown as { computedStyleMap(): { get(p: string): unknown } })
          .computedStyleMap()
          .get('border-top-style')
          ?.toString(),
      );
    expect(border).toBe('solid');
    // Nothing is posted yet: the preview holds the only rendering of it.
    expect(await page.locator('.markdown strong', { hasText: 'Counsel agrees' }).count()).toBe(1);
    expect(
      (await page.request.get(`/api/v1/cases/${plain}`).then((r) => r.json())).commentCount,
    ).toBe(0);
    await screenshot(page, '23-comment-preview');
    await page.getByRole('button', { name: /Comment/ }).click();
    await preview.waitFor({ state: 'detached' });
    await page.locator('.markdown strong', { hasText: 'Counsel agrees' }).waitFor();
  });
});
