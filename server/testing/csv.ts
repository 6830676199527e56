import { expect } from 'vitest';

/** Rows of a CSV in which every cell is quoted, failing on anything else. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  const cell = /"((?:[^"]|"")*)"(,|\r\n)/y;
  while (cell.lastIndex < text.length) {
    const at = cell.lastIndex;
    const m = cell.exec(text);
    if (!m) throw new Error(`not quoted CSV at ${at}: ${JSON.stringify(text.slice(at, at + 40))}`);
    row.push(m[1]!.replaceAll('""', '"'));
    if (m[2] === '\r\n') {
      rows.push(row);
      row = [];
    }
  }
  expect(row).toEqual([]);
  return rows;
}
