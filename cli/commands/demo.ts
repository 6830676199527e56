import { openBlobStore } from '../../server/storage/index.ts';
import { pseudonymKeys } from '../../server/lib/pseudonym.ts';
import { sql } from 'kysely';
import { ALERTS_PER_CASE } from '../demo/generate.ts';
import { DemoRefusedError, runDemo, type DemoResult } from '../demo/run-demo.ts';
import { withDatabase } from './open.ts';
import type { Command } from './types.ts';

type Values = Record<string, string | boolean | undefined>;

function integer(values: Values, name: string, fallback: number, min: number, max: number) {
  const raw = values[name];
  if (raw === undefined) return fallback;
  const n = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max)
    throw new Error(`--${name} must be a whole number from ${min} to ${max}`);
  return n;
}

function instant(values: Values): Date {
  const raw = values.now;
  if (raw === undefined) return new Date();
  const at = typeof raw === 'string' ? new Date(raw) : new Date(NaN);
  if (Number.isNaN(at.getTime())) throw new Error('--now must be an ISO-8601 date and time');
  if (at.getTime() > Date.now() + 60_000)
    throw new Error('--now must not be in the future: the demo never dates events ahead');
  return at;
}

function report(result: DemoResult, seconds: number): void {
  const c = result.counts;
  const a = result.alerts;
  console.log(
    `Demo data set created in ${seconds.toFixed(1)} s: ${c.createCase} cases, ${c.createTask} tasks, ${c.comment} comments, ${c.resolve} resolutions, ${c.reopen} reopenings; ${a.ingested} alerts (${a.confirmed} confirmed into cases, ${a.dismissed} dismissed, ${a.ingested - a.confirmed - a.dismissed} waiting for review), ${a.incidentsTaken} incidents taken, ${a.incidentsResolved} resolved; ${result.activities} activity events; ${result.evidence} evidence items.`,
  );
  console.log(
    'Subjects are shown under pseudonyms (a new workspace pseudonymises them); investigators and administrators reveal one from its case, saying why.',
  );
  console.log(`\nSign in with any of these accounts; the password of all is: ${result.password}\n`);
  const width = Math.max(...result.accounts.map((a) => a.email.length));
  for (const a of result.accounts)
    console.log(`  ${a.email.padEnd(width)}  ${a.role.padEnd(12)}  ${a.name}`);
}

export const demo: Command = {
  options: {
    cases: { type: 'string' },
    alerts: { type: 'string' },
    seed: { type: 'string' },
    now: { type: 'string' },
  },
  run: async (config, values) => {
    const cases = integer(values, 'cases', 300, 1, 10_000);
    const configured = config.adminEmail !== undefined || config.adminPassword !== undefined;
    const options = {
      cases,
      alerts: integer(values, 'alerts', cases * ALERTS_PER_CASE, 0, 100_000),
      seed: integer(values, 'seed', 1, 0, 2 ** 32 - 1),
      now: instant(values),
      pseudonyms: pseudonymKeys({ dataDir: config.dataDir, key: config.pseudonymKey }),
      evidenceStore: openBlobStore(config),
      correlation: {
        windowHours: config.correlationWindowHours,
        maxAlerts: config.correlationMaxAlerts,
      },
      ...(configured && {
        admin: {
          email: config.adminEmail,
          password: config.adminPassword,
          print: (text: string) => process.stdout.write(`${text}\n`),
        },
      }),
    };
    return withDatabase(config, async (database, workspaceId) => {
      // Demo data can be made again: no need to wait for the disk at each of its thousands of
      // commits. The setting lasts as long as this connection.
      if (database.engine === 'sqlite') await sql`pragma synchronous = NORMAL`.execute(database.db);
      const started = performance.now();
      console.log(
        `Creating the demo data set (${options.cases} cases, ${options.alerts} alerts) in ${database.location}...`,
      );
      try {
        const result = await runDemo(database.db, workspaceId, options);
        report(result, (performance.now() - started) / 1000);
        return 0;
      } catch (error) {
        if (!(error instanceof DemoRefusedError)) throw error;
        console.error(error.message);
        return 1;
      }
    });
  },
};
