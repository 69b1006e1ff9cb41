import { describe, expect, it } from 'vitest';
import { dateTimeText, reasonText, relativeText, sizeText } from '../../../renderer/src/screens/backupWords.ts';

describe('backups in words', () => {
  it('says why each kind of backup was taken', () => {
    expect(reasonText('open')).toBe('when opened');
    expect(reasonText('periodic')).toBe('every 15 minutes');
    expect(reasonText('before-restore')).toBe('before restore');
    expect(reasonText('before-migration-2')).toBe('before migration 2');
    expect(reasonText('manual')).toBe('taken by hand');
    // A reason this version does not know (written by a newer one) is still readable.
    expect(reasonText('before-import')).toBe('before import');
  });

  it('gives sizes in B, kB and MB', () => {
    expect(sizeText(0, 'en')).toBe('0 B');
    expect(sizeText(999, 'en')).toBe('999 B');
    expect(sizeText(1000, 'en')).toBe('1 kB');
    expect(sizeText(4096, 'en')).toBe('4.1 kB');
    expect(sizeText(122_880, 'en')).toBe('123 kB');
    expect(sizeText(999_499, 'en')).toBe('999 kB');
    expect(sizeText(1_000_000, 'en')).toBe('1 MB');
    expect(sizeText(2_350_000, 'en')).toBe('2.4 MB');
    expect(sizeText(48_000_000, 'en')).toBe('48 MB');
  });

  it('says how long ago, in the largest unit that fits', () => {
    const now = new Date('2025-06-01T12:00:00.000Z');
    const ago = (seconds: number) => relativeText(new Date(now.getTime() - seconds * 1000).toISOString(), now, 'en');
    expect(ago(0)).toBe('just now');
    expect(ago(44)).toBe('just now');
    expect(ago(-30)).toBe('just now');
    expect(ago(50)).toBe('1 minute ago');
    expect(ago(3 * 60)).toBe('3 minutes ago');
    expect(ago(59 * 60)).toBe('59 minutes ago');
    expect(ago(60 * 60)).toBe('1 hour ago');
    expect(ago(5 * 3600)).toBe('5 hours ago');
    expect(ago(24 * 3600)).toBe('yesterday');
    expect(ago(3 * 86_400)).toBe('3 days ago');
    expect(ago(40 * 86_400)).toBe('last month');
    expect(ago(75 * 86_400)).toBe('3 months ago');
    expect(ago(400 * 86_400)).toBe('last year');
    expect(ago(3 * 365 * 86_400)).toBe('3 years ago');
  });

  it('gives a date and time to the second', () => {
    const text = dateTimeText('2025-06-01T12:34:56.000Z', 'en-GB');
    expect(text).toMatch(/2025/);
    expect(text).toMatch(/:\d\d:56/);
  });
});
