import type { FastifyInstance } from 'fastify';
import { LiveChange, StreamQuery, streamDescription } from '../../../contract/live.ts';
import { isStillAuthenticated } from '../../http/auth.ts';
import { defineRoute, HIJACKED } from '../../http/route.ts';
import { AppError } from '../../lib/errors.ts';
import type { LiveHub } from './hub.ts';
import { watchOf } from './live-view.ts';

const hubs = new WeakMap<FastifyInstance, LiveHub>();

/** Makes `hub` the one the stream route of `app` opens its streams on. */
export function attachLiveHub(app: FastifyInstance, hub: LiveHub): void {
  hubs.set(app, hub);
}

/** A stream whose client reads slower than this much is ended; it reconnects and replays. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

function parseLastEventId(value: string | string[] | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || !/^\d{1,15}$/.test(value))
    throw new AppError('invalid_input', 'Last-Event-ID must be the id of an event of this stream', [
      { path: 'headers.last-event-id', message: 'not a sequence number' },
    ]);
  return Number(value);
}

export const liveRoutes = [
  defineRoute({
    method: 'GET',
    url: '/api/v1/stream',
    operationId: 'openStream',
    summary: 'Live updates of what the tab shows (server-sent events)',
    description: streamDescription,
    tag: 'Live updates',
    auth: 'any',
    query: StreamQuery,
    response: {
      status: 200,
      schema: LiveChange,
      mediaType: 'text/event-stream',
      description: 'A stream of `ready`, `change` and `resync` events; `change` data shown',
    },
    handler: async ({ query, ctx, req, reply }) => {
      const hub = hubs.get(req.server);
      if (!hub) throw new AppError('unavailable', 'Live updates are not running on this server');
      const lastEventId = parseLastEventId(req.headers['last-event-id']);
      const raw = reply.raw;
      // The response is written by hand from here on: Fastify neither buffers nor ends it.
      reply.hijack();
      // The headers set so far (helmet's) go out with the stream's own.
      const set: Record<string, string | number | string[]> = {};
      for (const [name, value] of Object.entries(reply.getHeaders()))
        if (value !== undefined) set[name] = value;
      raw.writeHead(200, {
        ...set,
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        // nginx and similar proxies pass the events on at once instead of buffering them.
        'x-accel-buffering': 'no',
        'x-request-id': req.id,
      });
      raw.write('retry: 2000\n\n');
      const stream = hub.open({
        ctx,
        watch: watchOf(query),
        lastEventId,
        stillValid: () => isStillAuthenticated(req, ctx, ctx.actor),
        sink: {
          write: (text) => {
            if (raw.destroyed || raw.writableEnded) return false;
            if (raw.writableLength > MAX_BUFFERED_BYTES) return false;
            raw.write(text);
            return true;
          },
          end: () => {
            if (!raw.writableEnded) raw.end();
          },
        },
      });
      raw.once('close', () => stream.close());
      return HIJACKED;
    },
  }),
];
