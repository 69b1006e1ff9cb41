/** The shortcut that makes a quote from the selected words: Ctrl+Shift+Q (⇧⌘Q on a Mac). */
import { formatChord, isMac, matches, parseChord, toAriaShortcut, type KeyInput } from '../../actions/keys.ts';

const CHORD = parseChord('Mod+Shift+Q');

export const isQuoteKey = (e: KeyInput): boolean => matches(CHORD, e, isMac());
export const QUOTE_KEY_TEXT = formatChord(CHORD, isMac());
export const QUOTE_KEY_ARIA = toAriaShortcut(CHORD, isMac());
