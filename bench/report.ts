import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { BenchEngine } from './args.ts';
import type { LoadResult } from './load.ts';
import type { SeedResult } from './seed.ts';

export interface Target {
  /** Highest acceptable p99 in ms, lowest acceptable rate per second. */
  p99?: number;
  rate?: number;
}

export interface Row {
  scenario: string;
  engine: BenchEngine;
  cases: number;
  clients: number;
  unit: string;
  result: LoadResult;
  target?: Target;
  note?: string;
}

export interface EngineReport {
  engine: BenchEngine;
  cases: number;
  seed: SeedResult;
  rows: Row[];
}

const ms = (v: number) => (Number.isFinite(v) ? (v < 10 ? v.toFixed(2) : v.toFixed(1)) : '-');

/** Whether a row meets its target: undefined when it has none. */
export function meets(row: Row): boolean | undefined {
  const t = row.target;
  if (!t) return undefined;
  const okP99 = t.p99 === undefined || row.result.p99 <= t.p99;
  const okRate = t.rate === undefined || row.result.rate >= t.rate;
  return okP99 && okRate && row.result.non2xx === 0 && row.result.errors === 0;
}

const targetText = (t?: Target) =>
  [t?.p99 !== undefined ? `p99<=${t.p99}ms` : '', t?.rate !== undefined ? `>=${t.rate}/s` : '']
    .filter(Boolean)
    .join(' ');

export function formatTable(reports: Array<Pick<EngineReport, 'rows'>>): string {
  const head = ['scenario', 'engine', 'N', 'clients', 'p50 ms', 'p99 ms', 'rate', 'target', 'ok'];
  const lines: string[][] = [];
  for (const r of reports) {
    for (const row of r.rows) {
      const ok = meets(row);
      const failures = row.result.non2xx + row.result.errors;
      lines.push([
        row.scenario,
        row.engine,
        String(row.cases),
        String(row.clients),
        ms(row.result.p50),
        ms(row.result.p99),
        `${Math.round(row.result.rate)} ${row.unit}/s`,
        targetText(row.target) + (row.note ? ` ${row.note}` : ''),
        (ok === undefined ? '' : ok ? 'yes' : 'NO') + (failures > 0 ? ` (${failures} failed)` : ''),
      ]);
    }
  }
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const fmt = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [fmt(head), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...lines.map(fmt)].join(
    '\n',
  );
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

/** Writes bench/results/<date>-<prefix><engine>-<N>.json and returns its path. */
export function writeResult(
  report: Pick<EngineReport, 'engine' | 'cases' | 'rows'> & object,
  settings: Record<string, unknown>,
  prefix = '',
): string {
  const dir = resolve(import.meta.dirname, 'results');
  mkdirSync(dir, { recursive: true });
  const date = new Date().toISOString().slice(0, 10);
  const file = join(dir, `${date}-${prefix}${report.engine}-${report.cases}.json`);
  const machine = {
    cpus: cpus().length,
    cpuModel: cpus()[0]?.model ?? 'unknown',
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    note: 'shared machine: other work was running at the same time',
  };
  const body = {
    at: new Date().toISOString(),
    commit: gitCommit(),
    machine,
    settings,
    ...report,
    rows: report.rows.map((r) => ({ ...r, meetsTarget: meets(r) })),
  };
  writeFileSync(file, `${JSON.stringify(body, null, 2)}\n`);
  return file;
}
