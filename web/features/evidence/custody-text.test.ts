import { describe, expect, it } from 'vitest';
import { custodyDetails } from './custody-text.ts';

describe('a custody entry as text', () => {
  it('names what was recorded, in its order, leaving empty values out', () => {
    expect(
      custodyDetails({
        details: {
          name: 'screen.png',
          sizeBytes: 109296,
          detectedType: 'image/png',
          claimedType: null,
          method: '',
        },
      }),
    ).toEqual(['name: screen.png', 'bytes: 109296', 'detected type: image/png']);
  });

  it('keeps keys it has no label for, and shows nested values as JSON text', () => {
    expect(custodyDetails({ details: { hostname: 'LAPTOP-4411', tags: ['a', 'b'] } })).toEqual([
      'hostname: LAPTOP-4411',
      'tags: ["a","b"]',
    ]);
  });
});
