import { ApiError } from '../api.ts';

const isIssue = (d: unknown): d is { path: string; message: string } =>
  typeof d === 'object' &&
  d !== null &&
  typeof (d as { path?: unknown }).path === 'string' &&
  typeof (d as { message?: unknown }).message === 'string';

/**
 * The server's reason. A refused input also names its fields ("name: must not be blank"),
 * since a notification highlights none.
 */
export function errorMessage(error: unknown): string {
  if (!(error instanceof Error)) return 'Something went wrong';
  if (error instanceof ApiError && error.code === 'invalid_input' && Array.isArray(error.details)) {
    const issues = error.details
      .filter(isIssue)
      .filter((d) => d.message !== error.message)
      .map((d) => `${d.path.replace(/^(body|query|params)\.?/, '') || 'request'}: ${d.message}`);
    if (issues.length > 0) return `${error.message} (${issues.slice(0, 3).join('; ')})`;
  }
  return error.message;
}
