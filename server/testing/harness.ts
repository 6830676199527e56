import { mkdtempSync, rmSync } from 'node:fs';
import { pseudonymKeys } from '../lib/pseudonym.ts';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../app.ts';
import { loadConfig, type Config } from '../config.ts';
import type { Ctx } from '../context.ts';
import type { Db } from '../db/connection.ts';
import type { AnyRoute } from '../http/route.ts';
import { tickingClock } from '../lib/clock.ts';
import { silentLogger } from '../lib/logger.ts';
import { apiRoutes } from '../routes.ts';
import { createMember, type Member } from './members.ts';
import { createTestDatabase, type TestDatabase } from './test-db.ts';

export const roles = ['viewer', 'analyst', 'investigator', 'admin', 'guest', 'ingest'] as const;
export type RoleKey = (typeof roles)[number];

export interface TestEnv {
  app: FastifyInstance;
  database: TestDatabase;
  db: Db;
  clock: ReturnType<typeof tickingClock>;
  config: Config;
  workspaceId: number;
  /** One account of each built-in role, with an API token. */
  members: Record<RoleKey, Member>;
  ctx(role: RoleKey | Member): Ctx;
  api(who?: RoleKey | Member | null): Client;
  addMember(role: string, name: string): Promise<Member>;
  close(): Promise<void>;
}

export { PASSWORD, type Member } from './members.ts';

/** A fresh database and an in-process app, with an account and token for every role. */
export async function startTestEnv(
  env: Record<string, string> = {},
  { log }: { log?: { write(line: string): void } } = {},
): Promise<TestEnv> {
  const database = await createTestDatabase();
  const config = loadConfig({
    CASEFILE_LOG_LEVEL: 'silent',
    // The test clock stands in March 2026 while tests date their alerts freely around it.
    CASEFILE_INGEST_FUTURE_SKEW_MINUTES: String(365 * 24 * 60),
    // Files the server keeps (its secret) go to a folder of the test's own, not ./data.
    CASEFILE_DATA_DIR: mkdtempSync(join(tmpdir(), 'casefile-test-')),
    ...env,
  });
  const clock = tickingClock('2026-03-02T09:00:00.000Z');
  const app = await buildApp({
    config,
    database,
    clock,
    // Every line the server logs, when a test reads them (the canary scan).
    logger: log ? { level: 'trace', stream: log } : false,
  });
  const ws = await database.db.selectFrom('workspaces').select('id').executeTakeFirstOrThrow();
  const addMember = (role: string, name: string): Promise<Member> =>
    createMember(
      database.db,
      ws.id,
      { email: `${name.toLowerCase().replace(/\W+/g, '.')}@example.com`, name, role },
      clock,
    );
  const members = {} as Record<RoleKey, Member>;
  const names: Record<RoleKey, string> = {
    viewer: 'Vera Viewer',
    analyst: 'Ana Analyst',
    investigator: 'Ivan Investigator',
    admin: 'Ada Admin',
    guest: 'Gus Guest',
    ingest: 'Edr Connector',
  };
  for (const role of roles) members[role] = await addMember(role, names[role]);
  const resolve = (who: RoleKey | Member) => (typeof who === 'string' ? members[who] : who);
  return {
    app,
    database,
    db: database.db,
    clock,
    config,
    workspaceId: ws.id,
    members,
    addMember,
    ctx: (who) => ({
      db: database.db,
      actor: resolve(who).actor,
      clock,
      log: silentLogger,
      pseudonyms: pseudonymKeys({ dataDir: config.dataDir, key: config.pseudonymKey }),
    }),
    api: (who = 'admin') => client(app, who === null ? undefined : resolve(who).token, database.db),
    close: async () => {
      await app.close();
      await database.close();
      if (config.dataDir.startsWith(tmpdir()))
        rmSync(config.dataDir, { recursive: true, force: true });
    },
  };
}

export interface Reply<T = any> {
  status: number;
  body: T;
  headers: LightMyRequestResponse['headers'];
}

