import { describe, expect, it } from 'vitest';
import { firstRiskDay, riskHistory, riskOn, riskWeight, type RiskDayRow } from './risk.ts';

const row = (day: string, maxScore: number, over: Partial<RiskDayRow> = {}): RiskDayRow => ({
  day,
  category: 'exfiltration',
  maxScore,
  eventCount: 1,
  indicators: [{ name: 'usb', count: 1, maxScore }],
  ...over,
});

describe('subject risk rule', () => {
  it('weighs a day fully for a week, then linearly down to nothing at 30 days', () => {
    expect(riskWeight(0)).toBe(1);
    expect(riskWeight(7)).toBe(1);
    expect(riskWeight(8)).toBeCloseTo(22 / 23);
    expect(riskWeight(18.5)).toBeCloseTo(0.5);
    expect(riskWeight(29)).toBeCloseTo(1 / 23);
    expect(riskWeight(30)).toBe(0);
    expect(riskWeight(-1)).toBe(0);
  });

  it("is the highest of the day's maxima across categories, named with its indicators", () => {
    const rows = [
      row('2026-03-10', 40, { category: 'access' }),
      row('2026-03-10', 85, {
        indicators: [
          { name: 'usb', count: 4, maxScore: 60 },
          { name: 'sensitive_label', count: 2, maxScore: 25 },
        ],
      }),
    ];
    expect(riskOn(rows, '2026-03-10')).toEqual({
      score: 85,
      contributor: {
        day: '2026-03-10',
        category: 'exfiltration',
        maxScore: 85,
        weight: 1,
        topIndicators: [
          { name: 'usb', count: 4, maxScore: 60 },
          { name: 'sensitive_label', count: 2, maxScore: 25 },
        ],
      },
    });
  });

  it('decays an old high day, and a recent lower day wins once it weighs more', () => {
    const rows = [row('2026-03-01', 92), row('2026-03-15', 60, { category: 'collection' })];
    // 2026-03-20: the first day is 19 days old (weight 11/23, 44), the second 5 (60).
    const later = riskOn(rows, '2026-03-20');
    expect(later.score).toBe(60);
    expect(later.contributor).toMatchObject({ day: '2026-03-15', category: 'collection' });
    // 2026-03-12: 11 days old, weight 19/23: 92 x 0.826 = 76.
    const earlier = riskOn([row('2026-03-01', 92)], '2026-03-12');
    expect(earlier.score).toBe(76);
    expect(earlier.contributor).toMatchObject({ day: '2026-03-01', maxScore: 92, weight: 0.826 });
  });

  it('forgets a day after 30 days and ignores days after the one scored', () => {
    const rows = [row('2026-03-01', 100), row('2026-04-05', 70)];
    expect(riskOn(rows, '2026-03-30').score).toBe(4);
    expect(riskOn(rows, '2026-03-31')).toEqual({ score: 0, contributor: null });
    expect(riskOn(rows, '2026-02-28')).toEqual({ score: 0, contributor: null });
  });

  it('names the most recent day when two weigh the same', () => {
    const rows = [row('2026-03-01', 80), row('2026-03-05', 80, { category: 'deletion' })];
    expect(riskOn(rows, '2026-03-06').contributor).toMatchObject({ day: '2026-03-05' });
  });

  it('gives the score at the end of each day of the history, ending today', () => {
    const rows = [row('2026-02-20', 50), row('2026-03-03', 30)];
    const { now, history } = riskHistory(rows, '2026-03-05', 5);
    expect(history).toEqual([
      // 2026-02-20 is 9 days before 2026-03-01: 50 x 21/23 = 45.7.
      { day: '2026-03-01', score: 46 },
      { day: '2026-03-02', score: 43 },
      // 41 from 2026-02-20 outweighs the 30 of the day itself.
      { day: '2026-03-03', score: 41 },
      { day: '2026-03-04', score: 39 },
      { day: '2026-03-05', score: 37 },
    ]);
    expect(now).toMatchObject({ score: 37, contributor: { day: '2026-02-20' } });
    expect(firstRiskDay('2026-03-05', 5)).toBe('2026-01-31');
  });
});
