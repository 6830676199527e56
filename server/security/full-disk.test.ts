import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultAnchorFile, verifyAuditChain, writeAuditAnchors } from '../modules/audit/index.ts';
import { startChildServer } from '../testing/child-server.ts';
import { fingerprint } from '../testing/fingerprint.ts';
import { fillDisk } from '../testing/full-disk.ts';
import { startTestEnv, type Reply, type TestEnv } from '../testing/harness.ts';

// The data folder running out of space: a write is answered 503 with Retry-After in the
// uniform body and stores nothing, reads go on, and writes work again once space returns.
let env: TestEnv;
let number = 0;

beforeAll(async () => {
  env = await startTestEnv();
  number = (await env.api('analyst').post('/api/v1/cases', { title: 'Before the disk filled' }))
    .body.number;
});
afterAll(() => env.close());

// Large enough to need new pages of the SQLite file (it has no room left for them).
const big = (word: string) => `${word} `.repeat(8_000);
let seq = 0;
const alert = () => {
  seq += 1;
  return {
    source: 'edr',
    externalId: `disk-${seq}`,
    title: `Full disk ${seq}`,
    severity: 'high',
    detectedAt: '2026-03-01T10:00:00Z',
    subject: { email: 'dana.disk@example.com' },
    description: big('payload').slice(0, 20_000),
  };
};

const writes = (): Array<[string, () => Promise<Reply>]> => [
  [
    'create a case',
    () => env.api('analyst').post('/api/v1/cases', { title: 'New', description: big('case') }),
  ],
  [
    'edit a case',
    () => env.api('analyst').patch(`/api/v1/cases/${number}`, { description: big('edit') }),
  ],
  [
    'comment',
    () =>
      env
        .api('analyst')
        .post(`/api/v1/cases/${number}/comments`, { body: big('note').slice(0, 10_000) }),
  ],
  ['ingest', () => env.api('ingest').post('/api/v1/alerts', alert())],
];

function expectFullDisk(res: Reply, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.body).slice(0, 300)}`).toBe(503);
  expect(res.headers['retry-after'], what).toMatch(/^\d+$/);
  expect(res.body).toEqual({
    error: {
      code: 'unavailable',
      message: 'The server has no room left to store data; try again once space is freed',
      requestId: expect.any(String),
    },
  });
}

describe('a full data disk', () => {
  it('refuses writes with 503 and stores nothing, keeps serving reads, and writes again once space returns', async () => {
    const before = await fingerprint(env.db);
    const restore = await fillDisk(env.db, ['audit_events', 'alerts']);
    try {
      for (const [what, write] of writes()) expectFullDisk(await write(), what);
      // The same writes at once, as a busy server sees them.
      const together = await Promise.all(writes().map(([, write]) => write()));
      together.forEach((res, i) => expectFullDisk(res, `together ${i}`));
      const reads = [
        '/api/v1/cases',
        `/api/v1/cases/${number}`,
        `/api/v1/cases/${number}/activity`,
        '/api/v1/alerts',
        '/api/v1/me',
      ];
      for (const url of reads) expect((await env.api('viewer').get(url)).status, url).toBe(200);
    } finally {
      await restore();
    }
    expect(await fingerprint(env.db)).toEqual(before);
    const statuses = [];
    for (const [, write] of writes()) statuses.push((await write()).status);
    expect(statuses).toEqual([201, 200, 201, 200]);
    const chain = await verifyAuditChain(env.db, env.workspaceId);
    expect(chain.ok, JSON.stringify(chain)).toBe(true);
  });

  it('fails to write the audit anchors with ENOSPC, naming the error', async () => {
    await expect(writeAuditAnchors(env.db, env.clock, '/dev/full')).rejects.toMatchObject({
      code: 'ENOSPC',
    });
  });

  it('starts the server when the anchor file cannot be written, with a warning in the log', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'casefile-full-'));
    try {
      // The anchor file sits on a disk with no space left.
      symlinkSync('/dev/full', defaultAnchorFile(dataDir));
      const server = await startChildServer({
        ...env.database.cliEnv,
        CASEFILE_DATA_DIR: dataDir,
        CASEFILE_LOG_LEVEL: 'warn',
      });
      try {
        expect(await server.ready(30_000), server.output()).toBe(true);
        const warning = server
          .output()
          .split('\n')
          .find((line) => line.includes('audit anchors could not be written'));
        expect(warning, server.output()).toBeDefined();
        expect(JSON.parse(warning!)).toMatchObject({ level: 40, err: { code: 'ENOSPC' } });
      } finally {
        await server.stop();
      }
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