export interface Client {
  get<T = any>(url: string, headers?: Record<string, string>): Promise<Reply<T>>;
  post<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
  patch<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
  put<T = any>(url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply<T>>;
  delete<T = any>(url: string, headers?: Record<string, string>): Promise<Reply<T>>;
  request<T = any>(
    method: string,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply<T>>;
}

/**
 * The current version of the versioned object a write goes to (a case, its resolve or reopen,
 * a task, an incident), read from the database; undefined for other routes.
 */
async function currentVersion(db: Db, method: string, url: string): Promise<number | undefined> {
  if (method !== 'PATCH' && method !== 'POST') return undefined;
  const path = url.split('?')[0] ?? '';
  const task = /^\/api\/v1\/cases\/\d+\/tasks\/(\d+)$/.exec(path);
  if (task && method === 'PATCH') {
    const row = await db
      .selectFrom('tasks')
      .select('version')
      .where('id', '=', Number(task[1]))
      .executeTakeFirst();
    return row?.version;
  }
  const kase = /^\/api\/v1\/cases\/(\d+)(\/resolve|\/reopen)?$/.exec(path);
  if (kase && (method === 'PATCH') === (kase[2] === undefined)) {
    const row = await db
      .selectFrom('cases')
      .select('version')
      .where('number', '=', Number(kase[1]))
      .executeTakeFirst();
    return row?.version;
  }
  const incident = /^\/api\/v1\/incidents\/(\d+)$/.exec(path);
  if (incident && method === 'PATCH') {
    const row = await db
      .selectFrom('incidents')
      .select('version')
      .where('id', '=', Number(incident[1]))
      .executeTakeFirst();
    return row?.version;
  }
  const webhook = /^\/api\/v1\/webhooks\/(\d+)$/.exec(path);
  if (webhook && method === 'PATCH') {
    const row = await db
      .selectFrom('webhookSubscriptions')
      .select('version')
      .where('id', '=', Number(webhook[1]))
      .executeTakeFirst();
    return row?.version;
  }
  return undefined;
}

type RouteMatcher = { route: AnyRoute; pattern: RegExp; params: number };
let matchers: RouteMatcher[] | undefined;

/** The declared route that answers a request, static segments before parameters. */
function routeFor(method: string, url: string): AnyRoute | undefined {
  matchers ??= apiRoutes(loadConfig({})).map((route) => ({
    route,
    pattern: new RegExp(`^${route.url.replace(/:[A-Za-z]+/g, '[^/]+')}$`),
    params: (route.url.match(/:/g) ?? []).length,
  }));
  const path = url.split('?')[0] ?? '';
  return matchers
    .filter((m) => m.route.method === method && m.pattern.test(path))
    .sort((a, b) => a.params - b.params)[0]?.route;
}

/**
 * Every 2xx JSON answer must be what its route's response schema says: a presenter that
 * drifts from the contract fails the test that reached it, naming the route.
 */
function checkResponse(method: string, url: string, status: number, body: unknown) {
  if (status < 200 || status > 299) return;
  const schema = routeFor(method, url)?.response.schema;
  if (!schema) return;
  const result = schema.safeParse(body);
  if (!result.success) {
    const route = routeFor(method, url)!;
    const issues = result.error.issues
      .map((i) => `${i.path.join('.') || '(body)'}: ${i.message}`)
      .join('; ');
    throw new Error(
      `${route.method} ${route.url} (${route.operationId}) answered ${status} with a body its response schema refuses: ${issues}`,
    );
  }
}

/**
 * A request for an event stream, which does not end: answered with its status, headers and
 * the first chunk the server wrote (the server ends the stream when the app closes).
 */
async function openStream(
  app: FastifyInstance,
  url: string,
  token: string | undefined,
  headers: Record<string, string>,
): Promise<Reply> {
  const res = await app.inject({
    method: 'GET',
    url,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
    payloadAsStream: true,
  });
  let text = '';
  for await (const chunk of res.stream()) {
    text += String(chunk);
    if (text.includes('\n\n')) break;
  }
  let body: unknown = text;
  if ((res.headers['content-type'] ?? '').toString().includes('json') && text)
    body = JSON.parse(text);
  return { status: res.statusCode, body: body as never, headers: res.headers };
}

/**
 * In-process HTTP with a bearer token (or none). With `db`, a write to a versioned object that
 * names no If-Match sends the object's current version, as the console always does; tests of
 * stale or missing versions give the header themselves (or call without `db`).
 */
export function client(app: FastifyInstance, token?: string, db?: Db): Client {
  const request = async (
    method: string,
    url: string,
    body?: unknown,
    given: Record<string, string> = {},
  ) => {
    const version =
      db && !('if-match' in given) ? await currentVersion(db, method, url) : undefined;
    const headers = version === undefined ? given : { ...given, 'if-match': `"${version}"` };
    if (given.accept === 'text/event-stream') return openStream(app, url, token, headers);
    const res = await app.inject({
      method: method as 'GET',
      url,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      ...(body !== undefined
        ? { payload: typeof body === 'string' ? body : JSON.stringify(body) }
        : {}),
    });
    const text = res.body;
    let parsed: unknown = text;
    if ((res.headers['content-type'] ?? '').toString().includes('json') && text) {
      parsed = JSON.parse(text);
      checkResponse(method, url, res.statusCode, parsed);
    }
    return { status: res.statusCode, body: parsed as never, headers: res.headers };
  };
  return {
    request,
    get: (url, headers) => request('GET', url, undefined, headers),
    post: (url, body, headers) => request('POST', url, body ?? {}, headers),
    patch: (url, body, headers) => request('PATCH', url, body ?? {}, headers),
    put: (url, body, headers) => request('PUT', url, body, headers),
    delete: (url, headers) => request('DELETE', url, undefined, headers),
  };
}
