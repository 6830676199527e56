import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listenEvidenceApp } from '../../testing/evidence-app.ts';
import { startTestEnv, type TestEnv } from '../../testing/harness.ts';
import { rawRequest, uploadHead } from '../../testing/raw-http.ts';

// The upload limit is an argument of the evidence routes: a small one here, over a real socket.
const LIMIT = 1024 * 1024;
let env: TestEnv;
let app: FastifyInstance;
let port = 0;
beforeAll(async () => {
  env = await startTestEnv();
  ({ app, port } = await listenEvidenceApp(env, LIMIT));
});
afterAll(async () => {
  await app?.close();
  await env?.close();
});

const tmp = () => join(env.config.dataDir, 'evidence', 'tmp');
const tempFiles = () => (existsSync(tmp()) ? readdirSync(tmp()) : []);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const within = <T>(p: Promise<T>, ms: number) =>
  Promise.race([p, sleep(ms).then(() => Promise.reject(new Error(`nothing within ${ms} ms`)))]);
const newCase = async () =>
  (await env.api('admin').post('/api/v1/cases', { title: 'Limits' })).body.number as number;
const itemsOf = async (number: number) =>
  (await env.api('investigator').get(`/api/v1/cases/${number}/evidence`)).body.items.length;
const token = () => env.members.investigator.token;

describe('the upload limit', () => {
  it('cuts a chunked body off at the limit with 413, removing the partial file', async () => {
    const number = await newCase();
    const req = rawRequest(port, uploadHead(number, token(), ['Transfer-Encoding: chunked']));
    const chunk = Buffer.alloc(64 * 1024, 0x42);
    const frame = Buffer.concat([
      Buffer.from(`${chunk.length.toString(16)}\r\n`),
      chunk,
      Buffer.from('\r\n'),
    ]);
    let sent = 0;
    // Keeps sending past the limit, as a client that does not listen would, up to 4 x the limit.
    while (sent < 4 * LIMIT && (await req.write(frame))) {
      sent += chunk.length;
      await sleep(2);
    }
    const outcome = await within(req.answered, 5000);
    expect(outcome.status, outcome.text.slice(0, 200)).toBe(413);
    expect(outcome.text).toContain('"code":"too_large"');
    req.socket.destroy();
    await expect.poll(tempFiles).toEqual([]);
    expect(await itemsOf(number)).toBe(0);
  });

  it('answers 413 to a declared length over the limit before the body is sent', async () => {
    const number = await newCase();
    const req = rawRequest(port, uploadHead(number, token(), [`Content-Length: ${LIMIT + 1}`]));
    const outcome = await within(req.answered, 5000);
    expect(outcome.status).toBe(413);
    req.socket.destroy();
    expect(tempFiles()).toEqual([]);
    expect(await itemsOf(number)).toBe(0);
  });

  it('takes a chunked body of exactly the limit', async () => {
    const number = await newCase();
    const req = rawRequest(port, uploadHead(number, token(), ['Transfer-Encoding: chunked']));
    const body = Buffer.alloc(LIMIT, 0x43);
    await req.write(
      Buffer.concat([
        Buffer.from(`${body.length.toString(16)}\r\n`),
        body,
        Buffer.from('\r\n0\r\n\r\n'),
      ]),
    );
    const outcome = await within(req.answered, 5000);
    expect(outcome.status, outcome.text.slice(0, 300)).toBe(201);
    req.socket.destroy();
    expect(await itemsOf(number)).toBe(1);
  });
});
