/**
 * Web console benchmark, in Debian's Chromium against the real server on SQLite:
 * cold load of the dashboard to first rows, initial JavaScript (gzip), filter change to new rows.
 *
 *   node bin/run-ts.js bench/web.ts            # 100,000 cases
 *   BENCH_CASES=1000000 node bin/run-ts.js bench/web.ts
 *
 * 500 cases are opened through the API (real rows with audit and search documents); the rest
 * are written straight into the database file while the server is stopped, for speed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import Database from 'better-sqlite3';
import { chromium, type Browser } from 'playwright-core';

const root = join(import.meta.dirname, '..');
const total = Number(process.env.BENCH_CASES ?? 100_000);
const viaApi = Math.min(500, total);
const port = 18_000 + Math.floor(Math.random() * 2000);
const baseUrl = `http://127.0.0.1:${port}`;
const admin = { email: 'bench@example.com', password: 'correct-horse-battery-bench' };
const dir = mkdtempSync(join(tmpdir(), 'casefile-bench-'));
const priorities = ['very_low', 'low', 'medium', 'high', 'critical'] as const;

function start(): ChildProcess {
  return spawn(process.execPath, ['bin/casefile.js', 'serve'], {
    cwd: root,
    env: {
      ...process.env,
      CASEFILE_DATA_DIR: dir,
      PORT: String(port),
      HOST: '127.0.0.1',
      CASEFILE_ADMIN_EMAIL: admin.email,
      CASEFILE_ADMIN_PASSWORD: admin.password,
      CASEFILE_LOG_LEVEL: 'warn',
    },
    stdio: 'inherit',
  });
}
async function ready() {
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${baseUrl}/readyz`)).ok) return;
    } catch {
      // starting
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error('server not ready');
}
const stop = (child: ChildProcess) =>
  new Promise((r) => {
    child.once('exit', r);
    child.kill('SIGTERM');
  });

async function session() {
  const res = await fetch(`${baseUrl}/api/v1/auth/sign-in`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  });
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrfToken };
}

async function seedViaApi() {
  const { cookie, csrfToken } = await session();
  let next = 0;
  const worker = async () => {
    while (next < viaApi) {
      const i = next++;
      const res = await fetch(`${baseUrl}/api/v1/cases`, {
        method: 'POST',
        headers: { cookie, 'x-csrf-token': csrfToken, 'content-type': 'application/json' },
        body: JSON.stringify({
          title: `Insider risk alert ${i}: unusual download volume`,
          priority: priorities[i % 5],
        }),
      });
      if (!res.ok) throw new Error(`create failed: ${res.status} ${await res.text()}`);
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}

function seedDirect() {
  const db = new Database(join(dir, 'casefile.db'));
  const ws = db.prepare('select id, next_case_number from workspaces limit 1').get() as {
    id: number;
    next_case_number: number;
  };
  const statuses = db
    .prepare('select id, category from case_statuses where workspace_id = ?')
    .all(ws.id) as { id: number; category: string }[];
  const adminId = (db.prepare('select id from accounts limit 1').get() as { id: number }).id;
  const insert = db.prepare(`insert into cases (workspace_id, number, title, description, priority,
    priority_rank, status_id, status_category, assignee_id, due_at, tags, created_at, created_by,
    updated_at, updated_by, version, task_total, task_open, comment_count)
    values (?, ?, ?, '', ?, ?, ?, ?, ?, ?, '[]', ?, ?, ?, ?, 1, 0, 0, 0)`);
  const n = total - viaApi;
  const base = Date.parse('2025-01-01T00:00:00Z');
  db.transaction(() => {
    for (let i = 0; i < n; i++) {
      const p = priorities[i % 5] ?? 'medium';
      const s = statuses[i % statuses.length] ?? statuses[0]!;
      const at = new Date(base + i * 30_000).toISOString();
      const due = i % 7 === 0 ? new Date(base + i * 30_000 + 86_400_000 * 5).toISOString() : null;
      insert.run(
        ws.id,
        ws.next_case_number + i,
        `Bulk case ${i}: data loss prevention match`,
        p,
        priorities.indexOf(p) + 1,
        s.id,
        s.category,
        i % 3 === 0 ? adminId : null,
        due,
        at,
        adminId,
        at,
        adminId,
      );
    }
    db.prepare('update workspaces set next_case_number = ? where id = ?').run(
      ws.next_case_number + n,
      ws.id,
    );
  })();
  if (process.env.BENCH_ANALYZE === '1') db.exec('analyze');
  db.close();
}

/** How long the server takes for the dashboard's first page, to tell server from browser time. */
async function apiLatency() {
  const { cookie } = await session();
  const out: Record<string, number> = {};
  for (const q of ['', '&priority=critical', '&priority=low&category=new,active', '&q=1000']) {
    const times: number[] = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      await (
        await fetch(`${baseUrl}/api/v1/cases?sort=updatedAt&order=desc&limit=50${q}`, {
          headers: { cookie },
        })
      ).text();
      times.push(performance.now() - t);
    }
    out[q || 'default'] = Math.round(median(times));
  }
  return out;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

