/** Opaque pagination cursors: the sort key and id of the last row of a page, as base64url JSON. */
export function encodeCursor(values: readonly unknown[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string): unknown[] | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    return Array.isArray(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,6})?Z$/;

/**
 * Whether a decoded cursor value fits the column it is compared with: a whole number for
 * numeric sort keys and ids, an ISO-8601 UTC time for times. A tampered cursor must be refused
 * here, before the database sees a value of the wrong type.
 */
export const isCursorValue = (value: unknown, kind: 'int' | 'time'): boolean =>
  kind === 'int'
    ? Number.isSafeInteger(value)
    : typeof value === 'string' && ISO_UTC.test(value) && !Number.isNaN(Date.parse(value));
