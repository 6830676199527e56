import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from './csv.ts';

describe('csv', () => {
  it('quotes every cell and doubles quotes inside', () => {
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell(42)).toBe('"42"');
    expect(csvCell(null)).toBe('""');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    for (const cell of ['=HYPERLINK("http://x")', '+1+2', '-2+3', '@SUM(A1)', '\tx', '\rx'])
      expect(csvCell(cell).startsWith(`"'`), cell).toBe(true);
    expect(csvCell(-5)).toBe('"-5"');
  });

  it('ends every line with CRLF', () => {
    expect(csvDocument(['a', 'b'], [['1', 'x\ny']])).toBe('"a","b"\r\n"1","x\ny"\r\n');
  });
});
