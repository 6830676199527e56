import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN, apiAs, PASSWORD, people } from './global-setup.ts';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn } from './support.ts';

let browser: Browser;
let page: Page;
let errors: string[];
let admin: Awaited<ReturnType<typeof apiAs>>;
const baseUrl = inject('baseUrl');
const run = Date.now().toString(36);
const tara = `Tara Moss ${run}`;
const host = `FIN-LT-${run}`.toUpperCase();
const titles = {
  usb: `Numbat files copied to USB ${run}`,
  cloud: `Numbat upload to personal cloud ${run}`,
  signIn: `Numbat unfamiliar sign-in ${run}`,
  edr: `Numbat suspicious script on the laptop ${run}`,
  late: `Numbat late mail to a personal address ${run}`,
};
let incidentId = 0;
let caseNumber = 0;
const ids: Record<keyof typeof titles, number> = { usb: 0, cloud: 0, signIn: 0, edr: 0, late: 0 };

const ago = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page, errors } = await newPage(browser, baseUrl));
  admin = await apiAs(baseUrl, ADMIN.email, ADMIN.password);
  const subject = { email: `tara.${run}@example.com`, name: tara };
  const alert = (key: keyof typeof titles, minutes: number, extra: Record<string, unknown>) => ({
    source: key === 'edr' ? 'edr' : 'dlp',
    externalId: `${key}-${run}`,
    title: titles[key],
    severity: key === 'usb' ? 'high' : 'medium',
    riskScore: key === 'usb' ? 90 : 50,
    detectedAt: ago(minutes),
    ...extra,
  });
  const ingested = await admin('POST', '/alerts', {
    alerts: [
      alert('usb', 50, { subject, entities: [{ type: 'host', value: host }] }),
      alert('cloud', 40, { subject }),
      alert('signIn', 30, { subject }),
      // No person on it: it joins through the laptop.
      alert('edr', 20, { entities: [{ type: 'host', value: host }] }),
      alert('late', 10, { subject }),
    ],
  });
  const results = ingested.results as { id: number; incidentId: number }[];
  (Object.keys(titles) as Array<keyof typeof titles>).forEach((k, i) => (ids[k] = results[i]!.id));
  incidentId = results[0]!.incidentId;
  const kase = await admin('POST', '/cases', { title: `Numbat case ${run}` });
  caseNumber = kase.number as number;
  await admin('POST', `/alerts/${ids.usb}/confirm`, { caseNumber });
  await admin('POST', `/cases/${caseNumber}/links`, { alertIds: [ids.late, ids.signIn] });
  await admin('POST', `/cases/${caseNumber}/tasks`, { title: `Numbat interview ${run}` });
});
afterAll(async () => {
  await browser?.close();
});

const row = (name: string) => page.getByRole('row', { name: new RegExp(name) });
const statusOf = (name: string) => row(name).getByRole('cell').nth(5).textContent();

