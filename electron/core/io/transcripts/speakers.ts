/**
 * Who is speaking, when a file says so in the text rather than in a WebVTT voice span: "Name: text" (Zoom,
 * most SRT and text transcripts), "[Name] text" (subtitles for the deaf and hard of hearing), and "- " dialogue
 * dashes (a new, unnamed speaker). And the one rule that turns many short cues into readable turns.
 */
import type { Turn } from './types.ts';

/** Words that open a line with a colon or sit in brackets but name no one. */
const NOT_NAMES = new Set([
  'note', 'notes', 'summary', 'agenda', 'action items', 'action item', 'todo', 'warning', 'tip', 'example', 'update',
  'date', 'time', 'location', 'duration', 'attendees', 'participants', 'topic', 'subject', 'title', 'transcript',
  'meeting', 're', 'fyi', 'ps', 'source', 'link', 'url', 'email', 'phone', 'tags', 'music', 'applause', 'laughter',
  'laughs', 'laughing', 'inaudible', 'crosstalk', 'silence', 'noise', 'background noise', 'foreign', 'sighs',
  'música', 'risas', 'musique', 'rires', 'applaudissements', 'musik', 'lachen',
]);

/** Lower-case words that belong inside names (van Gogh, da Silva, bin Salman). */
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'da', 'di', 'del', 'della', 'du', 'la', 'le', 'bin', 'al', 'ibn', 'y', 'of', 'the']);

/**
 * Whether `name` reads as a person's name or label ("Jane", "Dr. Ng", "Speaker 2", "SPEAKER_01", "李明"), not as the
 * start of a sentence that happens to hold a colon: at most four words, each starting with a capital (or a letter
 * of a script without capitals, or a digit after the first word), no sentence punctuation.
 */
export function isSpeakerName(name: string): boolean {
  if (name.length === 0 || name.length > 40 || name !== name.trim()) return false;
  if (/[?!,;:"“”„«»(){}<>[\]/\\|=+*#$%^~`]/.test(name)) return false;
  if (NOT_NAMES.has(name.toLowerCase())) return false;
  const words = name.split(/\s+/);
  if (words.length > 4) return false;
  return words.every((word, index) => {
    const first = word.charAt(0);
    if (/\p{Lu}/u.test(first)) return true;
    if (/\p{Lo}/u.test(first)) return true;
    if (index > 0 && /[0-9]/.test(first)) return true;
    return index > 0 && PARTICLES.has(word);
  });
}

export interface Prefix {
  name: string;
  rest: string;
}

/** "Name: text" or "Name:" alone, and "[Name] text" or "[Name]" alone, when the name reads as one. */
export function speakerPrefix(line: string): Prefix | null {
  const colon = /^([^:]{1,40}?)[ \t]*:(?:[ \t]+(.*))?$/.exec(line);
  if (colon !== null && isSpeakerName(colon[1] as string)) return { name: colon[1] as string, rest: (colon[2] ?? '').trim() };
  const bracket = /^\[([^\]]{1,40})\](?:[ \t]*:)?(?:[ \t]+(.*))?$/.exec(line);
  if (bracket !== null && isSpeakerName((bracket[1] as string).trim())) return { name: (bracket[1] as string).trim(), rest: (bracket[2] ?? '').trim() };
  return null;
}

/** A dialogue dash opening a line: "- Hi." or "-Hi." (but not "-5 degrees" or "---"). */
const DASH = /^[-‐–—](?:[ \t]+(?=\S)|(?=[\p{Lu}\p{Lo}¿¡"'«]))/u;

export interface Utterance {
  speaker: string | null;
  text: string;
}

/**
 * The utterances in a caption's lines: a line that opens with a speaker or a dialogue dash starts a new one,
 * any other line goes on with the one before. A bracketed label alone on the only line ("[Music]", "[Alba]")
 * is kept as text: it describes a sound more often than it names a speaker of nothing.
 */
export function captionUtterances(lines: string[]): Utterance[] {
  const utterances: Utterance[] = [];
  const meaningful = lines.map((l) => l.trim()).filter((l) => l !== '');
  for (const raw of meaningful) {
    const dash = DASH.exec(raw);
    const line = dash === null ? raw : raw.slice(dash[0].length);
    const prefix = meaningful.length === 1 && /^\[[^\]]*\]$/.test(line) ? null : speakerPrefix(line);
    const current = utterances.at(-1);
    if (prefix !== null) utterances.push({ speaker: prefix.name, text: prefix.rest });
    else if (dash !== null || current === undefined) utterances.push({ speaker: null, text: line });
    else current.text = current.text === '' ? line : `${current.text} ${line}`;
  }
  return utterances.filter((u) => u.text !== '' || u.speaker !== null);
}

/**
 * Consecutive turns of one named speaker become one turn (tools such as Microsoft Teams and Zoom cut a sentence
 * over several cues): the start of the first, the end of the last, texts joined. Turns without a speaker stay
 * apart, since nothing says they belong together.
 */
export function mergeTurns(turns: Turn[], joiner: string): Turn[] {
  const merged: Turn[] = [];
  for (const turn of turns) {
    const last = merged.at(-1);
    if (last !== undefined && turn.speaker !== null && turn.speaker === last.speaker) {
      last.text = last.text === '' ? turn.text : turn.text === '' ? last.text : `${last.text}${joiner}${turn.text}`;
      last.start ??= turn.start;
      last.end = turn.end ?? last.end;
      if (last.start !== null && last.end !== null && last.end < last.start) last.end = null;
    } else {
      merged.push({ ...turn });
    }
  }
  return merged.filter((t) => t.text !== '');
}
