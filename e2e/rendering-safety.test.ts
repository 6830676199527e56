import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN, apiAs, PASSWORD, people } from './global-setup.ts';
import { launchBrowser, newPage, signIn } from './support.ts';

// Every string a person or a source wrote is shown as text: crafted markup in titles,
// descriptions, comments, tags, subject names, entities and raw payloads runs nothing.
let browser: Browser;
let page: Page;
let dialogs = 0;
const baseUrl = inject('baseUrl');
const run = Date.now().toString(36);
const payloads = [
  `<img src=x onerror="window.pwned='img'">`,
  `<script>window.pwned='script'</script>`,
  `<svg onload="window.pwned='svg'"></svg>`,
  `"><iframe src="javascript:window.parent.pwned='iframe'"></iframe>`,
];
const xss = payloads.join(' ');
let caseNumber = 0;
let alertId = 0;
let incidentId = 0;

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page } = await newPage(browser, baseUrl));
  page.on('dialog', (d) => {
    dialogs += 1;
    void d.dismiss();
  });
  const admin = await apiAs(baseUrl, ADMIN.email, ADMIN.password);
  const ingested = await admin('POST', '/alerts', {
    source: `xss-${run}`,
    externalId: `xss-${run}`,
    title: `Crafted ${run} ${xss}`,
    description: xss,
    severity: 'high',
    detectedAt: new Date().toISOString(),
    subject: { email: `x.${run}@example.com`, name: `Mallory ${run} ${payloads[0]}` },
    entities: [{ type: 'url', value: `javascript:window.pwned='entity'` }],
    payload: { note: xss },
  });
  alertId = ingested.results[0].id as number;
  incidentId = ingested.results[0].incidentId as number;
  const created = await admin('POST', '/cases', {
    title: `Crafted case ${run} ${payloads[1]}`,
    description: `${xss}\n\n[click me](javascript:window.pwned='link') <a href="javascript:window.pwned='a'">a</a>`,
    tags: [`<b>${run}</b>`],
  });
  caseNumber = created.number as number;
  await admin('POST', `/cases/${caseNumber}/comments`, { body: xss, format: 'markdown' });
  await admin('POST', `/cases/${caseNumber}/comments`, { body: xss });
  await admin('POST', `/cases/${caseNumber}/tasks`, { title: `Task ${payloads[2]}` });
  await admin('POST', `/cases/${caseNumber}/links`, { alertIds: [alertId] });
  await signIn(page, people.analyst.email, PASSWORD);
});
afterAll(async () => {
  await browser?.close();
});

const pwned = () => page.evaluate('window.pwned ?? null');

describe('crafted markup renders as text', () => {
  it('on the case page, its description, comments, tasks and alerts', async () => {
    await page.goto(`/cases/${caseNumber}`);
    await page.getByRole('heading', { name: new RegExp(`Crafted case ${run}`) }).waitFor();
    await page.getByText(`Crafted case ${run} ${payloads[1]}`).waitFor();
    for (const tab of ['Activity', 'Tasks', 'Alerts']) {
      await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
      await page.waitForLoadState('networkidle');
    }
    await page.getByRole('tab', { name: 'Overview' }).click();
    // A javascript: link in markdown is not a link that runs.
    const links = await page.locator('a[href^="javascript:"]').count();
    expect(links).toBe(0);
    await page
      .getByText('click me')
      .first()
      .click()
      .catch(() => undefined);
    expect(await pwned()).toBeNull();
  });

  it('in the alert queue, the alert drawer with its payload, and the incident page', async () => {
    await page.goto(`/alerts?q=${run}`);
    await page
      .getByRole('row', { name: new RegExp(`Crafted ${run}`) })
      .first()
      .getByText(new RegExp(`Crafted ${run}`))
      .click();
    await page.getByLabel('Raw payload').waitFor();
    expect(await page.getByLabel('Raw payload').textContent()).toContain('onerror');
    await page.keyboard.press('Escape');
    await page.goto(`/incidents/${incidentId}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    expect(await pwned()).toBeNull();
  });

  it('opened no dialog and ran none of it', async () => {
    expect(dialogs).toBe(0);
    expect(await pwned()).toBeNull();
  });
});
