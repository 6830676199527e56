import type { Ctx } from '../../context.ts';
import type { Db } from '../../db/connection.ts';
import { onCommitted } from '../../events/index.ts';
import type { Logger } from '../../lib/logger.ts';
import { auditHeadSeq, listAuditEventsAfter } from '../audit/index.ts';
import { toLiveEntries } from './entries.ts';
import type { Watch } from './live-view.ts';
import { LiveStream, type StreamSink } from './stream.ts';

/** Events of the log read at once by a workspace's feed. */
const READ_BATCH = 500;

export interface LiveHubOptions {
  db: Db;
  log: Logger;
  heartbeatMs: number;
  /** Events a reconnecting stream may replay at most; further behind, it gets `resync`. */
  replayEvents: number;
}

/** One workspace's reader of the log, shared by all of its streams in this process. */
interface Feed {
  workspaceId: number;
  /** The last sequence read; undefined until the head was read once. */
  lastSeq: number | undefined;
  /** Resolves to the head the feed started at. */
  ready: Promise<number>;
  streams: Set<LiveStream>;
  reading: boolean;
  /** A wake-up arrived while reading: read again when done. */
  again: boolean;
}

export interface OpenStream {
  ctx: Ctx;
  watch: Watch;
  sink: StreamSink;
  /** The Last-Event-ID the client reconnected with, if any. */
  lastEventId: number | undefined;
  stillValid: () => Promise<boolean>;
}

export interface LiveHub {
  open(args: OpenStream): LiveStream;
  /** Streams open now. */
  size(): number;
  /** Ends every stream and stops listening to commits. */
  close(): void;
}

/**
 * Live updates of this process: per workspace one feed reads the log after each wake-up (this
 * process's commits, and other processes' once `listenForCommits` runs) and fans the entries
 * out in memory to that workspace's streams, each of which checks its viewer and its watch.
 */
export function createLiveHub(opts: LiveHubOptions): LiveHub {
  const feeds = new Map<number, Feed>();
  let heartbeat: NodeJS.Timeout | undefined;
  let closed = false;

  const streamsOpen = () => [...feeds.values()].reduce((n, f) => n + f.streams.size, 0);

  const feedFor = (workspaceId: number): Feed => {
    const existing = feeds.get(workspaceId);
    if (existing) return existing;
    const feed: Feed = {
      workspaceId,
      lastSeq: undefined,
      ready: auditHeadSeq(opts.db, workspaceId).then((seq) => {
        feed.lastSeq = seq;
        return seq;
      }),
      streams: new Set(),
      reading: false,
      again: false,
    };
    // A failed first read ends the streams waiting on it (queue's catch); the next opens anew.
    feed.ready.catch(() => feeds.delete(workspaceId));
    feeds.set(workspaceId, feed);
    return feed;
  };

  const read = async (feed: Feed): Promise<void> => {
    feed.reading = true;
    try {
      await feed.ready;
      do {
        feed.again = false;
        for (;;) {
          const after = feed.lastSeq ?? 0;
          const rows = await listAuditEventsAfter(opts.db, feed.workspaceId, after, READ_BATCH);
          const last = rows.at(-1);
          if (!last) break;
          const entries = await toLiveEntries(opts.db, feed.workspaceId, rows);
          feed.lastSeq = last.seq;
          for (const stream of feed.streams)
            stream.queue(async () => {
              await stream.deliver(entries);
              stream.passTo(last.seq);
            });
          if (rows.length < READ_BATCH) break;
        }
      } while (feed.again && !closed);
    } catch (error) {
      // The next wake-up reads again from the same place: nothing is skipped.
      opts.log.warn({ err: error }, 'reading the event log for live updates failed');
    } finally {
      feed.reading = false;
    }
  };

  const wake = (workspaceId: number) => {
    const feed = feeds.get(workspaceId);
    if (!feed || closed) return;
    if (feed.reading) feed.again = true;
    else void read(feed);
  };
  const off = onCommitted(({ workspaceId }) => wake(workspaceId));

  const beat = () => {
    for (const feed of feeds.values())
      for (const stream of feed.streams) {
        stream.heartbeat();
        stream.queue(async () => {
          if (!(await stream.stillValid())) stream.close();
        });
      }
  };

  const forget = (stream: LiveStream) => {
    const feed = feeds.get(stream.ctx.actor.workspaceId);
    feed?.streams.delete(stream);
    if (feed && feed.streams.size === 0) feeds.delete(feed.workspaceId);
    if (streamsOpen() === 0 && heartbeat) {
      clearInterval(heartbeat);
      heartbeat = undefined;
    }
  };

  /** Where a new stream starts: after the feed's head, or a replay after its Last-Event-ID. */
  const start = async (stream: LiveStream, floor: number, lastEventId: number | undefined) => {
    const workspaceId = stream.ctx.actor.workspaceId;
    if (lastEventId === undefined) {
      stream.handledSeq = floor;
      stream.sendReady({ seq: floor, replayed: 0 }, floor);
      return;
    }
    // Judged against the log's head, not the feed's (which may not have read the latest yet).
    const head = Math.max(floor, await auditHeadSeq(opts.db, workspaceId));
    // On resync the tab reloads what it shows, which then holds every event up to the head.
    if (lastEventId > head) {
      stream.sendResync({ seq: head });
      return;
    }
    // Sequences are consecutive per workspace: the gap says how many events were missed.
    if (head - lastEventId > opts.replayEvents) {
      stream.sendResync({ seq: head });
      return;
    }
    // Ahead of this process's feed (another process's commit reached the client first).
    if (lastEventId >= floor) {
      stream.handledSeq = lastEventId;
      stream.sendReady({ seq: lastEventId, replayed: 0 });
      return;
    }
    // Up to the head: what the feed reads meanwhile is skipped by the stream as handled.
    const rows = await listAuditEventsAfter(opts.db, workspaceId, lastEventId, head - lastEventId);
    const entries = await toLiveEntries(opts.db, workspaceId, rows);
    stream.handledSeq = lastEventId;
    stream.sendReady({ seq: lastEventId, replayed: rows.length });
    await stream.deliver(entries);
    stream.passTo(head);
  };

  return {
    open: (args) => {
      const feed = feedFor(args.ctx.actor.workspaceId);
      const stream = new LiveStream(args.ctx, args.watch, args.sink, forget, args.stillValid);
      if (closed) {
        stream.close();
        return stream;
      }
      // Taken now: every entry the feed reads after this point is queued to the stream.
      const floorNow = feed.lastSeq;
      feed.streams.add(stream);
      stream.queue(async () => start(stream, floorNow ?? (await feed.ready), args.lastEventId));
      // Connection keep-alive for open streams (not background work): stops with the last one.
      heartbeat ??= setInterval(beat, opts.heartbeatMs).unref();
      return stream;
    },
    size: streamsOpen,
    close: () => {
      closed = true;
      off();
      for (const feed of [...feeds.values()])
        for (const stream of [...feed.streams]) stream.close();
      feeds.clear();
      if (heartbeat) clearInterval(heartbeat);
      heartbeat = undefined;
    },
  };
}
