import { randomUUID } from 'node:crypto';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import Fastify, { type FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Config } from './config.ts';
import type { Database } from './db/connection.ts';
import { registerApiDocs } from './http/docs.ts';
import { answerClientError, handleError, sendError } from './http/errors.ts';
import { parseJsonBody } from './http/json-body.ts';
import { buildOpenApi } from './http/openapi.ts';
import { registerRoutes } from './http/register.ts';
import { subjectLens } from './modules/subjects/index.ts';
import { defaultWebRoot, registerWebApp } from './http/web.ts';
import { systemClock, type Clock } from './lib/clock.ts';
import { ActorCache } from './modules/accounts/index.ts';
import { attachLiveHub, createLiveHub } from './modules/live/index.ts';
import { trustProxyOption } from './http/client-address.ts';
import type { Authenticated } from './http/auth.ts';
import { apiRoutes } from './routes.ts';
import { cacheWritableCheck, openBlobStore, type BlobStore } from './storage/index.ts';

export interface AppDeps {
  config: Config;
  database: Database;
  clock?: Clock;
  /** pino options, or false for no log (tests). */
  logger?: boolean | object;
  /** The built web app to serve at `/` (default web/dist when built), or false for none. */
  webRoot?: string | false;
  /** Where evidence files are kept; by default the store the configuration names. */
  blobStore?: BlobStore;
}

/** How long /readyz reuses the evidence store's write check. */
const STORE_CHECK_TTL_MS = 5000;

export const VERSION = '0.1.0';

const REQUEST_ID = /^[\w.-]{1,64}$/;

/** The HTTP application, ready for inject() or listen(); does no I/O until used. */
export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, database } = deps;
  const clock = deps.clock ?? systemClock;
  const blobStore = deps.blobStore ?? openBlobStore(config);
  const checkStoreWritable = cacheWritableCheck(blobStore, STORE_CHECK_TTL_MS);
  const app = Fastify({
    logger: deps.logger ?? { level: config.logLevel },
    bodyLimit: config.bodyLimitBytes,
    // A client has this long to send its whole request, then gets 408 and a closed socket.
    requestTimeout: config.timeouts.requestSeconds * 1000,
    keepAliveTimeout: config.timeouts.keepAliveSeconds * 1000,
    clientErrorHandler: answerClientError,
    // Errors Fastify raises before routing (a malformed percent-encoding in the path).
    frameworkErrors: (_error, req, reply) => {
      void sendError(reply, req, 'invalid_input', 'The address is not a valid URL');
    },
    // Node checks those deadlines every 30 s by default: once a second keeps them close.
    http: {
      headersTimeout: config.timeouts.headersSeconds * 1000,
      connectionsCheckingInterval: 1000,
    },
    trustProxy: trustProxyOption(config.trustProxy),
    // Keep a caller's request id when it is sane, so logs can be joined across services.
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
    },
  });

  app.setErrorHandler(handleError);
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_req, body, done) => {
    try {
      done(null, parseJsonBody(body as Buffer));
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  let spaFallback: Awaited<ReturnType<typeof registerWebApp>> = null;
  app.setNotFoundHandler(async (req, reply) => {
    if (spaFallback && (await spaFallback(req, reply))) return reply;
    return sendError(
      reply,
      req,
      'not_found',
      `No route ${req.method} ${req.url.split('?')[0] ?? ''}`,
    );
  });
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', req.id);
    if (req.url.startsWith('/api/')) reply.header('cache-control', 'no-store');
  });

  await app.register(fastifyCookie);
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        // Casefile is often served over plain HTTP on a private network: do not force HTTPS.
        upgradeInsecureRequests: null,
      },
    },
    strictTransportSecurity: false,
  });

  app.get('/healthz', () => ({ status: 'ok' }));
  app.get('/readyz', async (req, reply) => {
    try {
      await sql`select 1`.execute(database.db);
    } catch (error) {
      req.log.warn({ err: error }, 'database not reachable');
      reply.header('retry-after', '5');
      return sendError(reply, req, 'unavailable', 'The database is not reachable');
    }
    try {
      await checkStoreWritable();
    } catch (error) {
      // The log says where and why; the answer names neither paths nor buckets.
      req.log.warn({ err: error, store: blobStore.location }, 'evidence store not writable');
      reply.header('retry-after', '5');
      return sendError(reply, req, 'unavailable', 'The evidence store is not writable');
    }
    return {
      status: 'ready',
      database: database.engine,
      evidence: { store: blobStore.kind, writable: true },
    };
  });

  const routes = apiRoutes(config, { evidenceStore: blobStore });
  const actors = new ActorCache<Authenticated>(config.authCacheSeconds * 1000);
  app.addHook('onClose', async () => actors.close());
  // Live updates: streams end before the server closes, so closing never waits on them.
  const live = createLiveHub({
    db: database.db,
    log: app.log,
    heartbeatMs: config.stream.heartbeatSeconds * 1000,
    replayEvents: config.stream.replayEvents,
  });
  attachLiveHub(app, live);
  app.addHook('preClose', async () => live.close());
  registerRoutes(app, routes, {
    db: database.db,
    clock,
    config,
    actors,
    shape: async (ctx, body) => (await subjectLens(ctx)).apply(body),
  });
  let document: unknown;
  await registerApiDocs(app, () => (document ??= buildOpenApi(routes, VERSION)));
  if (deps.webRoot !== false)
    spaFallback = await registerWebApp(app, deps.webRoot ?? defaultWebRoot);
  return app;
}
