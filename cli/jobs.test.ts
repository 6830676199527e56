import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCasefile } from './run-casefile.ts';
import { createTestDatabase, type TestDatabase } from '../server/testing/test-db.ts';

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.close());

const casefile = (...args: string[]) => runCasefile(database.cliEnv, ...args);

async function insertJob(state: string, type: string, key: string) {
  const at = new Date().toISOString();
  const ws = await database.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();
  const row = await database.db
    .insertInto('jobs')
    .values({
      workspaceId: state === 'queued' ? null : ws.id,
      type,
      payload: '{}',
      runAt: at,
      attempts: state === 'dead' ? 8 : 0,
      maxAttempts: 8,
      lastError: state === 'dead' ? 'HTTP 502 from the receiver' : null,
      state,
      idempotencyKey: key,
      createdAt: at,
      updatedAt: at,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

const stateOf = async (id: number) =>
  (await database.db.selectFrom('jobs').select('state').where('id', '=', id).executeTakeFirst())
    ?.state;

describe('casefile jobs', () => {
  it('lists dead jobs with their error and retries one by id', async () => {
    const id = await insertJob('dead', 'webhooks.deliver', 'delivery-7');
    const list = await casefile('jobs', 'list', '--state', 'dead');
    expect(list.code).toBe(0);
    expect(list.stdout).toContain(`#${id}  webhooks.deliver  dead  8/8 attempts`);
    expect(list.stdout).toContain('error: HTTP 502 from the receiver');
    expect((await casefile('jobs', 'list', '--type', 'nothing.like.it')).stdout).toContain(
      'No jobs.',
    );

    const retried = await casefile('jobs', 'retry', String(id));
    expect(retried.code).toBe(0);
    expect(retried.stdout).toContain(`Job #${id} (webhooks.deliver) is queued again.`);
    expect(await stateOf(id)).toBe('queued');
    const again = await casefile('jobs', 'retry', String(id));
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('Only a failed or dead job can be retried');
  });

  it('refuses an unknown state', async () => {
    const res = await casefile('jobs', 'list', '--state', 'lost');
    expect(res.code).not.toBe(0);
    expect(res.stderr).toContain('--state lost');
  });
});

describe('casefile worker', () => {
  it('runs queued jobs without serving HTTP, and stops on SIGTERM', async () => {
    const id = await insertJob('queued', 'accounts.sweep-sessions', 'by-hand');
    const child = spawn(process.execPath, ['bin/casefile.js', 'worker'], {
      env: {
        ...process.env,
        ...database.cliEnv,
        CASEFILE_LOG_LEVEL: 'error',
        CASEFILE_JOB_POLL_SECONDS: '0.1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const until = Date.now() + 20_000;
    while (Date.now() < until && (await stateOf(id)) !== 'done')
      await new Promise((r) => setTimeout(r, 50));
    expect(await stateOf(id), output).toBe('done');
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  }, 30_000);
});