describe('triage where the alerts are', () => {
  it('shows why each alert is in the incident, its subject and the case covering it', async () => {
    await signIn(page, people.analyst.email, PASSWORD);
    await page.goto(`/incidents/${incidentId}`);
    await page.getByRole('heading', { name: `${tara} — ${titles.usb}` }).waitFor();
    await page.getByText(`Subject:`).waitFor();
    await page.getByRole('link', { name: `Case #${caseNumber}`, exact: true }).waitFor();
    const table = page.getByRole('table', { name: 'Alerts of this incident' });
    await table
      .getByRole('row', { name: new RegExp(titles.cloud) })
      .getByText('Same subject')
      .waitFor();
    await table
      .getByRole('row', { name: new RegExp(titles.edr) })
      .getByText(`Shared host ${host.toLowerCase()}`)
      .waitFor();
    await table
      .getByRole('row', { name: new RegExp(titles.usb) })
      .getByText('Opened the incident')
      .waitFor();
    await expectAccessible(page, 'incident with its alerts');
    await screenshot(page, '40-incident-grouped-by');
  });

  it('dismisses selected alerts on the incident page, with a category', async () => {
    await row(titles.cloud).getByRole('checkbox').check();
    await row(titles.edr).getByRole('checkbox').check();
    const bar = page.getByRole('region', { name: 'Bulk actions' });
    await bar.getByText('2 selected').waitFor();
    await bar.getByRole('button', { name: 'Dismiss selected…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Dismiss 2 alerts' });
    await dialog.getByRole('radio', { name: /Duplicate/ }).check();
    await dialog.getByLabel('Reason').fill('Same upload as the USB copy.');
    await dialog.getByRole('button', { name: 'Dismiss' }).click();
    await expect.poll(() => statusOf(titles.cloud)).toBe('Dismissed');
    await expect.poll(() => statusOf(titles.edr)).toBe('Dismissed');
    expect(page.url()).toMatch(new RegExp(`/incidents/${incidentId}$`));
  });

  it('opens an alert in place and steps through the others', async () => {
    await row(titles.late).getByText(titles.late).click();
    const drawer = page.getByRole('dialog', { name: titles.late });
    await drawer.waitFor();
    expect(page.url()).toMatch(new RegExp(`/incidents/${incidentId}$`));
    await drawer.getByRole('button', { name: 'Next alert (j)' }).click();
    await page.getByRole('dialog', { name: titles.edr }).waitFor();
    await page.keyboard.press('j');
    await page.getByRole('dialog', { name: titles.signIn }).waitFor();
    await page.keyboard.press('k');
    await page
      .getByRole('dialog', { name: titles.edr })
      .getByText(/as duplicate/)
      .waitFor();
    await screenshot(page, '41-incident-alert-in-place');
    await page.keyboard.press('Escape');
  });

  it('triages on the case Alerts tab, in place', async () => {
    await page.goto(`/cases/${caseNumber}?tab=alerts`);
    const table = page.getByRole('table', { name: 'Alerts of this case' });
    await table.getByRole('row', { name: new RegExp(titles.signIn) }).waitFor();
    await row(titles.signIn).getByText(titles.signIn).click();
    const drawer = page.getByRole('dialog', { name: titles.signIn });
    await drawer.getByRole('button', { name: 'Dismiss', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Dismiss alert' });
    await dialog.getByRole('radio', { name: /False positive/ }).check();
    await dialog.getByLabel('Reason').fill('Travel was booked; the sign-in is hers.');
    await dialog.getByRole('button', { name: 'Dismiss' }).click();
    await drawer.getByText(/as false positive/).waitFor();
    await page.keyboard.press('Escape');
    expect(page.url()).toMatch(new RegExp(`/cases/${caseNumber}`));
  });

  it('warns before resolving a case with open tasks and alerts to review, and lets it go on', async () => {
    await page.getByRole('button', { name: 'Resolve' }).click();
    const dialog = page.getByRole('dialog', { name: `Resolve case #${caseNumber}` });
    const warning = dialog.getByText('Still open on this case');
    await warning.waitFor();
    await dialog.getByText(`Numbat interview ${run}`).waitFor();
    await dialog.getByText(titles.late).waitFor();
    await screenshot(page, '42-resolve-warnings');
    await dialog.getByRole('radio', { name: 'Benign' }).check();
    await dialog.getByLabel('Reason').fill('Approved transfer; the rest is covered elsewhere.');
    await dialog.getByRole('button', { name: 'Resolve case' }).click();
    await page.getByText(`Case #${caseNumber} resolved`).waitFor();
  });

  it('offers to resolve the incident once its alerts are triaged and its cases closed', async () => {
    await admin('POST', `/alerts/${ids.late}/dismiss`, {
      category: 'other',
      reason: 'Personal mail, no data attached.',
    });
    await page.goto(`/incidents/${incidentId}`);
    const ready = page.getByRole('region', { name: 'Ready to resolve' });
    await ready.waitFor();
    await page.getByRole('link', { name: `Case #${caseNumber}, closed` }).waitFor();
    await ready.getByRole('button', { name: 'Resolve incident' }).click();
    await expect
      .poll(() => page.getByRole('combobox', { name: 'Status' }).inputValue())
      .toBe('Resolved');
    await expect.poll(() => ready.count()).toBe(0);
  });
});

describe('correlation settings', () => {
  it('lets an administrator change which values group alerts', async () => {
    const { page: adminPage } = await newPage(browser, baseUrl);
    try {
      await signIn(adminPage, ADMIN.email, ADMIN.password);
      await adminPage.goto('/settings?section=correlation');
      const limit = adminPage.getByLabel(/A value is common when seen with more than/);
      await expect.poll(() => limit.inputValue()).toBe('5');
      await adminPage.getByText('domain', { exact: true }).waitFor();
      await limit.fill('8');
      await adminPage.getByRole('button', { name: 'Save settings' }).click();
      await adminPage.getByText('Settings saved').waitFor();
      await adminPage.reload();
      await expect.poll(() => limit.inputValue()).toBe('8');
      await adminPage.getByText(/Last changed .* by/).waitFor();
      await expectAccessible(adminPage, 'correlation settings');
      await screenshot(adminPage, '43-correlation-settings');
    } finally {
      await admin('PATCH', '/settings', { correlation: { commonValueSubjects: 5 } });
      await adminPage.context().close();
    }
  });

  it('raised no script errors', () => {
    expect(errors).toEqual([]);
  });
});
