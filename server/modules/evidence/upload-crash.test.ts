import { existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildServer, type ChildServer } from '../../testing/child-server.ts';
import { createMember } from '../../testing/members.ts';
import { rawRequest, uploadHead, type RawOutcome } from '../../testing/raw-http.ts';
import { createTestDatabase, type TestDatabase } from '../../testing/test-db.ts';

// The real server as a child process, its uploads sent by hand over TCP: killed mid-upload,
// cut off mid-body, or told of a body over the limit. Nothing may be left behind.
let database: TestDatabase;
let token = '';
let dataDir = '';
let ownDir = false;
let server: ChildServer | undefined;
const servers: ChildServer[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  const ws = await database.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();
  token = (
    await createMember(database.db, ws.id, {
      email: 'uploader@example.com',
      name: 'Una Uploader',
      role: 'investigator',
    })
  ).token;
  ownDir = database.cliEnv.CASEFILE_DATA_DIR === undefined;
  dataDir = database.cliEnv.CASEFILE_DATA_DIR ?? mkdtempSync(join(tmpdir(), 'casefile-crash-'));
});
afterAll(async () => {
  for (const s of servers) await s.stop('SIGKILL');
  await database?.close();
  if (ownDir) rmSync(dataDir, { recursive: true, force: true });
});

async function start(): Promise<ChildServer> {
  const s = await startChildServer({ ...database.cliEnv, CASEFILE_DATA_DIR: dataDir });
  servers.push(s);
  expect(await s.ready(30_000), s.output()).toBe(true);
  return s;
}

const store = () => join(dataDir, 'evidence');
const tempFiles = () =>
  existsSync(join(store(), 'tmp'))
    ? readdirSync(join(store(), 'tmp')).map((name) => join(store(), 'tmp', name))
    : [];
const blobFiles = (): string[] =>
  existsSync(join(store(), 'sha256'))
    ? readdirSync(join(store(), 'sha256'), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
    : [];
const items = async () =>
  Number(
    (
      await database.db
        .selectFrom('evidenceItems')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow()
    ).n,
  );
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, sleep(ms).then(() => Promise.reject(new Error(`nothing within ${ms} ms`)))]);
/** Waits until `check` holds, polling; fails after `ms`. */
async function until(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('the condition did not come true in time');
    await sleep(20);
  }
}

async function newCase(s: ChildServer): Promise<number> {
  const res = await fetch(`${s.base}/api/v1/cases`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ title: 'Upload faults' }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { number: number }).number;
}
const portOf = (s: ChildServer) => Number(new URL(s.base).port);
/** Whether the server's temporary file of an upload already holds bytes: it is mid-write. */
const writing = () => tempFiles().some((f) => statSync(f, { throwIfNoEntry: false })?.size);

describe('uploads the server never finishes', () => {
  it('leaves no item and no file once a server killed mid-upload starts again', async () => {
    const first = await start();
    const number = await newCase(first);
    const req = rawRequest(
      portOf(first),
      uploadHead(number, token, [`Content-Length: ${256 * 1024 * 1024}`]),
    );
    const chunk = Buffer.alloc(256 * 1024, 0x5a);
    for (let sent = 0; !writing(); sent += chunk.length) {
      if (sent > 64 * 1024 * 1024) throw new Error('the server never started writing the upload');
      await req.write(chunk);
      await sleep(10);
    }
    await first.stop('SIGKILL');
    await within(req.closed, 5000);
    // The kill left its temporary file: nothing else could have removed it.
    expect(tempFiles()).toHaveLength(1);

    server = await start();
    expect(tempFiles()).toEqual([]);
    expect(blobFiles()).toEqual([]);
    expect(await items()).toBe(0);
  }, 90_000);

  it('refuses a body cut off before its declared length, keeping nothing', async () => {
    server ??= await start();
    const number = await newCase(server);
    const req = rawRequest(
      portOf(server),
      uploadHead(number, token, [`Content-Length: ${10 * 1024 * 1024}`]),
    );
    await req.write(Buffer.alloc(1024 * 1024, 0x41));
    await until(writing);
    req.socket.end();
    const outcome: RawOutcome = await within(req.closed, 10_000);
    // Either an answer of the 400 class, or the connection closed: never a success.
    if (outcome.status !== null) expect(outcome.status).toBeGreaterThanOrEqual(400);
    if (outcome.status !== null) expect(outcome.status).toBeLessThan(500);
    await until(() => tempFiles().length === 0);
    expect(blobFiles()).toEqual([]);
    expect(await items()).toBe(0);
    expect((await fetch(`${server.base}/healthz`)).status).toBe(200);
  }, 60_000);

  it('answers 413 to a declared length over the limit without waiting for a byte of the body', async () => {
    server ??= await start();
    const number = await newCase(server);
    // Over the default limit of 2 GiB; the body is never sent.
    const req = rawRequest(
      portOf(server),
      uploadHead(number, token, [`Content-Length: ${3 * 1024 ** 3}`]),
    );
    const t0 = performance.now();
    const outcome = await within(req.answered, 5000);
    expect(outcome.status).toBe(413);
    expect(outcome.text).toContain('"code":"too_large"');
    expect(performance.now() - t0).toBeLessThan(5000);
    req.socket.destroy();
    expect(tempFiles()).toEqual([]);
    expect(await items()).toBe(0);
  }, 60_000);
});
