/**
 * Evidence benchmark: per engine, a fresh database and the real server as a child process on
 * the filesystem store; uploads and downloads one large file and many small captures through
 * HTTP, and compares the throughput with `sha256sum` and `cp` of the same bytes on the same
 * disk, measured in the same run. Samples the server's RSS during the large upload. See
 * bench/README.md ("Evidence").
 */
import { execFile } from 'node:child_process';
import { createReadStream, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { Agent, request, type IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { parseArgs, promisify } from 'node:util';
import { openDatabase } from '../server/db/connection.ts';
import { systemClock } from '../server/lib/clock.ts';
import { createAccountAs, createTokenFor, loadActor } from '../server/modules/accounts/index.ts';
import { systemActor } from '../server/modules/workspaces/index.ts';
import { parseEngines, positiveOption, type BenchEngine } from './args.ts';
import {
  capture,
  settleDisk,
  sha256sumOf,
  timeDurableWrites,
  timeShell,
  writeBigFile,
  writeCaptures,
} from './evidence-files.ts';
import { percentile, type LoadResult } from './load.ts';
import { createBenchDatabase, prepareFixture, type BenchDatabase } from './prepare.ts';
import { cleanUpOnInterrupt, killChildren, startChild } from './processes.ts';
import { formatTable, meets, writeResult, type Row } from './report.ts';

const MiB = 1024 * 1024;
const log = (text: string) => console.log(`[evidence] ${text}`);
const pendingDrops = new Set<() => Promise<void>>();
const keepAlive = new Agent({ keepAlive: true });
const run = promisify(execFile);

function parse(argv: string[]) {
  const { values } = parseArgs({
    args: argv,
    options: {
      engine: { type: 'string', default: 'both' },
      'big-mib': { type: 'string', default: '1024' },
      'small-count': { type: 'string', default: '10000' },
      clients: { type: 'string', default: '4' },
      'pg-url': { type: 'string' },
      profile: { type: 'string' },
    },
    strict: true,
  });
  return {
    engines: parseEngines(values.engine),
    bigBytes: Math.round(positiveOption('big-mib', values['big-mib']) * MiB),
    smallCount: Math.round(positiveOption('small-count', values['small-count'])),
    clients: Math.round(positiveOption('clients', values.clients)),
    profile: values.profile,
    pgUrl:
      values['pg-url'] ??
      process.env.CASEFILE_BENCH_DATABASE_URL ??
      'postgres://casefile:casefile@127.0.0.1:5432/postgres',
  };
}
type Args = ReturnType<typeof parse>;

/** What the tools do with the same bytes on the same disk: MiB/s of each. */
interface Ceiling {
  sha256sum: number;
  cp: number;
  cpSync: number;
  /** Captures only: written one by one with an fsync of each and of the folder. */
  durable?: number;
}

function measureCeilings(work: string, args: Args, bigSha: string) {
  const big = join(work, 'big.bin');
  const mib = args.bigBytes / MiB;
  if (sha256sumOf(big) !== bigSha) throw new Error('sha256sum disagrees with the generator');
  const bigCeiling: Ceiling = {
    sha256sum: mib / timeShell(`sha256sum ${big} > /dev/null`),
    cp: mib / timeShell(`cp ${big} ${work}/big.copy`),
    cpSync: mib / timeShell(`cp ${big} ${work}/big.copy2 && sync ${work}/big.copy2`),
  };
  rmSync(join(work, 'big.copy'));
  rmSync(join(work, 'big.copy2'));
  const smallBytes = writeCaptures(join(work, 'small'), args.smallCount);
  const smallMib = smallBytes / MiB;
  const smallCeiling: Ceiling = {
    sha256sum:
      smallMib /
      timeShell(`cd ${work}/small && find . -type f -print0 | xargs -0 sha256sum > /dev/null`),
    cp: smallMib / timeShell(`cp -r ${work}/small ${work}/small.copy`),
    cpSync:
      smallMib /
      timeShell(`cp -r ${work}/small ${work}/small.copy2 && sync -f ${work}/small.copy2`),
  };
  smallCeiling.durable = smallMib / timeDurableWrites(join(work, 'small.durable'), args.smallCount);
  for (const dir of ['small', 'small.copy', 'small.copy2', 'small.durable'])
    rmSync(join(work, dir), { recursive: true });
  return { bigCeiling, smallCeiling, smallBytes };
}

/** An investigator's API token in the bench workspace. */
async function investigatorToken(target: BenchDatabase, workspaceId: number): Promise<string> {
  const database = openDatabase({ databaseUrl: target.databaseUrl, sqliteFile: target.sqliteFile });
  try {
    const account = await createAccountAs(database.db, systemClock, systemActor(workspaceId), {
      email: 'investigator@bench.casefile.local',
      name: 'Bench investigator',
      role: 'investigator',
      password: 'bench-investigator-password-not-secret',
    });
    const actor = await loadActor(database.db, account.id, 'token');
    if (!actor) throw new Error('the investigator did not load');
    return (await createTokenFor(database.db, systemClock, actor, 'bench evidence')).token;
  } finally {
    await database.close();
  }
}

/** The resident set of a process in bytes (Linux /proc). */
function rssOf(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : NaN;
}

function readBody(res: IncomingMessage): Promise<{ status: number; text: string; bytes: number }> {
  return new Promise((resolve, reject) => {
    let bytes = 0;
    const kept: Buffer[] = [];
    res.on('data', (d: Buffer) => {
      bytes += d.length;
      if (res.statusCode !== 200 || kept.length < 4) kept.push(d);
    });
    res.on('end', () =>
      resolve({ status: res.statusCode ?? 0, text: Buffer.concat(kept).toString(), bytes }),
    );
    res.on('error', reject);
  });
}

/** Streams the big file up as a raw body, sampling the server's RSS; answers the item. */
async function uploadBig(
  url: string,
  token: string,
  number: number,
  file: string,
  size: number,
  pid: number,
) {
  const base = rssOf(pid);
  let peak = base;
  const sampler = setInterval(() => (peak = Math.max(peak, rssOf(pid))), 50);
  const t0 = performance.now();
  try {
    const { hostname, port } = new URL(url);
    const req = request({
      host: hostname,
      port,
      method: 'POST',
      path: `/api/v1/cases/${number}/evidence`,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/octet-stream',
        'content-length': String(size),
        'content-disposition': "attachment; filename*=UTF-8''disk-image.bin",
      },
    });
    const answered = new Promise<IncomingMessage>((resolve, reject) => {
      req.on('response', resolve);
      req.on('error', reject);
    });
    await pipeline(createReadStream(file, { highWaterMark: MiB }), req);
    const res = await readBody(await answered);
    if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${res.text}`);
    const item = JSON.parse(res.text) as { id: number; sha256: string };
    return { item, ms: performance.now() - t0, rssGrowth: peak - base, rssBase: base };
  } finally {
    clearInterval(sampler);
  }
}

function download(url: string, token: string, number: number, id: number) {
  return new Promise<number>((resolve, reject) => {
    const { hostname, port } = new URL(url);
    request(
      {
        host: hostname,
        port,
        path: `/api/v1/cases/${number}/evidence/${id}/content?purpose=benchmark`,
        agent: keepAlive,
        headers: { authorization: `Bearer ${token}` },
      },
      (res) => {
        void readBody(res).then((r) => {
          if (r.status !== 200) reject(new Error(`download answered ${r.status}: ${r.text}`));
          else resolve(r.bytes);
        }, reject);
      },
    )
      .on('error', reject)
      .end();
  });
}

/**
 * Runs `casefile verify-evidence` over the bench store; answers the seconds it says the
 * verification took (the process's start, about two seconds of loading, is not counted).
 */
async function verifyAll(dataDir: string, databaseUrl: string | undefined) {
  settleDisk();
  const { stdout } = await run(process.execPath, ['bin/casefile.js', 'verify-evidence'], {
    env: {
      ...process.env,
      CASEFILE_DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl ?? '',
      CASEFILE_LOG_LEVEL: 'warn',
    },
    maxBuffer: 64 * MiB,
  });
  const summary = stdout.trim().split('\n').at(-2) ?? '';
  log(`verify-evidence: ${summary}`);
  const seconds = Number(/ in ([\d.]+) s:/.exec(summary)?.[1]);
  if (!(seconds > 0)) throw new Error(`verify-evidence said: ${stdout.slice(-500)}`);
  return { seconds };
}

/** `count` requests from `clients` lanes; answers the latencies and the bytes moved. */
async function lanes(count: number, clients: number, one: (i: number) => Promise<number>) {
  const latencies: number[] = [];
  let next = 0;
  let bytes = 0;
  let failed = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      for (let i = next++; i < count; i = next++) {
        const s = performance.now();
        try {
          bytes += await one(i);
          latencies.push(performance.now() - s);
        } catch (error) {
          failed += 1;
          if (failed <= 3) console.error(`[evidence] request ${i}: ${String(error)}`);
        }
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), bytes, failed, ms: performance.now() - t0 };
}

const resultOf = (rate: number, r: { latencies: number[]; failed: number }): LoadResult => ({
  requests: r.latencies.length + r.failed,
  rate,
  p50: percentile(r.latencies, 50),
  p99: percentile(r.latencies, 99),
  mean: r.latencies.reduce((s, v) => s + v, 0) / (r.latencies.length || 1),
  non2xx: r.failed,
  errors: 0,
});

async function benchEngine(
  args: Args,
  engine: BenchEngine,
  work: string,
  base: ReturnType<typeof measureCeilings> & { bigSha: string },
) {
  const target = await createBenchDatabase(engine, args.pgUrl);
  pendingDrops.add(target.drop);
  const dataDir = target.dataDir ?? mkdtempSync(join(tmpdir(), 'casefile-bench-evidence-'));
  const rows: Row[] = [];
  const add = (scenario: string, clients: number, result: LoadResult, ceiling: number) => {
    const row: Row = { scenario, engine, cases: args.smallCount, clients, unit: 'MiB', result };
    row.target = { rate: Math.round(ceiling / 2) };
    rows.push(row);
    log(
      `${engine} ${scenario}: ${result.rate.toFixed(1)} MiB/s (target ${row.target.rate}, ${meets(row) ? 'meets' : 'MISSES'})`,
    );
  };
  try {
    const fixture = await prepareFixture(target, 1);
    const token = await investigatorToken(target, fixture.workspaceId);
    // `--profile DIR`: the server writes a V8 CPU profile there when it stops.
    const profile = args.profile ? ['--cpu-prof', '--cpu-prof-dir', args.profile] : [];
    const server = await startChild(
      [...profile, 'bin/casefile.js', 'serve'],
      {
        CASEFILE_LOG_LEVEL: 'warn',
        CASEFILE_DATA_DIR: dataDir,
        DATABASE_URL: target.databaseUrl ?? '',
        CASEFILE_REQUEST_TIMEOUT_SECONDS: '3600',
      },
      '/readyz',
    );
    try {
      const created = await fetch(`${server.url}/api/v1/cases`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ title: 'Evidence benchmark' }),
      });
      const { number } = (await created.json()) as { number: number };
      const bigMib = args.bigBytes / MiB;
      settleDisk();
      const big = await uploadBig(
        server.url,
        token,
        number,
        join(work, 'big.bin'),
        args.bigBytes,
        server.pid,
      );
      if (big.item.sha256 !== base.bigSha)
        throw new Error('the server hashed the big file differently');
      const one = (ms: number) => ({ latencies: [ms], failed: 0 });
      add(
        `upload ${bigMib} MiB (raw body)`,
        1,
        resultOf(bigMib / (big.ms / 1000), one(big.ms)),
        Math.min(base.bigCeiling.sha256sum, base.bigCeiling.cp),
      );
      settleDisk();
      const t0 = performance.now();
      const got = await download(server.url, token, number, big.item.id);
      const downMs = performance.now() - t0;
      if (got !== args.bigBytes) throw new Error(`downloaded ${got} bytes of ${args.bigBytes}`);
      add(
        `download ${bigMib} MiB`,
        1,
        resultOf(bigMib / (downMs / 1000), one(downMs)),
        Math.min(base.bigCeiling.sha256sum, base.bigCeiling.cp),
      );

      const ids: number[] = [];
      const smallMib = base.smallBytes / MiB;
      settleDisk();
      const up = await lanes(args.smallCount, args.clients, async (i) => {
        const bytes = capture(i);
        const res = await fetch(`${server.url}/api/v1/cases/${number}/evidence?kind=capture`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            'content-type': 'image/png',
            'content-disposition': `attachment; filename=capture-${i}.png`,
          },
          body: bytes,
        });
        const text = await res.text();
        if (res.status !== 201)
          throw new Error(`upload answered ${res.status}: ${text.slice(0, 200)}`);
        ids[i] = (JSON.parse(text) as { id: number }).id;
        return bytes.length;
      });
      const smallCeiling = Math.min(base.smallCeiling.sha256sum, base.smallCeiling.cp);
      add(
        `upload ${args.smallCount} captures (${smallMib.toFixed(0)} MiB)`,
        args.clients,
        resultOf(up.bytes / MiB / (up.ms / 1000), up),
        smallCeiling,
      );
      log(
        `${engine}: ${(args.smallCount / (up.ms / 1000)).toFixed(0)} captures/s up, p99 ${percentile(up.latencies, 99).toFixed(1)} ms`,
      );
      settleDisk();
      const down = await lanes(args.smallCount, args.clients, (i) =>
        download(server.url, token, number, ids[i]!),
      );
      add(
        `download ${args.smallCount} captures`,
        args.clients,
        resultOf(down.bytes / MiB / (down.ms / 1000), down),
        smallCeiling,
      );
      log(
        `${engine}: ${(args.smallCount / (down.ms / 1000)).toFixed(0)} captures/s down, p99 ${percentile(down.latencies, 99).toFixed(1)} ms`,
      );
      // The command line's verification of everything stored, beside the running server.
      const verified = await verifyAll(dataDir, target.databaseUrl);
      const allMib = bigMib + smallMib;
      const shaAll =
        allMib / (bigMib / base.bigCeiling.sha256sum + smallMib / base.smallCeiling.sha256sum);
      add(
        `verify-evidence: ${args.smallCount + 1} items (${allMib.toFixed(0)} MiB)`,
        4,
        resultOf(allMib / verified.seconds, one(verified.seconds * 1000)),
        shaAll,
      );
      return {
        engine,
        cases: args.smallCount,
        rows,
        memory: { rssBaseMiB: big.rssBase / MiB, rssGrowthMiB: big.rssGrowth / MiB, targetMiB: 64 },
        capturesPerSecond: {
          up: args.smallCount / (up.ms / 1000),
          down: args.smallCount / (down.ms / 1000),
        },
      };
    } finally {
      await server.stop();
    }
  } finally {
    pendingDrops.delete(target.drop);
    await target.drop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const args = parse(process.argv.slice(2));
  const work = mkdtempSync(join(tmpdir(), 'casefile-bench-bytes-'));
  cleanUpOnInterrupt(pendingDrops, () => rmSync(work, { recursive: true, force: true }));
  try {
    log(`writing ${args.bigBytes / MiB} MiB and ${args.smallCount} captures to ${work}`);
    const bigSha = writeBigFile(join(work, 'big.bin'), args.bigBytes);
    const base = { ...measureCeilings(work, args, bigSha), bigSha };
    log(`tools, ${args.bigBytes / MiB} MiB: ${JSON.stringify(base.bigCeiling)} MiB/s`);
    log(`tools, ${args.smallCount} captures: ${JSON.stringify(base.smallCeiling)} MiB/s`);
    const reports = [];
    for (const engine of args.engines) {
      const report = { ...(await benchEngine(args, engine, work, base)), ceilings: base };
      reports.push(report);
      log(`wrote ${writeResult(report, { ...args, pgUrl: undefined }, 'evidence-')}`);
    }
    console.log('');
    console.log(formatTable(reports));
    const c = (x: Ceiling) =>
      `sha256sum ${x.sha256sum.toFixed(0)}, cp ${x.cp.toFixed(0)}, cp + sync ${x.cpSync.toFixed(0)}` +
      `${x.durable === undefined ? '' : `, write + fsync each ${x.durable.toFixed(0)}`} MiB/s`;
    console.log(
      `\nTools on the same disk: big file ${c(base.bigCeiling)}; captures ${c(base.smallCeiling)}.`,
    );
    for (const r of reports)
      console.log(
        `${r.engine}: server RSS ${r.memory.rssBaseMiB.toFixed(0)} MiB before the big upload, ` +
          `grew ${r.memory.rssGrowthMiB.toFixed(1)} MiB during it (target <= 64); ` +
          `${r.capturesPerSecond.up.toFixed(0)} captures/s up, ${r.capturesPerSecond.down.toFixed(0)} down`,
      );
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  killChildren();
  console.error(error);
  process.exitCode = 1;
});
