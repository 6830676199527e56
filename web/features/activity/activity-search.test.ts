import { describe, expect, it } from 'vitest';
import type { SavedView } from '../../api.ts';
import { activityViewSettings, searchOfActivityView } from './activity-search.ts';

const saved = (extra: Partial<SavedView> = {}): SavedView => ({
  id: 7,
  kind: 'activities',
  name: 'Unreviewed exfiltration',
  filters: { window: '6m', category: 'exfiltration', reviewed: 'false' },
  columns: ['occurredAt', 'riskScore'],
  sort: 'riskScore:desc',
  shared: true,
  owner: { id: 1, name: 'Ivy' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  ...extra,
});

describe('saved activity views', () => {
  it('keeps the explorer filters, columns and sort, but not a zoom, a click or an open event', () => {
    const settings = activityViewSettings(
      {
        window: '6m',
        from: '2026-01-01T00:00:00.000Z',
        to: '2026-02-01T00:00:00.000Z',
        efrom: '2026-01-03T00:00:00.000Z',
        eto: '2026-01-04T00:00:00.000Z',
        ecategory: 'exfiltration',
        indicator: 'after-hours',
        reviewed: 'false',
        sort: 'riskScore',
        event: 12,
      },
      'occurredAt,riskScore',
    );
    expect(settings).toEqual({
      filters: { indicator: 'after-hours', reviewed: 'false' },
      columns: ['occurredAt', 'riskScore'],
      sort: 'riskScore:desc',
    });
  });

  it('shows a picked view by clearing every filter it does not keep', () => {
    const next = searchOfActivityView(saved());
    expect(next).toMatchObject({
      window: '6m',
      category: 'exfiltration',
      reviewed: 'false',
      sort: 'riskScore',
      order: 'desc',
      cols: 'occurredAt,riskScore',
      view: 7,
    });
    expect(Object.keys(next)).toEqual(expect.arrayContaining(['from', 'efrom', 'indicator']));
    expect(next.from).toBeUndefined();
    expect(next.indicator).toBeUndefined();
  });

  it('goes back to the defaults when the pick is cleared', () => {
    const next = searchOfActivityView(undefined);
    expect(next).toMatchObject({ sort: 'occurredAt', order: 'desc', view: undefined });
    expect(next.reviewed).toBeUndefined();
  });
});
