import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN, apiAs, PASSWORD, people } from './global-setup.ts';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn } from './support.ts';

let browser: Browser;
let page: Page;
let admin: Awaited<ReturnType<typeof apiAs>>;
const baseUrl = inject('baseUrl');
const run = Date.now().toString(36);
const nora = `Nora North ${run}`;
const boss = `Otto Oak ${run}`;
const noraEmail = `nora.${run}@example.com`;
const bossEmail = `otto.${run}@example.com`;
const caseTitle = `Departing engineer copies designs ${run}`;
let caseNumber = 0;

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await newPage(browser, baseUrl));
  admin = await apiAs(baseUrl, ADMIN.email, ADMIN.password);
  const subject = (email: string, name: string, manager?: string) => ({
    email,
    name,
    department: 'Engineering',
    jobTitle: 'Design engineer',
    ...(manager && { manager }),
  });
  const ingested = await admin('POST', '/alerts', {
    alerts: [
      {
        source: 'dlp',
        externalId: `sp1-${run}`,
        title: `Designs copied to USB ${run}`,
        severity: 'high',
        detectedAt: ago(30),
        subject: subject(noraEmail, nora, bossEmail),
      },
      {
        source: 'dlp',
        externalId: `sp2-${run}`,
        title: `Mail to a personal address ${run}`,
        severity: 'medium',
        detectedAt: ago(20),
        subject: subject(noraEmail, nora, bossEmail),
      },
      {
        source: 'dlp',
        externalId: `sp3-${run}`,
        title: `Odd sign-in ${run}`,
        severity: 'low',
        detectedAt: ago(10),
        subject: subject(bossEmail, boss),
      },
    ],
  });
  const noraId = (ingested.results as { subjectId?: number }[])[0]?.subjectId;
  await admin('POST', '/activities', {
    source: 'dlp',
    externalId: `spa-${run}`,
    subject: { email: noraEmail },
    occurredAt: ago(60),
    category: 'exfiltration',
    activityType: 'usb.copied',
    riskScore: 85,
    indicators: [{ name: 'new_usb_device', score: 60 }],
  });
  const subjects = await admin('GET', `/subjects?q=${encodeURIComponent(noraEmail)}`);
  const id = noraId ?? (subjects.items as { id: number }[])[0]!.id;
  caseNumber = (await admin('POST', '/cases', { title: caseTitle, subjectId: id }))
    .number as number;
  const alertIds = (ingested.results as { id: number }[]).slice(0, 2).map((r) => r.id);
  await admin('POST', `/cases/${caseNumber}/links`, { alertIds });
});
afterAll(async () => {
  await browser?.close();
});

describe('an investigator follows a case to the person behind it', () => {
  it('goes from the dashboard to the case, its subject card, the profile and back', async () => {
    await signIn(page, people.analyst.email, PASSWORD);
    const caseRow = page.getByRole('row', { name: new RegExp(caseTitle) });
    await caseRow.waitFor();
    // The Subject column is on by default.
    await caseRow.getByRole('cell', { name: nora, exact: true }).waitFor();
    await caseRow.getByRole('link', { name: `#${caseNumber}` }).click();
    await page.waitForURL(new RegExp(`/cases/${caseNumber}`));

    const card = page.getByRole('region', { name: `Subject ${nora}` });
    await card.waitFor();
    await card.getByText('Engineering').waitFor();
    await card.getByRole('link', { name: boss }).waitFor();
    await expect.poll(() => card.getByLabel('Risk score now').textContent()).toBe('85');
    await page
      .getByRole('region', { name: 'Alert summary' })
      .getByText('High 1', { exact: true })
      .waitFor();
    await expectAccessible(page, 'case overview with its subject');
    await screenshot(page, '60-case-overview-subject');
    await page.screenshot({ path: '/tmp/profile-case-overview.png', fullPage: true });

    await card.getByRole('link', { name: nora }).click();
    await page.waitForURL(/\/subjects\/\d+$/);
    await page.getByRole('heading', { name: nora, level: 1 }).waitFor();
    const alerts = page.getByRole('region', { name: 'Alerts' });
    await alerts.getByRole('link', { name: 'High 1' }).waitFor();
    await alerts.getByRole('link', { name: 'Needs review 2' }).waitFor();
    await page
      .getByRole('region', { name: 'Cases' })
      .getByRole('link', { name: new RegExp(caseTitle) })
      .waitFor();
    await expectAccessible(page, 'subject profile');
    await page.screenshot({ path: '/tmp/profile-subject.png', fullPage: true });

    await page.goBack();
    await page.waitForURL(new RegExp(`/cases/${caseNumber}`));
    await page.getByRole('region', { name: `Subject ${nora}` }).waitFor();
  });

  it('lists the subjects, highest activity risk first, and searches them', async () => {
    await page.getByRole('link', { name: 'Subjects', exact: true }).click();
    await page.getByRole('heading', { name: 'Subjects' }).waitFor();
    await page.getByRole('row', { name: new RegExp(nora) }).waitFor();
    await page.screenshot({ path: '/tmp/profile-subjects.png', fullPage: true });
    await page.getByRole('textbox', { name: 'Search subjects' }).fill(`otto.${run}`);
    await expect
      .poll(() => page.getByRole('table', { name: 'Subjects' }).getByRole('row').count())
      .toBe(2);
    await expectAccessible(page, 'subjects list');
    await page.getByRole('row', { name: new RegExp(boss) }).click();
    await page.getByRole('heading', { name: boss, level: 1 }).waitFor();
  });
});
