import { describe, expect, it } from 'vitest';
import { mergeRollups, rollupKey, type DayRollup } from './rollup.ts';

const event = (over: Partial<Parameters<typeof mergeRollups>[1][number]> = {}) => ({
  subjectId: 1,
  occurredAt: '2026-03-01T10:00:00.000Z',
  category: 'exfiltration',
  riskScore: 40,
  indicators: [{ name: 'usb', score: 30 }],
  ...over,
});

describe('rollup merge', () => {
  it('folds events into new rows per subject, UTC day and category', () => {
    const rows = mergeRollups(new Map(), [
      event(),
      event({
        riskScore: 70,
        indicators: [
          { name: 'usb', score: 50 },
          { name: 'night', score: 20 },
        ],
      }),
      event({ occurredAt: '2026-03-01T23:59:59.999Z', category: 'access', riskScore: 5 }),
      event({ occurredAt: '2026-03-02T00:00:00.000Z', riskScore: 10 }),
      event({ subjectId: 2 }),
    ]);
    const byKey = new Map(rows.map((r) => [rollupKey(r), r]));
    expect(byKey.size).toBe(4);
    expect(byKey.get('1|2026-03-01|exfiltration')).toEqual({
      subjectId: 1,
      day: '2026-03-01',
      category: 'exfiltration',
      eventCount: 2,
      maxScore: 70,
      scoreSum: 110,
      indicators: [
        { name: 'usb', count: 2, maxScore: 50 },
        { name: 'night', count: 1, maxScore: 20 },
      ],
    });
    expect(byKey.get('1|2026-03-01|access')).toMatchObject({ eventCount: 1, maxScore: 5 });
    expect(byKey.get('1|2026-03-02|exfiltration')).toMatchObject({ eventCount: 1, scoreSum: 10 });
    expect(byKey.get('2|2026-03-01|exfiltration')).toMatchObject({ eventCount: 1 });
  });

  it('adds to a stored row without changing the stored object', () => {
    const stored: DayRollup = {
      subjectId: 1,
      day: '2026-03-01',
      category: 'exfiltration',
      eventCount: 3,
      maxScore: 90,
      scoreSum: 150,
      indicators: [{ name: 'night', count: 3, maxScore: 60 }],
    };
    const copy = structuredClone(stored);
    const [row] = mergeRollups(new Map([[rollupKey(stored), stored]]), [event()]);
    expect(row).toEqual({
      ...stored,
      eventCount: 4,
      maxScore: 90,
      scoreSum: 190,
      indicators: [
        { name: 'night', count: 3, maxScore: 60 },
        { name: 'usb', count: 1, maxScore: 30 },
      ],
    });
    expect(stored).toEqual(copy);
  });

  it('keeps the ten indicators seen most often, an indicator named twice in an event counting once', () => {
    const names = Array.from({ length: 12 }, (_, i) => `i${String(i).padStart(2, '0')}`);
    const events = names.flatMap((name, i) =>
      Array.from({ length: 12 - i }, () => event({ indicators: [{ name, score: i }] })),
    );
    events.push(
      event({
        indicators: [
          { name: 'i00', score: 99 },
          { name: 'i00', score: 1 },
        ],
      }),
    );
    const [row] = mergeRollups(new Map(), events);
    expect(row!.indicators.map((i) => i.name)).toEqual(names.slice(0, 10));
    expect(row!.indicators[0]).toEqual({ name: 'i00', count: 13, maxScore: 99 });
  });
});
