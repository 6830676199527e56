import type { TestEnv } from './harness.ts';

/** A 1x1 PNG: the smallest capture there is. */
export const PNG_1X1 = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==',
  'base64',
);

/**
 * Uploads bytes as evidence of a case through the API, as a raw body with its name in
 * Content-Disposition; answers the response (status, parsed body, headers).
 */
export async function uploadEvidence(
  env: TestEnv,
  number: number,
  bytes: Buffer | string,
  {
    who = 'investigator',
    name = 'capture.png',
    type = 'application/octet-stream',
    query = '',
    headers = {},
  }: {
    who?: keyof TestEnv['members'];
    name?: string;
    type?: string;
    query?: string;
    headers?: Record<string, string>;
  } = {},
) {
  const res = await env.app.inject({
    method: 'POST',
    url: `/api/v1/cases/${number}/evidence${query}`,
    headers: {
      authorization: `Bearer ${env.members[who].token}`,
      'content-type': type,
      'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(name)}`,
      ...headers,
    },
    payload: bytes,
  });
  const json = (res.headers['content-type'] ?? '').toString().includes('json');
  return {
    status: res.statusCode,
    body: (json ? res.json() : res.body) as Record<string, any>,
    headers: res.headers,
  };
}
