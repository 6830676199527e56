import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCasefile } from './run-casefile.ts';
import { PNG_1X1, uploadEvidence } from '../server/testing/evidence.ts';
import { startTestEnv, type TestEnv } from '../server/testing/harness.ts';

let env: TestEnv;
let cliEnv: Record<string, string>;
beforeAll(async () => {
  env = await startTestEnv();
  const evidence = join(env.config.dataDir, 'evidence');
  mkdirSync(evidence, { recursive: true });
  const dbDir = env.database.cliEnv.CASEFILE_DATA_DIR;
  // On SQLite the command finds the database in its data folder, and the test app keeps its
  // evidence in a folder of its own: the command sees that evidence through a link.
  if (dbDir !== undefined) symlinkSync(evidence, join(dbDir, 'evidence'));
  cliEnv = { CASEFILE_DATA_DIR: env.config.dataDir, ...env.database.cliEnv };
});
afterAll(() => env.close());

const casefile = (...args: string[]) => runCasefile(cliEnv, ...args);
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const blobPath = (hash: string) =>
  join(env.config.dataDir, 'evidence', 'sha256', hash.slice(0, 2), hash.slice(2, 4), hash);
const newCase = async () =>
  (await env.api('admin').post('/api/v1/cases', { title: 'Evidence to verify' })).body
    .number as number;
const upload = async (number: number, bytes: Buffer | string) => {
  const res = await uploadEvidence(env, number, bytes);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
};

describe('casefile verify-evidence', () => {
  it('exits 0 on an intact store, saying what it verified', async () => {
    const number = await newCase();
    await upload(number, PNG_1X1);
    await upload(number, 'Interview notes');
    const res = await casefile('verify-evidence');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('Verified 2 evidence items (2 stored files');
    expect(res.stdout).toContain(
      '2 intact, 0 missing, 0 altered, 0 broken custody chains, 0 unreferenced blobs',
    );
    expect(res.stdout).toContain('All evidence is intact.');
    const entries = await env.db
      .selectFrom('evidenceCustody')
      .select('action')
      .where('action', '=', 'verified')
      .execute();
    expect(entries).toHaveLength(2);
  });

  it('names a flipped byte, a deleted file and a tampered custody row, and exits 3', async () => {
    const number = await newCase();
    const image = Buffer.concat([PNG_1X1, Buffer.alloc(64 * 1024, 1)]);
    const flipped = await upload(number, image);
    const deleted = await upload(number, 'A file that disappears');
    const tampered = await upload(number, 'A file whose custody is rewritten');
    const path = blobPath(sha(image));
    chmodSync(path, 0o600);
    const altered = Buffer.from(image);
    altered[40_000] = 0;
    writeFileSync(path, altered);
    rmSync(blobPath(sha('A file that disappears')));
    await env.db
      .updateTable('evidenceCustody')
      .set({ details: '{"name":"something else"}' })
      .where('evidenceId', '=', tampered)
      .where('action', '=', 'added')
      .execute();

    const res = await casefile('verify-evidence');
    expect(res.code, res.stderr).toBe(3);
    const lines = res.stdout.split('\n');
    expect(lines).toContain(
      `ALTERED       evidence ${flipped}, case ${number}: its bytes have SHA-256 ${sha(altered)}, not the ${sha(image)} recorded`,
    );
    expect(lines).toContain(
      `MISSING       evidence ${deleted}, case ${number}: its bytes are missing from the store`,
    );
    expect(lines).toContain(
      `BROKEN CHAIN  evidence ${tampered}, case ${number}: its custody log breaks at entry #1: it was altered`,
    );
    expect(res.stdout).toContain('2 intact, 1 missing, 1 altered, 1 broken custody chains');
    expect(res.stdout).toContain('INTEGRITY PROBLEMS FOUND.');

    // One case alone: the damaged one fails, an intact one passes.
    expect((await casefile('verify-evidence', '--case', String(number))).code).toBe(3);
    const clean = await newCase();
    await upload(clean, 'Untouched');
    const one = await casefile(
      'verify-evidence',
      '--case',
      String(clean),
      '--workspace',
      'default',
    );
    expect(one.code, one.stdout + one.stderr).toBe(0);
    expect(one.stdout).toContain(`Verifying case ${clean}`);
    expect(one.stdout).toContain('Verified 1 evidence items');
    expect(one.stdout).toContain('unreferenced blobs not looked for');
  });

  it('explains a case or a workspace that does not exist', async () => {
    const noCase = await casefile('verify-evidence', '--case', '99999');
    expect(noCase.code).toBe(1);
    expect(noCase.stderr).toContain('Case 99999 not found');
    const noWorkspace = await casefile('verify-evidence', '--workspace', 'elsewhere');
    expect(noWorkspace.code).toBe(1);
    expect(noWorkspace.stderr).toContain('No workspace elsewhere');
  });
});
