/** The funnel's colours in a metrics lane; the biggest drop is the one thing drawn in red. */
export const FUNNEL_COLOURS = {
  bar: '#c9dcf8',
  barDrop: '#f4bdb8',
  share: '#ffffff',
  shareLine: '#9aa9c2',
  drop: '#c62f28',
  banner: '#fdeceb',
  bannerText: '#a3211b',
} as const;
