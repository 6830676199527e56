import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.ts';
import type { Clock } from '../lib/clock.ts';
import { safeEqual, sha256Hex } from '../lib/crypto.ts';
import { AppError } from '../lib/errors.ts';
import type { Actor } from '../modules/access/index.ts';
import {
  authenticateSession,
  authenticateToken,
  type ActorCache,
} from '../modules/accounts/index.ts';

export const SESSION_COOKIE = 'casefile_session';
const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export interface Authenticated {
  actor: Actor;
  csrfToken?: string;
  /** When the credential stops being valid, checked also while it is cached. */
  expiresAt?: string | null;
}

export interface AuthDeps {
  db: Db;
  clock: Clock;
  actors: ActorCache<Authenticated>;
}

/**
 * Finds the actor behind a request: a bearer API token, or the session cookie. Writes made
 * with the cookie must carry the session's CSRF token in X-CSRF-Token (a bearer token cannot
 * be sent by another site, so it needs none). Throws unauthenticated or forbidden.
 */
export async function requireActor(req: FastifyRequest, deps: AuthDeps): Promise<Actor> {
  const header = req.headers.authorization;
  if (header !== undefined) {
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    const token = match?.[1];
    const found = token
      ? await deps.actors.resolve(`t:${sha256Hex(token)}`, async () => {
          const found = await authenticateToken(deps.db, deps.clock, token);
          return found && { actor: found.actor, expiresAt: found.expiresAt };
        })
      : undefined;
    const expired = found?.expiresAt && found.expiresAt <= deps.clock.now().toISOString();
    if (!found || expired)
      throw new AppError('unauthenticated', 'The API token is not valid or was revoked');
    return found.actor;
  }
  const secret = req.cookies[SESSION_COOKIE];
  const session = secret
    ? await deps.actors.resolve(`s:${sha256Hex(secret)}`, () =>
        authenticateSession(deps.db, deps.clock, secret),
      )
    : undefined;
  // A session that ended while it was remembered is over all the same.
  const over = session?.expiresAt && session.expiresAt <= deps.clock.now().toISOString();
  if (!session || over)
    throw new AppError('unauthenticated', 'Sign in, or send an API token as Authorization: Bearer');
  if (UNSAFE.has(req.method)) checkCookieWrite(req, session.csrfToken);
  return session.actor;
}

/**
 * A write made with the session cookie: it must come from this site (Sec-Fetch-Site, or the
 * Origin's host when a browser sends no Sec-Fetch-Site) and carry the session's CSRF token.
 * Throws forbidden.
 */
export function checkCookieWrite(req: FastifyRequest, csrfToken: string | undefined): void {
  const site = req.headers['sec-fetch-site'];
  const origin = req.headers.origin;
  let crossSite = false;
  if (typeof site === 'string') crossSite = site !== 'same-origin' && site !== 'none';
  else if (typeof origin === 'string' && origin !== 'null') {
    try {
      crossSite = new URL(origin).host !== req.host;
    } catch {
      crossSite = true;
    }
  } else if (origin === 'null') crossSite = true;
  if (crossSite) throw new AppError('forbidden', 'A write from another site is refused');
  const sent = req.headers['x-csrf-token'];
  if (typeof sent !== 'string' || !safeEqual(sent, csrfToken ?? '')) {
    throw new AppError(
      'forbidden',
      'This write needs the X-CSRF-Token header from sign-in or GET /api/v1/me',
    );
  }
}

export interface CookieOptions {
  secure: 'auto' | 'true' | 'false';
}

export function setSessionCookie(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: CookieOptions,
  secret: string,
  expiresAt: string,
): void {
  reply.setCookie(SESSION_COOKIE, secret, {
    httpOnly: true,
    sameSite: 'lax',
    secure: opts.secure === 'auto' ? req.protocol === 'https' : opts.secure === 'true',
    path: '/',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/**
 * Whether the credential a long-lived request (a live-update stream) came with still stands
 * for the same actor: not signed out, expired, revoked or disabled, and its role unchanged.
 * Read from the database, not the cache, since the stream outlives cache entries.
 */
export async function isStillAuthenticated(
  req: FastifyRequest,
  deps: { db: Db; clock: Clock },
  actor: Actor,
): Promise<boolean> {
  const header = req.headers.authorization;
  let fresh: Actor | undefined;
  if (header !== undefined) {
    const token = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
    fresh = token ? (await authenticateToken(deps.db, deps.clock, token))?.actor : undefined;
  } else {
    const secret = req.cookies[SESSION_COOKIE];
    fresh = secret ? (await authenticateSession(deps.db, deps.clock, secret))?.actor : undefined;
  }
  if (!fresh || fresh.accountId !== actor.accountId || fresh.roleKey !== actor.roleKey)
    return false;
  const same = (a: ReadonlySet<string>, b: ReadonlySet<string>) =>
    a.size === b.size && [...a].every((p) => b.has(p));
  return same(fresh.permissions, actor.permissions);
}
