import { describe, expect, it } from 'vitest';
import { MESSAGE_LIMITS } from './limits.ts';
import { runWorker } from './run-worker.ts';
import { countParts, scanMessage } from './scan.ts';

const module = (code: string) => new URL(`data:text/javascript,${encodeURIComponent(code)}`);

describe('runWorker', () => {
  it('terminates a thread that never answers once its time is up', async () => {
    const started = Date.now();
    const outcome = await runWorker(module('for (;;) {}'), {
      data: null,
      timeoutMs: 1500,
      maxMemoryMb: 64,
    });
    expect(outcome).toMatchObject({ ok: false, why: 'timeout' });
    // The outcome comes from the thread's exit: a busy loop ends only when terminated.
    expect(Date.now() - started).toBeLessThan(6000);
  });

  it('stops a thread beyond its memory limit, and the process goes on', async () => {
    const outcome = await runWorker(
      module('const keep = []; for (;;) keep.push(new Array(1e6).fill(Math.random()));'),
      { data: null, timeoutMs: 20_000, maxMemoryMb: 32 },
    );
    expect(outcome).toMatchObject({ ok: false, why: 'memory' });
  });

  it('answers the first message of a thread, moving its input', async () => {
    const bytes = new TextEncoder().encode('hello').buffer;
    const outcome = await runWorker(
      module(
        "import { parentPort, workerData } from 'node:worker_threads'; parentPort.postMessage(new TextDecoder().decode(workerData));",
      ),
      { data: bytes, transfer: [bytes], timeoutMs: 10_000, maxMemoryMb: 64 },
    );
    expect(outcome).toEqual({ ok: true, value: 'hello' });
    expect(bytes.byteLength).toBe(0);
  });
});

describe('scanMessage', () => {
  it('counts parts by the boundaries the message declares', () => {
    const text =
      'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n\r\nx\r\n--b \r\n\r\ny\r\n--b--\r\n--c\r\n';
    expect(countParts(text, 500)).toBe(3);
  });

  it('finds where the header block ends, and refuses one that does not end in time', () => {
    const mail = new TextEncoder().encode('Subject: x\r\nFrom: a@b\r\n\r\nbody');
    expect(scanMessage(mail, MESSAGE_LIMITS)).toEqual({ headerEnd: 22, bodyStart: 25 });
    const endless = new TextEncoder().encode(`X-A: ${'a'.repeat(200)}\r\n`.repeat(10));
    expect(scanMessage(endless, { ...MESSAGE_LIMITS, maxHeaderBytes: 1000 })).toHaveProperty(
      'refused',
    );
  });
});
