import type { LiveChange, LiveReady, LiveResync } from '../../../contract/live.ts';
import type { Ctx } from '../../context.ts';
import type { LiveEntry } from './entries.ts';
import { viewFor, type Watch } from './live-view.ts';

/** Where a stream writes: the response of one connection. */
export interface StreamSink {
  /** Writes raw text; false once the connection is gone or too far behind to keep. */
  write(text: string): boolean;
  /** Ends the response (idempotent). */
  end(): void;
}

/** One open stream: one tab of one viewer, fed in log order. */
export class LiveStream {
  /** The last sequence handled (sent, or not for this tab); entries up to it are skipped. */
  handledSeq = 0;
  /** The last `id:` written, so the tab's Last-Event-ID passes events it was not sent. */
  private writtenId = 0;
  private chain: Promise<void> = Promise.resolve();
  closed = false;

  constructor(
    readonly ctx: Ctx,
    readonly watch: Watch,
    private readonly sink: StreamSink,
    private readonly onClose: (stream: LiveStream) => void,
    /** Whether the session or token behind the stream is still valid. */
    readonly stillValid: () => Promise<boolean>,
  ) {}

  /** Runs `step` after everything queued before it, in order; a failure ends the stream. */
  queue(step: () => Promise<void>): void {
    this.chain = this.chain
      .then(() => (this.closed ? undefined : step()))
      .catch((error: unknown) => {
        this.ctx.log.warn({ err: error }, 'a live-update stream failed; the client reconnects');
        this.close();
      });
  }

  /** Sends what of these entries this tab shows and may know of, then moves its id on. */
  async deliver(entries: readonly LiveEntry[]): Promise<void> {
    for (const entry of entries) {
      if (this.closed) return;
      if (entry.seq <= this.handledSeq) continue;
      const change = await viewFor(this.ctx, entry, this.watch);
      this.handledSeq = entry.seq;
      if (change) this.sendChange(change);
    }
    this.passTo(this.handledSeq);
  }

  /** Marks the log handled up to `seq` (the log held nothing for the tab there). */
  passTo(seq: number): void {
    if (seq > this.handledSeq) this.handledSeq = seq;
    // An `id:` line without data moves the tab's Last-Event-ID and dispatches no event.
    if (this.handledSeq > this.writtenId) this.write(`id: ${this.handledSeq}\n\n`, this.handledSeq);
  }

  sendChange(change: LiveChange): void {
    this.write(`id: ${change.seq}\nevent: change\ndata: ${JSON.stringify(change)}\n\n`, change.seq);
  }

  sendReady(ready: LiveReady, id?: number): void {
    const idLine = id === undefined ? '' : `id: ${id}\n`;
    this.write(`${idLine}event: ready\ndata: ${JSON.stringify(ready)}\n\n`, id);
  }

  sendResync(resync: LiveResync): void {
    this.handledSeq = resync.seq;
    this.write(`id: ${resync.seq}\nevent: resync\ndata: ${JSON.stringify(resync)}\n\n`, resync.seq);
  }

  /** A comment line: keeps proxies from closing a quiet stream. */
  heartbeat(): void {
    this.write(': heartbeat\n\n');
  }

  private write(text: string, id?: number): void {
    if (this.closed) return;
    if (!this.sink.write(text)) {
      this.close();
      return;
    }
    if (id !== undefined && id > this.writtenId) this.writtenId = id;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.sink.end();
    this.onClose(this);
  }
}
