/** How a persona looks where it has no picture: its colour (or a neutral one) and its initials in a legible ink. */

/** Colours a persona can take: strong enough to tell personas apart as chips, curves and initials. */
export const PERSONA_SWATCHES: readonly { name: string; value: string | null }[] = [
  { name: 'No colour', value: null },
  { name: 'Blue', value: '#3f7cac' },
  { name: 'Teal', value: '#1b8a7a' },
  { name: 'Green', value: '#4f9d3a' },
  { name: 'Yellow', value: '#e0b000' },
  { name: 'Orange', value: '#e07b28' },
  { name: 'Red', value: '#c8473e' },
  { name: 'Pink', value: '#c74f93' },
  { name: 'Purple', value: '#7658c2' },
  { name: 'Slate', value: '#5d6778' },
];

/** The colour drawn for a persona without one of its own. */
export const NO_COLOUR = '#8a93a3';

/** Up to two initials: of the first and last word, or the first two letters of a single word. */
export function initialsOf(name: string): string {
  const words = name.trim().split(/\s+/u).filter(Boolean);
  const first = words[0];
  if (!first) return '?';
  const letters = (w: string): string[] => w.match(/[\p{L}\p{N}]/gu) ?? [];
  if (words.length === 1) return letters(first).slice(0, 2).join('').toUpperCase() || '?';
  const last = words[words.length - 1] ?? '';
  return ((letters(first)[0] ?? '') + (letters(last)[0] ?? '')).toUpperCase() || '?';
}

/** Relative luminance of a #rrggbb colour (WCAG). */
function luminance(hex: string): number {
  const channel = (i: number) => {
    const v = parseInt(hex.slice(1 + 2 * i, 3 + 2 * i), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
}

/** Black or white, whichever reads better on the colour (the higher WCAG contrast ratio). */
export function inkOn(background: string): '#1d2433' | '#ffffff' {
  if (!/^#[0-9a-fA-F]{6}$/.test(background)) return '#ffffff';
  const l = luminance(background);
  const onWhite = 1.05 / (l + 0.05);
  const onDark = (l + 0.05) / (luminance('#1d2433') + 0.05);
  return onDark > onWhite ? '#1d2433' : '#ffffff';
}

/** Names of things, as a sentence lists them: “A”, “A and B”, “A, B and 3 more”. */
export function listOfNames(names: readonly string[], most = 3): string {
  const quoted = names.map((n) => `“${n}”`);
  if (quoted.length <= most) {
    return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1] ?? ''}`;
  }
  return `${quoted.slice(0, most).join(', ')} and ${quoted.length - most} more`;
}