async function measure(browser: Browser) {
  const loads: number[] = [];
  let initialJs = 0;
  let entryJs = 0;
  for (let run = 0; run < 5; run++) {
    const context = await browser.newContext({
      baseURL: baseUrl,
      viewport: { width: 1366, height: 860 },
    });
    await context.request.post('/api/v1/auth/sign-in', { data: admin });
    const page = await context.newPage();
    const scripts: { url: string; size: number }[] = [];
    page.on('response', (res) => {
      if (res.request().resourceType() === 'script')
        void res.body().then((b) => scripts.push({ url: res.url(), size: gzipSync(b).length }));
    });
    await page.goto('/');
    await page.waitForSelector('tr.case-row');
    loads.push(await page.evaluate<number>('performance.now()'));
    await page.waitForLoadState('networkidle');
    if (run === 0) {
      initialJs = scripts.reduce((s, x) => s + x.size, 0);
      entryJs = scripts
        .filter((x) => /\/index-[^/]+\.js$/.test(x.url))
        .reduce((s, x) => s + x.size, 0);
    }
    await context.close();
  }

  const context = await browser.newContext({
    baseURL: baseUrl,
    viewport: { width: 1366, height: 860 },
  });
  await context.request.post('/api/v1/auth/sign-in', { data: admin });
  const page = await context.newPage();
  await page.goto('/');
  await page.waitForSelector('tr.case-row');
  const filters: number[] = [];
  for (const p of ['Critical', 'Low', 'High', 'Very low', 'Medium', 'Critical', 'Low']) {
    await page.getByRole('combobox', { name: 'Priority', exact: true }).click();
    const option = page.getByRole('option', { name: p, exact: true });
    await option.waitFor();
    await page.evaluate(`(() => {
      const body = document.querySelector('table[aria-label="Cases"] tbody');
      window.__changed = new Promise((resolve) => {
        new MutationObserver((_, o) => { o.disconnect(); resolve(performance.now()); })
          .observe(body, { childList: true, subtree: true, characterData: true });
      });
      document.addEventListener('click', () => { window.__t0 = performance.now(); }, { capture: true, once: true });
    })()`);
    await option.click();
    const dt = await page.evaluate<number>('window.__changed.then((t1) => t1 - window.__t0)');
    filters.push(dt);
    // Back to no priority filter for the next trial.
    await page.keyboard.press('Escape');
    await page.goto('/');
    await page.waitForSelector('tr.case-row');
  }
  await context.close();
  return { loads, initialJs, entryJs, filters };
}

async function main() {
  const build = spawnSync(process.execPath, ['bin/build-web.js'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('web build failed');
  let server = start();
  await ready();
  const t0 = Date.now();
  await seedViaApi();
  await stop(server);
  seedDirect();
  console.log(`seeded ${total} cases in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  server = start();
  await ready();
  const browser = await chromium.launch({
    executablePath: process.env.CASEFILE_CHROMIUM ?? '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  try {
    const api = await apiLatency();
    if (process.env.BENCH_API_ONLY === '1') {
      console.log('API first page (ms):', JSON.stringify(api));
      return;
    }
    const r = await measure(browser);
    console.log('API first page, server-side, median of 5 (ms):', JSON.stringify(api));
    console.log(JSON.stringify({ cases: total, ...r }, null, 2));
    console.log(`cold load to first rows: median ${median(r.loads).toFixed(0)} ms (goal 1500)`);
    console.log(
      `initial JavaScript of the dashboard: ${(r.initialJs / 1024).toFixed(1)} KB gzip (entry ${(r.entryJs / 1024).toFixed(1)} KB; goal 350)`,
    );
    console.log(
      `filter change to new rows: median ${median(r.filters).toFixed(0)} ms, max ${Math.max(...r.filters).toFixed(0)} ms (goal 200)`,
    );
  } finally {
    await browser.close();
    await stop(server);
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
