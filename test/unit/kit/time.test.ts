import { describe, expect, it } from 'vitest';
import { ISO_TIMESTAMP, formatDate, formatDateTime, formatTime } from '../../../renderer/kit/time';

describe('renderer/kit/time: what a person reads', () => {
  it('reads an instant in Beijing time, not UTC, in both languages', () => {
    // 22:53 UTC on 6 December is 06:53 on 7 December in Beijing (the court screen showed the UTC day).
    for (const lang of ['zh-CN', 'en-US'] as const) {
      expect(formatDateTime('2026-12-06T22:53:19.000Z', lang)).toBe('2026-12-07 06:53');
      expect(formatDateTime(new Date('2026-12-06T22:53:19.000Z'), lang, { seconds: true })).toBe('2026-12-07 06:53:19');
      expect(formatDate('2026-12-06T22:53:19.000Z', lang)).toBe('2026-12-07');
      expect(formatTime('2026-12-06T22:53:19.000Z', lang)).toBe('06:53:19');
    }
  });

  it('keeps a calendar date as the date it is (no shift through midnight UTC)', () => {
    expect(formatDate('2026-12-07', 'zh-CN')).toBe('2026-12-07');
    expect(formatDateTime('2026-12-07', 'en-US')).toBe('2026-12-07');
  });

  it('never shows an ISO timestamp, and shows what it was given when it is no time', () => {
    expect(formatDateTime('2026-01-31T16:00:00Z', 'zh-CN')).not.toMatch(ISO_TIMESTAMP);
    expect(formatDateTime('not a time', 'zh-CN')).toBe('not a time');
  });
});
