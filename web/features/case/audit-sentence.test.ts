import { describe, expect, it } from 'vitest';
import { auditSentences } from './audit-sentence.ts';

const event = (
  action: string,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
) => ({
  kind: 'audit' as const,
  id: 1,
  at: '2026-03-02T09:00:00.000Z',
  actor: { id: 1, name: 'Ana Analyst' },
  action,
  targetType: 'task',
  targetId: '5',
  before,
  after,
});

describe('audit events as sentences', () => {
  it('says a task was renamed, and what else changed with it', () => {
    expect(
      auditSentences(
        event(
          'task.updated',
          { title: 'Image laptop', description: '' },
          { title: 'Image the laptop', description: 'Serial 42' },
        ),
      ),
    ).toEqual([
      'Task “Image laptop” renamed to “Image the laptop”',
      'Task “Image the laptop”: description changed',
    ]);
  });

  it('names the closing note of a task and the title, description and tags of a case', () => {
    expect(
      auditSentences(
        event(
          'task.updated',
          { title: 'T', closingNote: 'Imaged' },
          { title: 'T', closingNote: 'Hash kept' },
        ),
      ),
    ).toEqual(['Task “T”: closing note changed from Imaged to Hash kept']);
    expect(
      auditSentences({
        ...event(
          'case.updated',
          { title: 'Old', description: 'a', tags: [] },
          { title: 'New', description: 'b', tags: ['usb', 'hr'] },
        ),
        targetType: 'case',
      }),
    ).toEqual([
      'Title changed from Old to New',
      'Description changed',
      'Tags changed from none to usb, hr',
    ]);
  });

  it('names the evidence an event is about, with the purpose of a download', () => {
    expect(
      auditSentences(event('evidence.added', {}, { name: 'screen.png', kind: 'capture' })),
    ).toEqual(['Evidence “screen.png” added']);
    expect(
      auditSentences(event('evidence.downloaded', {}, { name: 'usb.log', purpose: 'HR report' })),
    ).toEqual(['Evidence “usb.log” downloaded: HR report']);
    expect(
      auditSentences(event('evidence.removed', { name: 'dup.png' }, { reason: 'Duplicate' })),
    ).toEqual(['Evidence “dup.png” removed: Duplicate']);
  });
});
