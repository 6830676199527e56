import { describe, expect, it } from 'vitest';
import { ApiError, dispositionOf, readRefusal } from './api.ts';

const nameIn = (header: string) => {
  const m = /^attachment; filename\*=UTF-8''(.+)$/.exec(header);
  return m?.[1] === undefined ? undefined : decodeURIComponent(m[1]);
};

describe('the Content-Disposition of an upload', () => {
  it('carries any file name exactly, in ASCII a request header can hold', () => {
    for (const name of [
      'screen 1.png',
      `it's "quoted"; (really) *.txt`,
      'تقرير-النسخ.txt',
      'résumé 😀.pdf',
      '..\\..\\etc/passwd',
      '100%.log',
    ]) {
      const header = dispositionOf(name);
      expect(header).toMatch(/^[\x20-\x7e]+$/);
      expect(header.slice(header.indexOf("''") + 2)).not.toMatch(/[;'"()* ]/);
      expect(nameIn(header)).toBe(name);
    }
  });

  it('sends a lone surrogate, which percent-encoding refuses, as U+FFFD', () => {
    expect(nameIn(dispositionOf('bad\uD800name.txt'))).toBe('bad\uFFFDname.txt');
  });
});

describe('a refused answer', () => {
  const body = (code: string, message: string) =>
    JSON.stringify({ error: { code, message, requestId: 'r-1' } });

  it('is read from the uniform error body: too large, wrong digest, store full', () => {
    for (const [status, code, message] of [
      [413, 'too_large', 'The file is larger than 2147483648 bytes'],
      [422, 'unprocessable', 'The bytes received do not have the SHA-256 announced'],
      [507, 'insufficient_storage', 'The evidence store is full: nothing was stored.'],
    ] as const) {
      const error = readRefusal(status, body(code, message));
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status, code, message, requestId: 'r-1' });
    }
  });

  it("says what it can when the body is not the server's (a proxy's page)", () => {
    expect(readRefusal(413, '<html>Request Entity Too Large</html>')).toMatchObject({
      status: 413,
      code: 'internal',
      message: 'The file is too large for the server',
    });
    expect(readRefusal(502, '')).toMatchObject({ message: 'The server answered 502' });
  });
});
