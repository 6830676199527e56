import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { isDatabaseUnavailable } from '../db/errors.ts';
import { AppError, RateLimitedError, type ErrorCode } from '../lib/errors.ts';

/** What a 503 for an unreachable database tells the client to wait. */
const UNAVAILABLE_RETRY_SECONDS = 5;

/** The one table from error code to HTTP status. */
export const statusOf: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition_failed: 412,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export function sendError(
  reply: FastifyReply,
  request: FastifyRequest,
  code: ErrorCode,
  message: string,
  details?: unknown,
) {
  return reply.status(statusOf[code]).send({
    error: {
      code,
      message,
      ...(details === undefined ? {} : { details }),
      requestId: String(request.id),
    },
  });
}

export const zodIssues = (error: ZodError, where: string) =>
  error.issues.map((i) => ({
    path: [where, ...i.path.map(String)].join('.'),
    message: i.message,
    code: i.code,
  }));

/** Maps whatever was thrown to the uniform error body; unknown errors are logged and hidden. */
export function handleError(
  error: FastifyError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof RateLimitedError)
    reply.header('retry-after', String(error.retryAfterSeconds));
  if (error instanceof AppError)
    return sendError(reply, request, error.code, error.message, error.details);
  if (error instanceof ZodError)
    return sendError(
      reply,
      request,
      'invalid_input',
      'The request is not valid',
      zodIssues(error, 'body'),
    );
  const fe = error as FastifyError;
  switch (fe.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return sendError(reply, request, 'too_large', 'The request body is too large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return sendError(reply, request, 'invalid_input', 'Send the body as application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return sendError(reply, request, 'invalid_input', 'The JSON body is empty');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return sendError(
        reply,
        request,
        'invalid_input',
        'The Content-Length does not match the body',
      );
    default:
      break;
  }
  if (fe.statusCode === 400 && error instanceof SyntaxError) {
    return sendError(reply, request, 'invalid_input', 'The body is not valid JSON');
  }
  if (typeof fe.statusCode === 'number' && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code: ErrorCode =
      fe.statusCode === 413
        ? 'too_large'
        : fe.statusCode === 429
          ? 'rate_limited'
          : 'invalid_input';
    return sendError(reply, request, code, fe.message);
  }
  if (isDatabaseUnavailable(error)) {
    request.log.warn({ err: error }, 'database unavailable');
    reply.header('retry-after', String(UNAVAILABLE_RETRY_SECONDS));
    return sendError(
      reply,
      request,
      'unavailable',
      'The database is not reachable right now; try again in a few seconds',
    );
  }
  request.log.error({ err: error }, 'unhandled error');
  return sendError(
    reply,
    request,
    'internal',
    'Something went wrong on the server; the request id identifies it in the log',
  );
}
