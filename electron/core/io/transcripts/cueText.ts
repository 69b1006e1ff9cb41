/**
 * WebVTT cue text, read by the specification's cue text parsing rules (https://www.w3.org/TR/webvtt1/#cue-text-parsing-rules)
 * down to what a transcript needs: the text, with character references decoded and every tag taken out, cut where
 * the voice (`<v Name>`, `<v.loud Name>`) changes. Class, italic, bold, underline, ruby, language and timestamp
 * tags only style the text, so only their text stays.
 */

export interface VoiceSegment {
  voice: string | null;
  text: string;
}

/** The start tags the specification knows; any other start tag is dropped, its text kept. */
const KNOWN = new Set(['c', 'i', 'b', 'u', 'ruby', 'rt', 'v', 'lang']);

/** Character references every WebVTT reader must know, plus the two HTML ones people type most. */
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', nbsp: '\u00A0', lrm: '\u200E', rlm: '\u200F', quot: '"', apos: "'" };
/** References HTML also reads without the closing semicolon. */
const LEGACY = new Set(['amp', 'lt', 'gt', 'nbsp', 'quot']);

const REFERENCE = /^&(?:#([0-9]{1,8});?|#[xX]([0-9a-fA-F]{1,6});?|([a-zA-Z]{2,6})(;?))/;

/** Decodes the character references in `text` (unknown ones are left as they are, as HTML does). */
export function decodeReferences(text: string): string {
  let out = '';
  let at = 0;
  while (at < text.length) {
    const amp = text.indexOf('&', at);
    if (amp < 0) break;
    out += text.slice(at, amp);
    const [decoded, length] = reference(text.slice(amp));
    out += decoded;
    at = amp + length;
  }
  return out + text.slice(at);
}

/** One reference at the start of `text`: what it stands for and how many characters it took. */
function reference(text: string): [string, number] {
  const match = REFERENCE.exec(text);
  if (match === null) return ['&', 1];
  const [whole, decimal, hex, name, semicolon] = match;
  if (decimal !== undefined || hex !== undefined) {
    const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex as string, 16);
    const valid = code > 0 && code <= 0x10ffff && (code < 0xd800 || code > 0xdfff);
    return [valid ? String.fromCodePoint(code) : '\uFFFD', whole.length];
  }
  const key = name as string;
  const value = Object.hasOwn(NAMED, key) ? NAMED[key] : undefined;
  if (value === undefined || (semicolon === '' && !LEGACY.has(key))) return ['&', 1];
  return [value, whole.length];
}

interface Tag {
  kind: 'start' | 'end';
  name: string;
  annotation: string;
}

/** Reads the tag that starts at text[at] === '<'; a tag left open runs to the end of the text, as the tokenizer says. */
function readTag(text: string, at: number): { tag: Tag; next: number } {
  const close = text.indexOf('>', at + 1);
  const next = close < 0 ? text.length : close + 1;
  const inside = text.slice(at + 1, close < 0 ? text.length : close);
  if (inside.startsWith('/')) return { tag: { kind: 'end', name: inside.slice(1), annotation: '' }, next };
  // A timestamp tag (<00:01.000>) reads as a start tag of no known name, and is dropped like one.
  const space = inside.search(/[ \t\n\f\r]/);
  const head = space < 0 ? inside : inside.slice(0, space);
  const annotation = space < 0 ? '' : decodeReferences(inside.slice(space + 1));
  const dot = head.indexOf('.');
  return { tag: { kind: 'start', name: dot < 0 ? head : head.slice(0, dot), annotation }, next };
}

/** The cue's text cut into runs by voice, tags removed and references decoded. Whitespace is kept as it was. */
export function cueSegments(text: string): VoiceSegment[] {
  const segments: VoiceSegment[] = [];
  const stack: { name: string; voice: string | null }[] = [];
  const voice = (): string | null => stack.at(-1)?.voice ?? null;
  const emit = (chunk: string): void => {
    if (chunk === '') return;
    const last = segments.at(-1);
    if (last !== undefined && last.voice === voice()) last.text += chunk;
    else segments.push({ voice: voice(), text: chunk });
  };
  let at = 0;
  while (at < text.length) {
    const lt = text.indexOf('<', at);
    if (lt < 0) break;
    emit(decodeReferences(text.slice(at, lt)));
    const { tag, next } = readTag(text, lt);
    at = next;
    if (tag.kind === 'start' && KNOWN.has(tag.name)) {
      if (tag.name === 'rt' && stack.at(-1)?.name !== 'ruby') continue;
      const name = tag.annotation.trim().replace(/[ \t\n\f\r]+/g, ' ');
      stack.push({ name: tag.name, voice: tag.name === 'v' ? name || null : voice() });
    } else if (tag.kind === 'end') {
      const top = stack.at(-1)?.name;
      if (top === tag.name) stack.pop();
      else if (tag.name === 'ruby' && top === 'rt') stack.splice(-2, 2);
    }
  }
  emit(decodeReferences(text.slice(at)));
  return segments;
}
