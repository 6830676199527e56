import { createServer, type Server } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../config.ts';
import { fixedClock } from '../../lib/clock.ts';
import { silentLogger } from '../../lib/logger.ts';
import { recurringDuties } from '../../schedules.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-db.ts';
import { writeAnchorsJob } from './anchor.job.ts';
import { parseAuditAnchors } from './anchors.ts';

let database: TestDatabase;
let dataDir: string;
let receiver: Server;
let port: number;
const received: unknown[] = [];
let answer = 204;

beforeAll(async () => {
  database = await createTestDatabase();
  dataDir = mkdtempSync(join(tmpdir(), 'casefile-anchor-url-'));
  receiver = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      received.push(JSON.parse(body));
      res.writeHead(answer).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  port = (receiver.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise((resolve) => receiver.close(resolve));
  await database.close();
  rmSync(dataDir, { recursive: true, force: true });
});

const anchorDuty = (env: Record<string, string>) => {
  const config = loadConfig({ CASEFILE_DATA_DIR: dataDir, ...env });
  const duty = recurringDuties(config, database.engine).find(
    (d) => d.name === 'audit.write-anchors',
  )!;
  return duty.payload as Parameters<typeof writeAnchorsJob.handle>[0];
};

const run = (payload: Parameters<typeof writeAnchorsJob.handle>[0]) =>
  writeAnchorsJob.handle(payload, {
    db: database.db,
    jobId: 1,
    idempotencyKey: 'audit.write-anchors:test',
    workspaceId: null,
    attempt: 1,
    clock: fixedClock('2026-03-02T09:00:00.000Z'),
    log: silentLogger,
    signal: new AbortController().signal,
  });

describe('audit anchors posted off the machine', () => {
  it('posts the anchors it appended to the configured URL', async () => {
    const payload = anchorDuty({
      CASEFILE_AUDIT_ANCHOR_URL: `http://127.0.0.1:${port}/anchors`,
      CASEFILE_WEBHOOK_ALLOW_HOSTS: `127.0.0.1:${port}`,
    });
    await run(payload);
    const inFile = parseAuditAnchors(readFileSync(payload.file, 'utf8'));
    expect(inFile.length).toBeGreaterThan(0);
    expect(received).toEqual([{ type: 'audit.anchors', anchors: inFile }]);
  });

  it('fails the run, so it retries, when the receiver does not answer 2xx', async () => {
    answer = 503;
    const payload = anchorDuty({
      CASEFILE_AUDIT_ANCHOR_URL: `http://127.0.0.1:${port}/anchors`,
      CASEFILE_WEBHOOK_ALLOW_HOSTS: `127.0.0.1:${port}`,
    });
    await expect(run(payload)).rejects.toThrow('answered HTTP 503');
    answer = 204;
  });

  it('refuses an internal receiver the operator did not allow', async () => {
    const payload = anchorDuty({ CASEFILE_AUDIT_ANCHOR_URL: `http://127.0.0.1:${port}/anchors` });
    const before = received.length;
    await expect(run(payload)).rejects.toThrow('not published');
    expect(received.length).toBe(before);
  });

  it('writes only the file when no URL is configured', () => {
    expect(anchorDuty({})).toEqual({ file: join(dataDir, 'audit-anchors.jsonl') });
  });

  it('refuses a URL that is not http(s) at start', () => {
    expect(() =>
      loadConfig({ CASEFILE_DATA_DIR: dataDir, CASEFILE_AUDIT_ANCHOR_URL: 'ftp://x.example/' }),
    ).toThrow('CASEFILE_AUDIT_ANCHOR_URL');
  });
});
