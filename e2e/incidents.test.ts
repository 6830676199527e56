import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN, apiAs, PASSWORD, people } from './global-setup.ts';
import { choose, expectAccessible, launchBrowser, newPage, screenshot, signIn } from './support.ts';

let browser: Browser;
let page: Page;
let errors: string[];
let admin: Awaited<ReturnType<typeof apiAs>>;
const baseUrl = inject('baseUrl');
const run = Date.now().toString(36);
const quinn = `Quinn Quill ${run}`;
const rosa = `Rosa Reed ${run}`;
const quinnTitle = `Wombat mass download by Quinn ${run}`;
const rosaTitle = `Wombat odd sign-in by Rosa ${run}`;
const renamed = `Wombat exfiltration to a personal drive ${run}`;
let quinnIncident = 0;

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page, errors } = await newPage(browser, baseUrl));
  admin = await apiAs(baseUrl, ADMIN.email, ADMIN.password);
  const alert = (id: string, title: string, severity: string, minutes: number, who: string) => ({
    source: 'edr',
    externalId: `${id}-${run}`,
    title,
    severity,
    detectedAt: ago(minutes),
    subject: { email: `${who.split(' ')[0]!.toLowerCase()}.${run}@example.com`, name: who },
  });
  const ingested = await admin('POST', '/alerts', {
    alerts: [
      alert('q1', quinnTitle, 'high', 5, quinn),
      alert('q2', 'Archive created in a temp folder', 'medium', 3, quinn),
      alert('r1', rosaTitle, 'low', 4, rosa),
    ],
  });
  quinnIncident = (ingested.results as { incidentId: number }[])[0]?.incidentId ?? 0;
});
afterAll(async () => {
  await browser?.close();
});

const row = (p: Page, name: string) => p.getByRole('row', { name: new RegExp(name) });

