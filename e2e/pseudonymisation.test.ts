import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN, apiAs, PASSWORD, people } from './global-setup.ts';
import { launchBrowser, newPage, signIn } from './support.ts';

/**
 * The browser canary scan: with pseudonymisation on, an analyst walks every page a case about
 * a marked person leads to; no marker may show on a page or arrive in any answer the console
 * reads. Then an administrator reveals the person for the case, saying why.
 */
const baseUrl = inject('baseUrl');
const run = Date.now().toString(36);
const MARK = `zqkv${run}`;
const marked = new RegExp(MARK, 'i');
const person = {
  email: `${MARK}.walker@corp.example`,
  name: `${MARK}Wanda ${MARK}Walker`,
  department: `${MARK} Treasury`,
  jobTitle: `${MARK} Analyst`,
  manager: `${MARK}.boss@corp.example`,
};

let browser: Browser;
let admin: Awaited<ReturnType<typeof apiAs>>;
let caseNumber = 0;
let alertId = 0;
let incidentId = 0;
let subjectId = 0;

beforeAll(async () => {
  browser = await launchBrowser();
  admin = await apiAs(baseUrl, ADMIN.email, ADMIN.password);
  await admin('PATCH', '/settings', { privacy: { pseudonymise: true } });
  const res = await admin('POST', '/alerts', {
    alerts: [0, 1].map((i) => ({
      source: 'dlp',
      externalId: `pseudo-${run}-${i}`,
      title: `${person.name} uploaded payroll.xlsx to a personal cloud drive`,
      description: `User ${person.email} (${person.department}) uploaded a labelled file`,
      severity: 'high',
      detectedAt: new Date(Date.now() - (i + 1) * 3_600_000).toISOString(),
      subject: person,
      entities: [
        { type: 'account', value: `CORP\\${MARK}walker` },
        { type: 'mailbox', value: person.email },
      ],
      payload: { user: person.name, upn: person.email },
    })),
  });
  alertId = res.results[0].id as number;
  const alert = await admin('GET', `/alerts/${alertId}`);
  subjectId = alert.subject.id as number;
  incidentId = alert.incidentId as number;
  await admin('POST', '/activities', {
    activities: [0, 1, 2].map((i) => ({
      source: 'dlp',
      externalId: `pseudo-act-${run}-${i}`,
      subject: { email: person.email },
      occurredAt: new Date(Date.now() - (i + 2) * 3_600_000).toISOString(),
      category: 'exfiltration',
      activityType: 'cloud.uploaded',
      riskScore: 70 + i,
      object: { name: `${MARK}-payroll.xlsx`, path: `C:\\Users\\${MARK}walker\\payroll.xlsx` },
      alertId,
    })),
  });
  const c = await admin('POST', '/cases', {
    title: `Payroll upload by ${person.name}`,
    description: `Reported by the manager of ${person.email}.`,
    subjectId,
  });
  caseNumber = c.number as number;
  await admin('POST', `/alerts/${alertId}/confirm`, { caseNumber });
});
afterAll(async () => {
  await admin?.('PATCH', '/settings', { privacy: { pseudonymise: false } });
  await browser?.close();
});

/** Every answer the page reads, as text, for the scan. */
function recordAnswers(page: Page): string[] {
  const answers: string[] = [];
  page.on('response', (r: Response) => {
    if (!r.url().includes('/api/')) return;
    void r
      .text()
      .then((t) => answers.push(t))
      .catch(() => undefined);
  });
  return answers;
}

async function scan(page: Page, path: string, answers: string[], typed = false) {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  // A search box shows what the analyst typed: only what the server answered counts there.
  const html = await page.content();
  if (!typed) expect(html.match(marked)?.[0], `${path}: page`).toBeUndefined();
  const leaking = answers.find((a) => marked.test(a));
  expect(leaking?.slice(0, 300), `${path}: an answer`).toBeUndefined();
}

describe('pseudonymisation in the console', () => {
  it('shows an analyst no real name on any page about the person', async () => {
    const { page, errors } = await newPage(browser, baseUrl);
    const answers = recordAnswers(page);
    await signIn(page, people.analyst.email, PASSWORD);
    for (const path of [
      '/',
      '/alerts',
      `/alerts?alert=${alertId}`,
      '/incidents',
      `/incidents/${incidentId}`,
      `/cases/${caseNumber}`,
      `/cases/${caseNumber}?tab=activity`,
      `/cases/${caseNumber}?tab=alerts`,
      `/subjects/${subjectId}/activity`,
      '/subjects',
      `/subjects/${subjectId}`,
    ])
      await scan(page, path, answers);
    // Knowing the real name finds nothing.
    await scan(page, `/alerts?q=${encodeURIComponent(person.name.split(' ')[1]!)}`, answers, true);
    await page.getByText('No alert matches these filters').first().waitFor();
    await page.goto(`/cases/${caseNumber}`);
    await page.screenshot({ path: '/tmp/pseudonymised-case.png' });
    await page.getByText('The subject is shown under a pseudonym.').waitFor();
    // An analyst may not reveal.
    expect(await page.getByRole('button', { name: 'Reveal identity' }).count()).toBe(0);
    await page.screenshot({ path: '/tmp/pseudonymised-case.png' });
    expect(errors).toEqual([]);
  });

  it('lets an administrator reveal the person for the case with a reason, shown and recorded', async () => {
    const { page, errors } = await newPage(browser, baseUrl);
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/settings?section=privacy');
    const setting = page.getByRole('switch', { name: 'Show subjects under pseudonyms' });
    await expect(setting.isChecked()).resolves.toBe(true);
    await page.screenshot({ path: '/tmp/privacy-settings.png' });
    await page.goto(`/cases/${caseNumber}`);
    await page.getByRole('button', { name: 'Reveal identity' }).click();
    const dialog = page.getByRole('dialog', { name: "Reveal the subject's identity" });
    await expect(
      dialog.getByRole('button', { name: 'Reveal identity' }).isDisabled(),
    ).resolves.toBe(true);
    await dialog
      .getByLabel('Why do you need the identity?')
      .fill('Legal asked for the name before the interview');
    await dialog.getByRole('button', { name: 'Reveal identity' }).click();
    await page.getByText('Identity revealed to you').waitFor();
    await page.getByText(person.name).first().waitFor();
    await page.screenshot({ path: '/tmp/revealed-case.png' });
    await page.goto(`/cases/${caseNumber}?tab=activity`);
    await page.getByText(/Revealed the subject's identity, until .*Legal asked/).waitFor();
    await page.goto(`/cases/${caseNumber}`);
    await page.getByRole('button', { name: 'Hide again' }).click();
    await page.getByText('The subject is shown under a pseudonym.').waitFor();
    expect(errors).toEqual([]);
  });
});
