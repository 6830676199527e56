import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countEffects, createEffectsTable } from '../testing/job-effects.ts';
import { createTestDatabase, type TestDatabase } from '../testing/test-db.ts';

// kill -9 of a worker process while 1,000 jobs are queued or running, then a restart: every
// job runs to completion exactly once. The test job (server/testing/job-child.ts) writes its
// effect in the transaction that marks the job done, and the effects table has no unique
// key, so a job that ran twice would show twice.
const TOTAL = 1000;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase();
  await createEffectsTable(database.db);
  const at = new Date().toISOString();
  const rows = Array.from({ length: TOTAL }, (_, n) => ({
    type: 'test.crash',
    payload: JSON.stringify({ n }),
    runAt: at,
    maxAttempts: 8,
    idempotencyKey: `crash-${n}`,
    createdAt: at,
    updatedAt: at,
  }));
  for (let i = 0; i < rows.length; i += 200)
    await database.db
      .insertInto('jobs')
      .values(rows.slice(i, i + 200))
      .execute();
});
afterAll(() => database?.close());

function startChild() {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/testing/job-child.ts'], {
    env: { ...process.env, ...database.cliEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return { child, exited, output: () => output };
}

async function waitFor(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (await check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return false;
}

const countDone = async () =>
  Number(
    (
      await database.db
        .selectFrom('jobs')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('state', '=', 'done')
        .executeTakeFirstOrThrow()
    ).n,
  );

describe('a worker killed with SIGKILL among 1,000 jobs', () => {
  it('runs each job to completion exactly once after a restart', async () => {
    const first = startChild();
    const started = await waitFor(async () => (await countDone()) >= 150, 20_000);
    expect(started, first.output()).toBe(true);
    first.child.kill('SIGKILL');
    await first.exited;
    const doneAtKill = await countDone();
    // The kill came in the middle: jobs were still queued or running.
    expect(doneAtKill).toBeLessThan(TOTAL);

    const second = startChild();
    try {
      const finished = await waitFor(async () => (await countDone()) === TOTAL, 30_000);
      expect(finished, second.output()).toBe(true);
    } finally {
      second.child.kill('SIGKILL');
      await second.exited;
    }
    const effects = await countEffects(database.db);
    expect(effects.twice).toEqual([]);
    expect(effects.keys).toBe(TOTAL);
    const notDone = await database.db
      .selectFrom('jobs')
      .select(['idempotencyKey', 'state'])
      .where('state', '!=', 'done')
      .execute();
    expect(notDone).toEqual([]);
  }, 60_000);
});
