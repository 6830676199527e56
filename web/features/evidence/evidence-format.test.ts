import { describe, expect, it } from 'vitest';
import {
  formatBytes,
  formatMailbox,
  localToIso,
  mediaOf,
  repliesElsewhere,
  shortHash,
} from './evidence-format.ts';

describe('evidence as people read it', () => {
  it('writes sizes in binary units, one decimal below ten', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(1023)).toBe('1023 B');
    expect(formatBytes(1024)).toBe('1 KB');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(200_221)).toBe('196 KB');
    expect(formatBytes(5 * 1024 ** 2 + 1)).toBe('5 MB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2 GB');
    expect(formatBytes(3 * 1024 ** 5)).toBe('3072 TB');
  });

  it('shortens a SHA-256 to its two ends', () => {
    const hex = '89b3926a554d8e4f86b4c92b4e7e43e8aa5236e464fb6266b177100f9fa72328';
    expect(shortHash(hex)).toBe('89b3926a…a72328');
    expect(shortHash('abc')).toBe('abc');
  });

  it('shows images and video inline, anything else as a download', () => {
    expect(mediaOf({ detectedType: 'image/png' })).toBe('image');
    expect(mediaOf({ detectedType: 'video/webm' })).toBe('video');
    expect(mediaOf({ detectedType: 'text/html' })).toBeNull();
    expect(mediaOf({ detectedType: 'application/octet-stream' })).toBeNull();
  });

  it('reads a local date and time as an instant, and nothing from what is not one', () => {
    const local = '2025-12-02T14:05';
    expect(localToIso(local)).toBe(new Date(2025, 11, 2, 14, 5).toISOString());
    expect(localToIso('2025-12-02 14:05')).toBe(new Date(2025, 11, 2, 14, 5).toISOString());
    expect(localToIso('')).toBeUndefined();
    expect(localToIso(null)).toBeUndefined();
    expect(localToIso('yesterday')).toBeUndefined();
  });

  it('writes a mailbox as one line, with its name when it has one', () => {
    expect(formatMailbox({ name: 'Dana J', address: 'dana@corp.example' })).toBe(
      'Dana J <dana@corp.example>',
    );
    expect(formatMailbox({ name: '', address: 'x@corp.example' })).toBe('x@corp.example');
    expect(formatMailbox({ name: 'Undisclosed recipients', address: '' })).toBe(
      'Undisclosed recipients',
    );
  });

  it('tells when replies go to another address than the sender', () => {
    const from = [{ address: 'IT@corp.example' }];
    expect(repliesElsewhere(from, [])).toBe(false);
    expect(repliesElsewhere(from, [{ address: 'it@corp.example' }])).toBe(false);
    expect(repliesElsewhere(from, [{ address: 'helpdesk@phish.example' }])).toBe(true);
  });
});
