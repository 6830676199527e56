import { describe, expect, it } from 'vitest';
import { totalText } from './total-text.ts';

describe('totalText', () => {
  it('says exact counts with thousands separators', () => {
    expect(totalText({ count: 1234, exact: true }, 'alert', 'alerts')).toBe('1,234 alerts');
    expect(totalText({ count: 0, exact: true }, 'alert', 'alerts')).toBe('0 alerts');
  });

  it('uses the singular for one', () => {
    expect(totalText({ count: 1, exact: true }, 'case', 'cases')).toBe('1 case');
  });

  it('says "+" past the cap', () => {
    expect(totalText({ count: 10_000, exact: false }, 'alert', 'alerts')).toBe('10,000+ alerts');
  });
});
