/**
 * Timeline chart render benchmark, in Debian's Chromium against the real built server:
 * seeds one subject with `--events` scored activity events over 6 months through
 * POST /api/v1/activities (batches of 5,000), then opens `/subjects/:id/activity?window=6m`
 * `--loads` times and measures from navigation start to the chart drawn
 * (`.timeline-chart[data-drawn]`), cold (a new browser context each load: no cache, a new
 * session) and warm (the same tab navigating again), with the timeline answer's size and the
 * server's own time for it. See bench/README.md ("Timeline chart render").
 *
 *   npm run bench:timeline-chart -- [--engine sqlite|postgres] [--events 200000] [--loads 10]
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { chromium, type Browser, type BrowserContext, type Response } from 'playwright-core';
import type { ActivityIn } from '../contract/activities.ts';
import { activityBatches, HEAVY_EMAIL } from './activity-dataset.ts';
import { parseEngines, positiveOption } from './args.ts';
import { percentile } from './load.ts';
import { createBenchDatabase, ingestToken, prepareFixture } from './prepare.ts';
import { cleanUpOnInterrupt, killChildren, startChild, type Child } from './processes.ts';

const TARGET_MS = 1000;
const DAY_MS = 86_400_000;
const BATCH = 5000;
const log = (text: string) => console.log(`[timeline-chart] ${text}`);
const pendingDrops = new Set<() => Promise<void>>();

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string', default: 'sqlite' },
      events: { type: 'string', default: '200000' },
      loads: { type: 'string', default: '10' },
      clients: { type: 'string', default: '2' },
      seed: { type: 'string', default: '1' },
      profile: { type: 'boolean', default: false },
      'pg-url': { type: 'string' },
    },
    strict: true,
  });
  const [engine, ...more] = parseEngines(values.engine, ' (one of them)');
  if (!engine || more.length > 0) throw new Error('--engine is sqlite or postgres');
  return {
    engine,
    events: positiveOption('events', values.events),
    loads: positiveOption('loads', values.loads),
    clients: positiveOption('clients', values.clients),
    seed: positiveOption('seed', values.seed),
    profile: values.profile,
    pgUrl:
      values['pg-url'] ??
      process.env.CASEFILE_BENCH_DATABASE_URL ??
      'postgres://casefile:casefile@127.0.0.1:5432/postgres',
  };
}
type Args = ReturnType<typeof parse>;

async function post(url: string, token: string, activities: ActivityIn[]) {
  const res = await fetch(`${url}/api/v1/activities`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ activities }),
  });
  const text = await res.text();
  if (res.status !== 200) throw new Error(`ingest answered ${res.status}: ${text.slice(0, 300)}`);
  return (JSON.parse(text) as { created: number }).created;
}

/** Every event is the one subject's, spread from 180 days ago to a minute ago. */
async function seed(args: Args, url: string, token: string) {
  const now = Date.now();
  const build = activityBatches({
    seed: args.seed,
    total: args.events,
    subjects: 1,
    heavyShare: 1,
    start: now - 180 * DAY_MS,
    end: now - 60_000,
  });
  const batches = Math.ceil(args.events / BATCH);
  let next = 0;
  let created = 0;
  const client = async () => {
    for (let b = next++; b < batches; b = next++) {
      const n = await post(url, token, build(b, Math.min(BATCH, args.events - b * BATCH), BATCH));
      created += n;
      if (b % 10 === 9) log(`${created} events acknowledged`);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: args.clients }, client));
  return { created, seconds: (performance.now() - t0) / 1000 };
}

