import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ADMIN } from './global-setup.ts';
import { expectAccessible, launchBrowser, newPage, screenshot, signIn } from './support.ts';

let browser: Browser;
let page: Page;
let errors: string[];
const baseUrl = inject('baseUrl');
const run = Date.now().toString(36);
// A type this server does not run: once retried, it stays queued where the test can see it.
const type = 'reports.weekly-digest';

beforeAll(async () => {
  browser = await launchBrowser();
  ({ page, errors } = await newPage(browser, baseUrl));
  const db = new Database(join(inject('dataDir'), 'casefile.db'));
  db.pragma('busy_timeout = 5000');
  const at = new Date().toISOString();
  db.prepare(
    `insert into jobs (workspace_id, type, payload, run_at, attempts, max_attempts, last_error,
      state, idempotency_key, created_at, updated_at, finished_at)
     values (1, ?, '{}', ?, 8, 8, ?, 'dead', ?, ?, ?, ?)`,
  ).run(type, at, `SMTP 554 from mail.example.com (${run})`, `digest:${run}`, at, at, at);
  db.close();
});
afterAll(async () => {
  await browser?.close();
});

describe('an administrator looks after the background jobs', () => {
  it('sees a dead job with its error and retries it', async () => {
    await signIn(page, ADMIN.email, ADMIN.password);
    await page.goto('/settings?section=jobs');
    const table = page.getByRole('table', { name: 'Background jobs' });
    const row = table.getByRole('row').filter({ hasText: `digest:${run}` });
    await row.getByText(`SMTP 554 from mail.example.com (${run})`).waitFor();
    expect(await row.getByText('Dead').isVisible()).toBe(true);
    expect(await row.getByText('8 of 8').isVisible()).toBe(true);
    await expectAccessible(page, 'background jobs');
    await screenshot(page, '70-background-jobs');

    await row.getByRole('button', { name: /^Retry job \d+ \(reports.weekly-digest\)$/ }).click();
    // No longer failing: it leaves this list, and waits in the queue with fresh attempts.
    await row.waitFor({ state: 'detached' });
    await page.getByText('All jobs').click();
    const queued = table.getByRole('row').filter({ hasText: `digest:${run}` });
    await queued.getByText('Queued').waitFor();
    expect(await queued.getByText('0 of 8').isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });
});
