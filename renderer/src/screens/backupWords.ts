/** Backups in words for the backups dialog: why one was taken, when, and how big it is. Pure, so it is unit-tested. */

/** Why a backup was taken, from its reason (see electron/core/backups.ts and workspace.ts). */
export function reasonText(reason: string): string {
  switch (reason) {
    case 'open':
      return 'when opened';
    case 'periodic':
      return 'every 15 minutes';
    case 'before-restore':
      return 'before restore';
    case 'manual':
      return 'taken by hand';
  }
  const migration = /^before-migration-(\d+)$/.exec(reason);
  if (migration) return `before migration ${migration[1] ?? ''}`;
  return reason.replace(/-/g, ' ');
}

/** A file size as people read it: bytes below 1 kB, then kB, then MB (powers of 1000, as file managers show). */
export function sizeText(bytes: number, locale?: string): string {
  const number = (n: number, digits: number) => n.toLocaleString(locale, { maximumFractionDigits: digits });
  if (bytes < 1000) return `${number(bytes, 0)} B`;
  if (bytes < 1_000_000) return `${number(bytes / 1000, bytes < 10_000 ? 1 : 0)} kB`;
  return `${number(bytes / 1_000_000, bytes < 10_000_000 ? 1 : 0)} MB`;
}

/** A local date and time to the second (two backups a few seconds apart stay apart). */
export function dateTimeText(iso: string, locale?: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}

const STEPS: [Intl.RelativeTimeFormatUnit, number, number][] = [
  // unit, its length in seconds, and up to how many of them are said before the next unit takes over
  ['minute', 60, 59],
  ['hour', 3600, 23],
  ['day', 86_400, 29],
  ['month', 2_592_000, 11],
  ['year', 31_536_000, Infinity],
];

/** "just now", "3 minutes ago", "yesterday", "2 months ago"; a time ahead of `now` (a clock changed) reads "just now". */
export function relativeText(iso: string, now: Date, locale?: string): string {
  const seconds = (now.getTime() - new Date(iso).getTime()) / 1000;
  if (seconds < 45) return 'just now';
  const format = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  for (const [unit, length, most] of STEPS) {
    const count = Math.max(1, Math.round(seconds / length));
    if (count <= most) return format.format(-count, unit);
  }
  return format.format(-Math.round(seconds / 31_536_000), 'year');
}
