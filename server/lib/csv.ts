import { Readable } from 'node:stream';

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

type Cell = string | number | boolean | null | undefined;

/** A CSV column: its header and how a row's cell is read. */
export type CsvColumn<T> = readonly [header: string, cell: (row: T) => Cell];

const csvLine = (cells: readonly Cell[]) => cells.map(csvCell).join(',') + '\r\n';

/**
 * A CSV document streamed a page at a time from a keyset-paged reader: the header, then each
 * page's rows, the next page read only when the last is written, so a long list is never held
 * whole. The first page is read before the stream is handed back, so a bad query throws (and
 * answers its error) before any byte is sent.
 */
export async function csvPages<T>(
  columns: ReadonlyArray<CsvColumn<T>>,
  read: (cursor?: string) => Promise<{ items: readonly T[]; nextCursor: string | null }>,
): Promise<Readable> {
  const first = await read();
  async function* lines() {
    yield csvLine(columns.map(([header]) => header));
    let page = first;
    for (;;) {
      yield page.items.map((row) => csvLine(columns.map(([, cell]) => cell(row)))).join('');
      if (!page.nextCursor) return;
      page = await read(page.nextCursor);
    }
  }
  return Readable.from(lines());
}
