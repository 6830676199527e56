import { errorCodes } from '../../contract/errors.ts';

export { errorCodes };

export type ErrorCode = (typeof errorCodes)[number];

/** An expected failure with a code from the catalogue; anything else thrown is a bug. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.details = details;
  }
}

/** rate_limited, with how long to wait: answered with a Retry-After header. */
export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super('rate_limited', message);
  }
}

export const notFound = (what: string): AppError => new AppError('not_found', `${what} not found`);
export const forbidden = (message = 'You do not have permission to do this'): AppError =>
  new AppError('forbidden', message);
export const invalidInput = (message: string, details?: unknown): AppError =>
  new AppError('invalid_input', message, details);
export const conflict = (message: string, details?: unknown): AppError =>
  new AppError('conflict', message, details);
