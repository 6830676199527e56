import { describe, expect, it } from 'vitest';
import { ApiError, type EvidenceItem } from '../../api.ts';
import { createUploadQueue, type SendFile } from './upload-queue.ts';

/** A sender the test finishes by hand, one file at a time. */
function manualSender() {
  const calls: Array<{
    name: string;
    progress: (sent: number, total: number) => void;
    resolve: (item: EvidenceItem) => void;
    reject: (error: unknown) => void;
    cancelled: boolean;
  }> = [];
  const send: SendFile = (file, progress) => {
    let resolve!: (item: EvidenceItem) => void;
    let reject!: (error: unknown) => void;
    const done = new Promise<EvidenceItem>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    const call = { name: file.name, progress, resolve, reject, cancelled: false };
    calls.push(call);
    return {
      done,
      cancel: () => {
        call.cancelled = true;
        reject(new ApiError(0, 'cancelled', 'Cancelled: nothing was stored.'));
      },
    };
  };
  return { calls, send };
}

const file = (name: string, size = 10) => new File([new Uint8Array(size)], name);
const item = (id: number) => ({ id }) as EvidenceItem;
const settle = () => new Promise((r) => setTimeout(r, 0));

describe('the upload queue', () => {
  it('sends at most three files at once, the others when one finishes', async () => {
    const queue = createUploadQueue(3);
    const { calls, send } = manualSender();
    const stored: number[] = [];
    queue.add(
      7,
      ['a', 'b', 'c', 'd', 'e'].map((n) => file(n)),
      send,
      (i) => stored.push(i.id),
    );
    expect(calls.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect(queue.snapshot().map((e) => e.state)).toEqual([
      'sending',
      'sending',
      'sending',
      'waiting',
      'waiting',
    ]);
    calls[1]?.resolve(item(11));
    await settle();
    expect(calls.map((c) => c.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(stored).toEqual([11]);
    expect(queue.snapshot()[1]).toMatchObject({ state: 'done', sent: 10, item: { id: 11 } });
  });

  it('shows each file its own progress and its own refusal; the others go on', async () => {
    const queue = createUploadQueue(3);
    const { calls, send } = manualSender();
    queue.add(7, [file('big.bin', 1000), file('ok.txt')], send, () => undefined);
    calls[0]?.progress(250, 1000);
    expect(queue.snapshot()[0]).toMatchObject({ sent: 250, state: 'sending' });
    calls[0]?.reject(new ApiError(507, 'insufficient_storage', 'The evidence store is full'));
    calls[1]?.resolve(item(2));
    await settle();
    expect(queue.snapshot().map((e) => [e.name, e.state, e.error])).toEqual([
      ['big.bin', 'failed', 'The evidence store is full'],
      ['ok.txt', 'done', undefined],
    ]);
  });

  it('cancels a file being sent or still waiting, and clears only the finished rows', async () => {
    const queue = createUploadQueue(1);
    const { calls, send } = manualSender();
    queue.add(7, [file('a'), file('b'), file('c')], send, () => undefined);
    queue.add(8, [file('other case')], send, () => undefined);
    queue.cancel(queue.snapshot()[1]?.key ?? 0);
    queue.cancel(queue.snapshot()[0]?.key ?? 0);
    await settle();
    expect(calls[0]?.cancelled).toBe(true);
    expect(calls.map((c) => c.name)).toEqual(['a', 'c']);
    expect(queue.snapshot().map((e) => e.state)).toEqual([
      'cancelled',
      'cancelled',
      'sending',
      'waiting',
    ]);
    queue.clearFinished(7);
    expect(queue.snapshot().map((e) => e.name)).toEqual(['c', 'other case']);
  });

  it('tells subscribers of every change', () => {
    const queue = createUploadQueue();
    const { calls, send } = manualSender();
    let heard = 0;
    const stop = queue.subscribe(() => (heard += 1));
    queue.add(7, [file('a')], send, () => undefined);
    const before = heard;
    calls[0]?.progress(5, 10);
    expect(heard).toBe(before + 1);
    stop();
    calls[0]?.progress(6, 10);
    expect(heard).toBe(before + 1);
  });
});
