import { describe, expect, it } from 'vitest';
import { formatDay, formatFull, formatWhen } from './dates.ts';

const now = new Date(2026, 11, 2, 16, 0);
const local = (...p: [number, number, number, number?, number?]) => new Date(...p).toISOString();

describe('one date format', () => {
  it('writes a time of this year as day, month and time, and an older one with its year', () => {
    expect(formatWhen(local(2026, 11, 2, 14, 5), now)).toBe('2 Dec 14:05');
    expect(formatWhen(local(2026, 0, 9, 8, 0), now)).toBe('9 Jan 08:00');
    expect(formatWhen(local(2025, 10, 12, 9, 30), now)).toBe('12 Nov 2025');
  });

  it('writes a day without its time, with the year only when it is another year', () => {
    expect(formatDay(local(2026, 11, 24, 23, 59), now)).toBe('24 Dec');
    expect(formatDay(local(2027, 0, 3), now)).toBe('3 Jan 2027');
  });

  it('gives the whole timestamp, to the second, for a tooltip', () => {
    const text = formatFull(local(2025, 10, 12, 9, 30));
    expect(text).toContain('12 Nov 2025');
    expect(text).toContain('09:30:00');
  });
});
