/**
 * Key bindings as data: parsed from the strings the table of actions declares ("Mod+Shift+Z", "Alt+ArrowUp",
 * "?"), matched against keyboard events, and written out for people ("Ctrl+Shift+Z", "⇧⌘Z") and for Electron's
 * menu ("CmdOrCtrl+Shift+Z"). `Mod` is Ctrl, or ⌘ on a Mac.
 */

export interface Chord {
  /** `KeyboardEvent.key` (letters lower-case), or a `KeyboardEvent.code` such as "Digit1" when `byCode`. */
  key: string;
  byCode: boolean;
  mod: boolean;
  /** Ctrl itself, where it is not the platform's Mod (Ctrl+Y for redo on Windows and Linux). */
  ctrl: boolean;
  alt: boolean;
  /** `null`: either way (a punctuation key such as "?" is typed with Shift on some layouts and not others). */
  shift: boolean | null;
}

/** Keyboard event fields a chord is matched against (a DOM KeyboardEvent or React's has them all). */
export interface KeyInput {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

const NAMED = new Set(['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Enter', 'Escape', 'Delete', 'Backspace', 'Tab', 'Home', 'End', 'PageUp', 'PageDown', 'ContextMenu', 'F10', 'F2', 'Space']);
const CODE = /^(Digit[0-9]|Key[A-Z])$/;

/** Parse "Mod+Shift+Z"; throws on a binding the table should never hold (a typo there is a programming error). */
export function parseChord(binding: string): Chord {
  const parts = binding === '+' ? ['+'] : binding.endsWith('++') ? [...binding.slice(0, -2).split('+'), '+'] : binding.split('+');
  const key = parts.pop() ?? '';
  const mods = new Set(parts);
  for (const m of mods) if (!['Mod', 'Ctrl', 'Alt', 'Shift'].includes(m)) throw new Error(`Unknown modifier "${m}" in the key binding "${binding}"`);
  const byCode = CODE.test(key);
  if (!byCode && !NAMED.has(key) && key.length !== 1) throw new Error(`Unknown key "${key}" in the key binding "${binding}"`);
  const letter = /^[a-z]$/i.test(key);
  const punctuation = key.length === 1 && !letter && !/[0-9]/.test(key);
  return {
    key: key === 'Space' ? ' ' : letter ? key.toLowerCase() : key,
    byCode,
    mod: mods.has('Mod'),
    ctrl: mods.has('Ctrl'),
    alt: mods.has('Alt'),
    shift: mods.has('Shift') ? true : punctuation ? null : false,
  };
}

/** Does the event press exactly this chord? On a Mac, Mod is ⌘; elsewhere it is Ctrl. */
export function matches(chord: Chord, e: KeyInput, mac: boolean): boolean {
  const typed = e.key.length === 1 ? e.key.toLowerCase() : e.key;
  // On a Russian, Greek or Hebrew layout Ctrl+Z types "я": a letter binding then goes by the key's place.
  const letterByPlace = /^[a-z]$/.test(chord.key) && e.key.length === 1 && !/^[\x20-\x7e]$/.test(e.key) ? (/^Key[A-Z]$/.test(e.code) ? e.code.slice(3).toLowerCase() : '') : null;
  const pressed = chord.byCode ? e.code : (letterByPlace ?? typed);
  if (pressed !== chord.key) return false;
  // On a Mac, Mod is ⌘ and Ctrl is Ctrl; elsewhere both are Ctrl, and ⌘ (the Windows key) is never wanted.
  const wantCtrl = mac ? chord.ctrl : chord.mod || chord.ctrl;
  const wantMeta = mac && chord.mod;
  if (e.ctrlKey !== wantCtrl || e.metaKey !== wantMeta) return false;
  if (chord.alt !== e.altKey) return false;
  return chord.shift === null || chord.shift === e.shiftKey;
}

const KEY_NAMES: Record<string, [string, string]> = {
  ArrowUp: ['↑', '↑'],
  ArrowDown: ['↓', '↓'],
  ArrowLeft: ['←', '←'],
  ArrowRight: ['→', '→'],
  Enter: ['Enter', '↩'],
  Escape: ['Escape', 'Esc'],
  Delete: ['Delete', '⌦'],
  Backspace: ['Backspace', '⌫'],
  ' ': ['Space', 'Space'],
  ContextMenu: ['Menu key', 'Menu key'],
  '-': ['−', '−'],
};

const keyName = (c: Chord, mac: boolean): string => {
  if (c.byCode) return c.key.replace(/^(Digit|Key)/, '');
  const named = KEY_NAMES[c.key];
  if (named) return mac ? named[1] : named[0];
  return c.key.length === 1 ? c.key.toUpperCase() : c.key;
};

/** The binding as people read it on this platform: "Ctrl+Shift+Z" or "⇧⌘Z". */
export function formatChord(c: Chord, mac: boolean): string {
  if (mac) return `${c.ctrl ? '⌃' : ''}${c.alt ? '⌥' : ''}${c.shift ? '⇧' : ''}${c.mod ? '⌘' : ''}${keyName(c, true)}`;
  return [c.mod || c.ctrl ? 'Ctrl' : '', c.alt ? 'Alt' : '', c.shift ? 'Shift' : '', keyName(c, false)].filter(Boolean).join('+');
}

/** The binding as `aria-keyshortcuts` writes it ("Control+Shift+Z", "Enter", "Shift+F10"). */
export function toAriaShortcut(c: Chord, mac: boolean): string {
  const key = c.byCode ? c.key.replace(/^(Digit|Key)/, '') : c.key === ' ' ? 'Space' : c.key.length === 1 ? c.key.toUpperCase() : c.key;
  return [c.mod ? (mac ? 'Meta' : 'Control') : '', c.ctrl ? 'Control' : '', c.alt ? 'Alt' : '', c.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}

/** The binding in Electron's accelerator syntax, for the desktop menu ("CmdOrCtrl+Shift+Z"). */
export function toAccelerator(c: Chord): string {
  const key = c.byCode
    ? c.key.replace(/^(Digit|Key)/, '')
    : ({ ArrowUp: 'Up', ArrowDown: 'Down', ArrowLeft: 'Left', ArrowRight: 'Right', Enter: 'Return', Escape: 'Escape', ' ': 'Space', '+': 'Plus' } as Record<string, string>)[c.key] ??
      (c.key.length === 1 ? c.key.toUpperCase() : c.key);
  return [c.mod ? 'CmdOrCtrl' : '', c.ctrl ? 'Ctrl' : '', c.alt ? 'Alt' : '', c.shift ? 'Shift' : '', key].filter(Boolean).join('+');
}

/** The key event a chord stands for, as a browser reports it (for asking which action a key would run). */
export function eventFor(c: Chord, mac: boolean): KeyInput {
  const SHIFTED: Record<string, string> = { Digit1: '!', Digit2: '@' };
  const key = c.byCode ? (c.shift ? (SHIFTED[c.key] ?? c.key.slice(-1)) : c.key.slice(-1)) : c.key;
  return { key, code: c.byCode ? c.key : '', ctrlKey: c.ctrl || (c.mod && !mac), metaKey: c.mod && mac, altKey: c.alt, shiftKey: c.shift === true };
}

export const isMac = (): boolean => typeof navigator !== 'undefined' && /Macintosh|Mac OS X|iPhone|iPad/.test(navigator.userAgent);
