import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Config } from '../config.ts';
import type { Ctx } from '../context.ts';
import type { Db } from '../db/connection.ts';
import type { Clock } from '../lib/clock.ts';
import { AppError } from '../lib/errors.ts';
import { pseudonymKeys } from '../lib/pseudonym.ts';
import type { Actor } from '../modules/access/index.ts';
import { requireActor, type AuthDeps } from './auth.ts';
import { zodIssues } from './errors.ts';
import { HIJACKED, type AnyRoute } from './route.ts';

export interface RouteDeps extends AuthDeps {
  db: Db;
  clock: Clock;
  config: Config;
  /**
   * What the caller may see of a successful answer's body, applied to every JSON answer
   * (pseudonymisation of subjects); the body as the handler made it when absent.
   */
  shape?: (ctx: Ctx, body: unknown) => Promise<unknown>;
}

/** The actor of public routes: no account, no permissions. */
const anonymous: Actor = {
  accountId: 0,
  workspaceId: 0,
  name: 'anonymous',
  email: '',
  roleKey: 'anonymous',
  permissions: new Set(),
  via: 'session',
};

/**
 * Where the first string holding a NUL character is (path segments), which PostgreSQL text
 * cannot store. The path is built only when one is found: a batch of alerts has tens of
 * thousands of values to look at.
 */
function findNul(value: unknown): Array<string | number> | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? [] : undefined;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findNul(value[i]);
      if (found) return [i, ...found];
    }
  } else if (value !== null && typeof value === 'object') {
    for (const k in value) {
      const found = k.includes('\u0000') ? [] : findNul((value as Record<string, unknown>)[k]);
      if (found) return [k, ...found];
    }
  }
  return undefined;
}

function parse(schema: z.ZodType | undefined, value: unknown, where: string): unknown {
  if (!schema) return undefined;
  const nul = findNul(value);
  if (nul) {
    throw new AppError('invalid_input', 'Text must not contain NUL characters', [
      { path: [where, ...nul].join('.'), message: 'contains a NUL character' },
    ]);
  }
  const result = schema.safeParse(value ?? (where === 'query' ? {} : value));
  if (!result.success) {
    throw new AppError(
      'invalid_input',
      `The request ${where === 'body' ? 'body' : where} is not valid`,
      zodIssues(result.error, where),
    );
  }
  return result.data;
}

/** Routes an `ingest` token may call: sending alerts and activity events, nothing else. */
const INGEST_ROUTES = new Set([
  'POST /api/v1/alerts',
  'POST /api/v1/alerts/ingest/:format',
  'POST /api/v1/activities',
]);

/**
 * A token limited to reading may not write, even where no permission is needed (its own
 * profile, its own tokens); one limited to ingestion may only send alerts and activity. Throws forbidden.
 */
function refuseOutOfScope(actor: Actor, route: AnyRoute): void {
  if (actor.tokenScope === 'read' && route.method !== 'GET')
    throw new AppError('forbidden', 'This API token may only read');
  if (actor.tokenScope === 'ingest' && !INGEST_ROUTES.has(`${route.method} ${route.url}`))
    throw new AppError('forbidden', 'This API token may only send alerts and activity events');
}

/** Registers each route: authenticate, validate params, query and body, run, answer. */
export function registerRoutes(app: FastifyInstance, routes: AnyRoute[], deps: RouteDeps): void {
  const pseudonyms = pseudonymKeys({ dataDir: deps.config.dataDir, key: deps.config.pseudonymKey });
  const uploads = routes.filter((r) => r.upload !== undefined);
  // Upload routes live in a scope of their own whose one content-type parser reads nothing:
  // the handler streams the body (a .json file is evidence, not a JSON body).
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));
    for (const route of uploads) addRoute(scope, route, deps, pseudonyms);
  });
  for (const route of routes)
    if (route.upload === undefined) addRoute(app, route, deps, pseudonyms);
}

function addRoute(
  app: FastifyInstance,
  route: AnyRoute,
  deps: RouteDeps,
  pseudonyms: ReturnType<typeof pseudonymKeys>,
): void {
  {
    app.route({
      method: route.method,
      url: route.url,
      ...(route.bodyLimit === undefined ? {} : { bodyLimit: route.bodyLimit }),
      handler: async (req: FastifyRequest, reply) => {
        const actor = route.auth === 'public' ? anonymous : await requireActor(req, deps);
        refuseOutOfScope(actor, route);
        if (route.auth === 'session' && actor.via !== 'session') {
          throw new AppError(
            'forbidden',
            'This operation needs a signed-in session, not an API token',
          );
        }
        const params = parse(route.params, req.params, 'params');
        if (!route.query && Object.keys(req.query as object).length > 0)
          throw new AppError('invalid_input', 'This operation takes no query parameters', [
            { path: 'query', message: `unexpected ${Object.keys(req.query as object).join(', ')}` },
          ]);
        const query = parse(route.query, req.query, 'query');
        const body = parse(route.body, req.body, 'body');
        const ctx: Ctx = {
          db: deps.db,
          actor,
          clock: deps.clock,
          log: req.log,
          pseudonyms,
          request: req,
        };
        const result = await route.handler({ params, query, body, ctx, req, reply });
        // HIJACKED: the handler answered itself (a stream it passed to reply.send, still flowing).
        if (reply.sent || result === HIJACKED) return reply;
        reply.status(route.response.status);
        if (route.response.schema === null) return reply.send();
        return reply.send(deps.shape ? await deps.shape(ctx, result) : result);
      },
    });
  }
}
