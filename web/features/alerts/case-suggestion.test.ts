import { describe, expect, it } from 'vitest';
import { byWorst, priorityForSeverity, suggestCase, type AlertFacts } from './case-suggestion.ts';

const megan = { id: 7, name: 'Megan Bowen' };
const lee = { id: 8, name: 'Lee Gu' };
let next = 1;
const alert = (over: Partial<AlertFacts> = {}): AlertFacts => ({
  id: next++,
  title: 'Unusual sign-in',
  severity: 'low',
  riskScore: 10,
  detectedAt: '2026-03-02T09:00:00.000Z',
  source: 'idp',
  subject: megan,
  ...over,
});

describe('suggesting a case from alerts', () => {
  it('names the subject and the worst alert: highest severity, then risk, then earliest', () => {
    const usb = alert({ title: 'Sensitive files copied to USB', severity: 'high', riskScore: 80 });
    const riskier = alert({ title: 'Mass download', severity: 'medium', riskScore: 99 });
    const later = alert({
      title: 'Later copy',
      severity: 'high',
      riskScore: 80,
      detectedAt: '2026-03-02T10:00:00.000Z',
    });
    const s = suggestCase([riskier, later, usb, alert()]);
    expect(s.title).toBe('Megan Bowen — Sensitive files copied to USB');
    expect(s.subject).toEqual(megan);
    expect(s.priority).toBe('high');
    expect([riskier, later, usb].sort(byWorst).map((a) => a.title)).toEqual([
      'Sensitive files copied to USB',
      'Later copy',
      'Mass download',
    ]);
  });

  it('presets the priority from the highest severity, informational being Very low', () => {
    expect(priorityForSeverity).toEqual({
      high: 'high',
      medium: 'medium',
      low: 'low',
      informational: 'very_low',
    });
    expect(suggestCase([alert({ severity: 'informational' })]).priority).toBe('very_low');
    expect(suggestCase([alert({ severity: 'medium' }), alert()]).priority).toBe('medium');
  });

  it('lists the alerts worst first, with Markdown in their titles made literal', () => {
    const a = alert({ id: 41, title: 'Copy of *secret*_plans', severity: 'high', riskScore: 87 });
    const b = alert({ id: 42, title: 'Sign-in from a new country' });
    const s = suggestCase([b, a]);
    expect(s.description).toBe(
      [
        'Opened from 2 alerts, worst first:',
        '',
        '- **High** · Copy of \\*secret\\*\\_plans · idp · risk 87 · 2026-03-02 09:00 UTC (alert #41)',
        '- **Low** · Sign-in from a new country · idp · risk 10 · 2026-03-02 09:00 UTC (alert #42)',
        '',
      ].join('\n'),
    );
  });

  it('names the worst alert’s person and how many others when the alerts are about several', () => {
    const s = suggestCase([
      alert({ subject: lee, severity: 'high', title: 'Malware on a laptop' }),
      alert(),
      alert({ subject: { id: 9, name: 'Ann' } }),
    ]);
    expect(s.title).toBe('Lee Gu and 2 others — Malware on a laptop');
    expect(s.description).toContain('· Malware on a laptop · Lee Gu · idp ·');
    expect(s.subject).toBeNull();
    expect(s.subjectCount).toBe(3);
    const single = suggestCase([alert({ subject: null, title: 'Port scan' })]);
    expect(single.title).toBe('Port scan');
    expect(single.description.startsWith('Opened from 1 alert:\n')).toBe(true);
  });

  it('uses the subject and size of an incident, listing at most 20 alerts', () => {
    const alerts = Array.from({ length: 25 }, () => alert({ subject: null }));
    const s = suggestCase(alerts, { subject: lee, origin: 'incident #12', total: 60 });
    expect(s.title).toBe('Lee Gu — Unusual sign-in');
    expect(s.subject).toEqual(lee);
    expect(s.description.startsWith('Opened from incident #12 (60 alerts), worst first:')).toBe(
      true,
    );
    expect(s.description.trimEnd().split('\n').at(-1)).toBe('- … and 40 more');
    expect(s.description.match(/\(alert #\d+\)/g)).toHaveLength(20);
  });

  it('keeps the title within 300 characters and falls back when there is no alert', () => {
    expect(suggestCase([alert({ title: 'x'.repeat(400) })]).title).toHaveLength(300);
    expect(suggestCase([], { fallbackTitle: 'Incident 3', subject: megan })).toMatchObject({
      title: 'Megan Bowen — Incident 3',
      severity: null,
      description: '',
      priority: 'medium',
    });
  });
});
