import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { ZodError } from 'zod';
import { isDatabaseUnavailable, isDiskFull } from '../db/errors.ts';
import { AppError, RateLimitedError, type ErrorCode } from '../lib/errors.ts';

/** What a 503 for an unreachable database tells the client to wait. */
const UNAVAILABLE_RETRY_SECONDS = 5;
/** What a 503 for a full disk tells the client to wait: freeing space takes a person. */
const DISK_FULL_RETRY_SECONDS = 60;

/** The one table from error code to HTTP status. */
export const statusOf: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  precondition_failed: 412,
  precondition_required: 428,
  too_large: 413,
  unprocessable: 422,
  locked: 423,
  insufficient_storage: 507,
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
  if (isDiskFull(error)) {
    // An operator has to act: logged as an error, not a passing warning.
    request.log.error({ err: error }, 'the database is out of disk space');
    reply.header('retry-after', String(DISK_FULL_RETRY_SECONDS));
    return sendError(
      reply,
      request,
      'unavailable',
      'The server has no room left to store data; try again once space is freed',
    );
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

/**
 * Errors Node's HTTP parser raises before a request exists (a request that took too long to
 * arrive, malformed or oversized headers): answered with the uniform body, then the
 * connection is closed.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, message] =
    error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
      ? [408, 'Request Timeout', 'The request took too long to arrive']
      : error.code === 'HPE_HEADER_OVERFLOW'
        ? [431, 'Request Header Fields Too Large', 'The request headers are too large']
        : [400, 'Bad Request', 'The request could not be read'];
  const body = JSON.stringify({
    error: { code: 'invalid_input', message, requestId: randomUUID() },
  });
  socket.end(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