async function api<T>(url: string, token: string, path: string): Promise<T> {
  const res = await fetch(`${url}/api/v1${path}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** The server's time for the page's own timeline request, without the browser. */
async function serverTimes(url: string, token: string, path: string) {
  const times: number[] = [];
  let bytes = 0;
  for (let i = 0; i < 10; i++) {
    const t0 = performance.now();
    const res = await fetch(`${url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    bytes = (await res.arrayBuffer()).byteLength;
    times.push(performance.now() - t0);
  }
  return { sorted: times.sort((a, b) => a - b), bytes };
}

// Records, in the page, the moment the chart first carries `data-drawn` (navigation start is
// the page's time origin, so performance.now() then is the time from navigation start).
const watchDrawn = `(() => {
  const seen = () => {
    const el = document.querySelector('.timeline-chart[data-drawn]');
    if (el && window.__drawnAt === undefined) {
      window.__drawnAt = performance.now();
      window.__marks = Number(el.getAttribute('data-drawn'));
    }
  };
  new MutationObserver(seen).observe(document, {
    subtree: true, childList: true, attributes: true, attributeFilter: ['data-drawn'],
  });
})()`;

interface Load {
  ms: number;
  marks: number;
  /** Where the time went: the page's script and the timeline request, from navigation start. */
  phases: {
    domContentLoaded: number;
    scriptsEnd: number;
    timelineStart: number;
    timelineEnd: number;
  };
  timeline?: { path: string; bodyBytes: number; encodedBytes: number; encoding: string };
}

async function signedInContext(browser: Browser, url: string, email: string, password: string) {
  const context = await browser.newContext({
    baseURL: url,
    viewport: { width: 1366, height: 860 },
  });
  const res = await context.request.post('/api/v1/auth/sign-in', { data: { email, password } });
  if (!res.ok()) throw new Error(`sign-in: ${res.status()} ${await res.text()}`);
  await context.addInitScript(watchDrawn);
  return context;
}

async function loadOnce(context: BrowserContext, path: string): Promise<Load> {
  const page = context.pages()[0] ?? (await context.newPage());
  let timeline: Load['timeline'];
  const onResponse = async (res: Response) => {
    if (!res.url().includes('/timeline?')) return;
    const body = await res.body();
    const sizes = await res.request().sizes();
    timeline = {
      path: new URL(res.url()).pathname + new URL(res.url()).search,
      bodyBytes: body.length,
      encodedBytes: sizes.responseBodySize,
      encoding: (await res.allHeaders())['content-encoding'] ?? 'identity',
    };
  };
  page.on('response', onResponse);
  await page.goto(path);
  await page.waitForSelector('.timeline-chart[data-drawn]', { timeout: 30_000 });
  const at = await page.evaluate<Omit<Load, 'timeline'>>(`(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = performance.getEntriesByType('resource');
    const tl = res.find((r) => r.name.includes('/timeline?'));
    const scripts = res.filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'));
    return {
      ms: window.__drawnAt,
      marks: window.__marks,
      phases: {
        domContentLoaded: nav ? nav.domContentLoadedEventEnd : NaN,
        scriptsEnd: Math.max(0, ...scripts.map((r) => r.responseEnd)),
        timelineStart: tl ? tl.startTime : NaN,
        timelineEnd: tl ? tl.responseEnd : NaN,
      },
    };
  })()`);
  await page.waitForLoadState('networkidle');
  page.off('response', onResponse);
  return { ...at, ...(timeline ? { timeline } : {}) };
}

interface CpuProfile {
  nodes: Array<{
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
  }>;
  samples: number[];
  timeDeltas: number[];
}

/** `--profile`: the page's main-thread CPU over one cold load, the heaviest functions first. */
async function profileLoad(context: BrowserContext, path: string) {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto(path);
  await page.waitForSelector('.timeline-chart[data-drawn]', { timeout: 30_000 });
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  const frame = new Map(profile.nodes.map((n) => [n.id, n.callFrame]));
  const self = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const f = frame.get(id);
    const name = f
      ? `${f.functionName || '(anonymous)'} ${f.url.split('/').pop()}:${f.lineNumber}`
      : '?';
    self.set(name, (self.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  const top = [...self].sort((a, b) => b[1] - a[1]).slice(0, 30);
  console.log('main-thread self time over one cold load (ms):');
  for (const [name, ms] of top) console.log(`  ${ms.toFixed(1).padStart(7)}  ${name}`);
  await page.close();
}

const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p95: percentile(s, 95), max: s.at(-1) ?? NaN };
};

async function main() {
  const args = parse(process.argv.slice(2));
  cleanUpOnInterrupt(pendingDrops);
  const build = spawnSync(process.execPath, ['bin/build-web.js'], {
    cwd: new URL('..', import.meta.url).pathname,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error('the web app did not build');

  const target = await createBenchDatabase(args.engine, args.pgUrl);
  pendingDrops.add(target.drop);
  let server: Child | undefined;
  let browser: Browser | undefined;
  try {
    const fixture = await prepareFixture(target, 1);
    const token = await ingestToken(target, fixture.workspaceId);
    const analyst = fixture.analysts[0]!;
    server = await startChild(
      ['bin/casefile.js', 'serve'],
      {
        CASEFILE_LOG_LEVEL: 'warn',
        CASEFILE_DATA_DIR: target.dataDir ?? '',
        DATABASE_URL: target.databaseUrl ?? '',
      },
      '/readyz',
    );
    log(`${args.engine}: server pid ${server.pid}; seeding ${args.events} events`);
    const seeded = await seed(args, server.url, token);
    log(
      `seeded ${seeded.created} events in ${seeded.seconds.toFixed(1)} s ` +
        `(${Math.round(seeded.created / seeded.seconds)} events/s through the API)`,
    );
    // The only subject there is (searched by e-mail it would not be found while pseudonymised).
    const subjects = await api<{ items: Array<{ id: number }> }>(
      server.url,
      analyst.token,
      '/subjects',
    );
    if (subjects.items.length !== 1) throw new Error(`expected one subject (${HEAVY_EMAIL})`);
    const subjectId = subjects.items[0]!.id;
    const pagePath = `/subjects/${subjectId}/activity?window=6m`;

    browser = await chromium.launch({
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
    const password = 'bench-password-1-not-secret';
    // One load to warm the server (its statement caches) and the operating system's file cache.
    const warmup = await signedInContext(browser, server.url, analyst.email, password);
    const first = await loadOnce(warmup, pagePath);
    if (args.profile) {
      const context = await signedInContext(browser, server.url, analyst.email, password);
      await profileLoad(context, pagePath);
      await context.close();
    }
    const cold: Load[] = [];
    for (let i = 0; i < args.loads; i++) {
      const context = await signedInContext(browser, server.url, analyst.email, password);
      cold.push(await loadOnce(context, pagePath));
      await context.close();
    }
    const warm: Load[] = [];
    for (let i = 0; i < args.loads; i++) warm.push(await loadOnce(warmup, pagePath));
    await warmup.close();

    const timeline = first.timeline ?? cold.find((l) => l.timeline)?.timeline;
    const serverSide = timeline
      ? await serverTimes(server.url, analyst.token, timeline.path)
      : undefined;
    const phases = (ls: Load[]) =>
      Object.fromEntries(
        (['domContentLoaded', 'scriptsEnd', 'timelineStart', 'timelineEnd'] as const).map((k) => [
          k,
          Math.round(summary(ls.map((l) => l.phases[k])).p50),
        ]),
      );
    const c = summary(cold.map((l) => l.ms));
    const w = summary(warm.map((l) => l.ms));
    const result = {
      engine: args.engine,
      events: seeded.created,
      marks: first.marks,
      seedSeconds: seeded.seconds,
      cold: { ...c, loads: cold.map((l) => Math.round(l.ms)), medianPhases: phases(cold) },
      warm: { ...w, loads: warm.map((l) => Math.round(l.ms)), medianPhases: phases(warm) },
      timeline,
      timelineServer: serverSide && {
        p50: percentile(serverSide.sorted, 50),
        p95: percentile(serverSide.sorted, 95),
        bytes: serverSide.bytes,
      },
    };
    console.log(JSON.stringify(result, null, 2));
    const ok = (ms: number) => (ms <= TARGET_MS ? 'meets' : 'MISSES');
    console.log(
      `navigation start to chart drawn (${first.marks} marks, ${seeded.created} events, 6 months): ` +
        `cold p50 ${c.p50.toFixed(0)} ms, p95 ${c.p95.toFixed(0)} ms (${ok(c.p95)} the ${TARGET_MS} ms target); ` +
        `warm p50 ${w.p50.toFixed(0)} ms, p95 ${w.p95.toFixed(0)} ms`,
    );
    if (timeline && serverSide)
      console.log(
        `timeline answer: ${(timeline.bodyBytes / 1024).toFixed(1)} KB JSON, ` +
          `${(timeline.encodedBytes / 1024).toFixed(1)} KB on the wire (${timeline.encoding}); ` +
          `server p50 ${percentile(serverSide.sorted, 50).toFixed(1)} ms, p95 ${percentile(serverSide.sorted, 95).toFixed(1)} ms`,
      );
  } finally {
    await browser?.close();
    await server?.stop();
    pendingDrops.delete(target.drop);
    await target.drop();
  }
}

main().catch((error: unknown) => {
  killChildren();
  console.error(error);
  process.exitCode = 1;
});