describe('an analyst works incidents in the browser', () => {
  it('lists the active incidents, accessibly', async () => {
    await signIn(page, people.analyst.email, PASSWORD);
    await page.getByRole('link', { name: 'Incidents' }).click();
    await page.getByRole('heading', { name: 'Incidents' }).waitFor();
    const quinnRow = row(page, quinnTitle);
    await quinnRow.waitFor();
    await row(page, rosaTitle).waitFor();
    await quinnRow.getByRole('cell', { name: quinn, exact: true }).waitFor();
    await quinnRow.getByRole('cell', { name: '2', exact: true }).waitFor();
    await expectAccessible(page, 'incidents');
    await screenshot(page, '30-incidents');
  });

  it('filters by severity and by subject, and says so when nothing matches', async () => {
    await page.getByRole('combobox', { name: 'Severity' }).click();
    await page.getByRole('option', { name: 'High', exact: true }).click();
    await page.keyboard.press('Escape');
    await expect.poll(() => row(page, rosaTitle).count()).toBe(0);
    await row(page, quinnTitle).waitFor();

    await page.getByRole('combobox', { name: 'Subject' }).fill('Rosa Reed');
    await page.getByRole('option', { name: new RegExp(rosa) }).click();
    await page.getByText('No incident matches these filters').waitFor();
    await expectAccessible(page, 'incidents, nothing matches');
    await page.getByRole('button', { name: 'Clear filters' }).click();
    await row(page, rosaTitle).waitFor();

    await page.getByRole('combobox', { name: 'Subject' }).fill('Quinn Quill');
    await page.getByRole('option', { name: new RegExp(quinn) }).click();
    await expect
      .poll(() => page.getByRole('table', { name: 'Incidents' }).getByRole('row').count())
      .toBe(2);
    expect(page.url()).toMatch(/subject=\d+/);
  });

  it('opens the incident from the keyboard', async () => {
    await page.getByRole('heading', { name: 'Incidents' }).click();
    await page.keyboard.press('j');
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/incidents/${quinnIncident}$`));
    await page.getByRole('heading', { name: quinnTitle }).waitFor();
  });

  it('renames, resolves and assigns the incident', async () => {
    await page.getByRole('button', { name: 'Edit title' }).click();
    const title = page.getByRole('textbox', { name: 'Title' });
    await title.fill(renamed);
    await screenshot(page, '31-incident-title');
    await title.press('Enter');
    await page.getByRole('heading', { name: renamed }).waitFor();
    await choose(page, 'Status', 'Resolved');
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Status' }).inputValue())
      .toBe('Resolved');
    // Only accounts that may work cases are offered: not the viewer or the guest.
    await page.getByRole('combobox', { name: 'Assignee', exact: true }).click();
    await page.getByRole('option', { name: people.analyst.name, exact: true }).waitFor();
    expect(await page.getByRole('option', { name: people.viewer.name }).count()).toBe(0);
    expect(await page.getByRole('option', { name: people.guest.name }).count()).toBe(0);
    await page.getByRole('option', { name: people.analyst.name, exact: true }).click();
    await expect
      .poll(async () => (await admin('GET', `/incidents/${quinnIncident}`)).assignee?.name)
      .toBe(people.analyst.name);
    await page.reload();
    await page.getByRole('heading', { name: renamed }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Status' }).inputValue()).toBe('Resolved');
    expect(await page.getByRole('combobox', { name: 'Assignee' }).inputValue()).toBe(
      people.analyst.name,
    );
    await expectAccessible(page, 'incident, editable');
    await screenshot(page, '32-incident-edit');
  });

  it('says so when someone else changed the incident while its title was being edited, and shows their version', async () => {
    await page.getByRole('button', { name: 'Edit title' }).click();
    const title = page.getByRole('textbox', { name: 'Title' });
    await title.fill(`${renamed} (mine)`);
    const { version } = await admin('GET', `/incidents/${quinnIncident}`);
    await admin(
      'PATCH',
      `/incidents/${quinnIncident}`,
      { title: `${renamed} (checked)` },
      { 'if-match': `"${String(version)}"` },
    );
    await title.press('Enter');
    await page.getByText('Someone else changed this incident').waitFor();
    await screenshot(page, '33-incident-stale');
    await page.getByRole('heading', { name: `${renamed} (checked)` }).waitFor();
    const stored = await admin('GET', `/incidents/${quinnIncident}`);
    expect(stored.title).toBe(`${renamed} (checked)`);
    expect(stored.status).toBe('resolved');
  });

  it('lists the incident among the resolved ones, with its new title and assignee', async () => {
    await page.getByRole('link', { name: 'Incidents' }).click();
    await page.getByRole('heading', { name: 'Incidents' }).waitFor();
    await expect.poll(() => row(page, renamed).count()).toBe(0);
    await choose(page, 'Status', 'Resolved');
    const resolved = row(page, renamed);
    await resolved.waitFor();
    await resolved.getByText('Resolved').waitFor();
    await resolved.getByText(people.analyst.name).waitFor();
  });

  it('shows a viewer the incidents without edit controls, in the dark theme', async () => {
    const viewer = await newPage(browser, baseUrl, 'dark');
    await signIn(viewer.page, people.viewer.email, PASSWORD);
    await viewer.page.getByRole('link', { name: 'Incidents' }).click();
    await row(viewer.page, rosaTitle).waitFor();
    await expectAccessible(viewer.page, 'incidents (dark)');
    await screenshot(viewer.page, '35-incidents-dark');
    await row(viewer.page, rosaTitle).getByText(rosaTitle).click();
    await viewer.page.getByRole('heading', { name: rosaTitle }).waitFor();
    await viewer.page.getByText('Assignee: Unassigned').waitFor();
    expect(await viewer.page.getByRole('button', { name: 'Edit title' }).count()).toBe(0);
    expect(await viewer.page.getByRole('combobox').count()).toBe(0);
    expect(
      await viewer.page.getByRole('button', { name: /Create case|Link to case/ }).count(),
    ).toBe(0);
    await expectAccessible(viewer.page, 'incident, read-only');
    await screenshot(viewer.page, '34-incident-viewer');
    expect(viewer.errors).toEqual([]);
    await viewer.page.context().close();
  });

  it('raised no script errors', () => {
    expect(errors).toEqual([]);
  });
});
