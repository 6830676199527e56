/**
 * CSV (RFC 4180) that spreadsheets open as data: every cell quoted, quotes doubled, lines ended
 * by CRLF, and a cell that a spreadsheet would read as a formula (starting with =, +, -, @, a
 * tab or a carriage return) prefixed with an apostrophe, so it is shown, never run.
 */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '""';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replaceAll('"', '""')}"`;
}

/** A CSV document of a header row and rows, each a list of cells. */
export const csvDocument = (
  header: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number | boolean | null | undefined>>,
): string => [header, ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
