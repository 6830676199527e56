import {
  ApiTokenList,
  ChangePassword,
  CreateApiToken,
  CreatedApiToken,
  Me,
  SignIn,
  UpdateProfile,
  Account,
} from '../../../contract/accounts.ts';
import { IdParam } from '../../../contract/common.ts';
import {
  checkCookieWrite,
  clearSessionCookie,
  SESSION_COOKIE,
  setSessionCookie,
} from '../../http/auth.ts';
import { defineRoute } from '../../http/route.ts';
import type { Config } from '../../config.ts';
import { getMe, changeOwnPassword, updateProfile, WrongPasswordError } from './me.service.ts';
import { PasswordCheckThrottle, SignInThrottle } from './rate-limit.ts';
import { endSession, signIn, startSession, authenticateSession } from './sessions.service.ts';
import { createToken, listTokens, revokeToken } from './tokens.service.ts';

/** Sign-in, the caller's own account, and API tokens. */
export function authRoutes(config: Config) {
  const cookie = { secure: config.cookieSecure };
  const throttle = new SignInThrottle(config.signIn);
  const passwordChecks = new PasswordCheckThrottle(config.signIn);
  return [
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/sign-in',
      operationId: 'signIn',
      summary: 'Sign in with e-mail and password; starts a session cookie',
      description:
        'Failed sign-ins are counted per e-mail address and per client address; past the configured limits the answer is 429 with Retry-After until the window ends. Successful sign-ins do not count, and clear the count of their e-mail address.',
      tag: 'Auth',
      auth: 'public',
      body: SignIn,
      response: { status: 200, schema: Me },
      errors: [401, 429],
      handler: async ({ ctx, body, req, reply }) => {
        const started = await signIn(
          { db: ctx.db, clock: ctx.clock, throttle, sessionTtlHours: config.sessionTtlHours },
          body.email,
          body.password,
          req.ip,
        );
        setSessionCookie(req, reply, cookie, started.secret, started.expiresAt);
        const me = await getMe({ ...ctx, actor: started.actor });
        return { ...me, csrfToken: started.csrfToken };
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/auth/sign-out',
      operationId: 'signOut',
      summary: 'End the current session',
      tag: 'Auth',
      auth: 'public',
      response: { status: 204, schema: null },
      handler: async ({ ctx, req, reply }) => {
        const secret = req.cookies[SESSION_COOKIE];
        const session = secret && (await authenticateSession(ctx.db, ctx.clock, secret));
        // Ending a live session is a write like any other: another site must not sign you out.
        if (session) checkCookieWrite(req, session.csrfToken);
        if (secret) await endSession(ctx.db, secret);
        clearSessionCookie(reply);
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/me',
      operationId: 'getMe',
      summary: 'The signed-in account, its permissions, and the CSRF token for writes',
      tag: 'Auth',
      auth: 'any',
      response: { status: 200, schema: Me },
      handler: async ({ ctx, req }) => {
        const secret = req.cookies[SESSION_COOKIE];
        const session =
          ctx.actor.via === 'session' && secret
            ? await authenticateSession(ctx.db, ctx.clock, secret)
            : undefined;
        return { ...(await getMe(ctx)), csrfToken: session?.csrfToken ?? null };
      },
    }),
    defineRoute({
      method: 'PATCH',
      url: '/api/v1/me',
      operationId: 'updateMe',
      summary: 'Change your own display name',
      tag: 'Auth',
      auth: 'any',
      body: UpdateProfile,
      response: { status: 200, schema: Account },
      handler: ({ ctx, body }) => updateProfile(ctx, body.name),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/me/password',
      operationId: 'changePassword',
      summary: 'Change your own password; ends every session and starts a new one',
      tag: 'Auth',
      auth: 'session',
      body: ChangePassword,
      response: { status: 200, schema: Me },
      handler: async ({ ctx, body, req, reply }) => {
        const check = passwordChecks.begin(ctx.actor.accountId, ctx.clock.now().getTime());
        try {
          await changeOwnPassword(ctx, body.currentPassword, body.newPassword);
        } catch (error) {
          if (!(error instanceof WrongPasswordError)) check.succeeded();
          throw error;
        }
        check.succeeded();
        const started = await startSession(
          { db: ctx.db, clock: ctx.clock, sessionTtlHours: config.sessionTtlHours },
          ctx.actor,
          'auth.session_renewed',
        );
        setSessionCookie(req, reply, cookie, started.secret, started.expiresAt);
        return { ...(await getMe(ctx)), csrfToken: started.csrfToken };
      },
    }),
    defineRoute({
      method: 'GET',
      url: '/api/v1/tokens',
      operationId: 'listTokens',
      summary: 'List your API tokens',
      tag: 'Auth',
      auth: 'any',
      response: { status: 200, schema: ApiTokenList },
      handler: async ({ ctx }) => ({ items: await listTokens(ctx) }),
    }),
    defineRoute({
      method: 'POST',
      url: '/api/v1/tokens',
      operationId: 'createToken',
      summary: 'Create an API token; the secret is in this answer only',
      description:
        'Needs a signed-in session: a token cannot make more tokens, so a leaked token cannot outlive its revocation through others.',
      tag: 'Auth',
      auth: 'session',
      body: CreateApiToken,
      response: { status: 201, schema: CreatedApiToken },
      handler: ({ ctx, body }) => createToken(ctx, body),
    }),
    defineRoute({
      method: 'DELETE',
      url: '/api/v1/tokens/:id',
      operationId: 'revokeToken',
      summary: 'Revoke one of your API tokens',
      tag: 'Auth',
      auth: 'any',
      params: IdParam,
      response: { status: 204, schema: null },
      handler: ({ ctx, params }) => revokeToken(ctx, params.id),
    }),
  ];
}
