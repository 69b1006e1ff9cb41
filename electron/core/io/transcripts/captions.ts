/** From timed cues (WebVTT or SRT) to turns: speakers read from voices or prefixes, captions' repeats removed. */
import { cueSegments } from './cueText.ts';
import { squash } from './lines.ts';
import { captionUtterances, mergeTurns, type Utterance } from './speakers.ts';
import type { Cue, Turn, Warnings } from './types.ts';

/** SubRip's own markup: <i>, <b>, <u>, <s>, <font …> and {\an8}-style positioning from SSA. */
export function stripSrtTags(text: string): string {
  return text.replace(/<\/?(?:i|b|u|s|font)(?:[ \t][^>]*)?>/gi, '').replace(/\{\\[^}]*\}/g, '');
}

/** The utterances of one cue and the plain lines they came from (for spotting roll-up repeats). */
function utterancesOf(cue: Cue, format: 'vtt' | 'srt'): { utterances: Utterance[]; plain: string[] | null } {
  if (format === 'srt') {
    const lines = stripSrtTags(cue.text).split('\n');
    return { utterances: captionUtterances(lines), plain: lines.map(squash).filter((l) => l !== '') };
  }
  const segments = cueSegments(cue.text);
  const voiced = segments.some((s) => s.voice !== null);
  const utterances = segments.flatMap((s) => (s.voice === null ? captionUtterances(s.text.split('\n')) : [{ speaker: s.voice, text: squash(s.text) }]));
  const plain = voiced ? null : segments.flatMap((s) => s.text.split('\n')).map(squash).filter((l) => l !== '');
  return { utterances, plain };
}

/**
 * Roll-up captions (YouTube's automatic ones, live captioning) repeat the line before at the top of each cue:
 * a cue that repeats the whole previous cue adds nothing, and a first line equal to the previous cue's last
 * line is dropped.
 */
function withoutRepeat(plain: string[], previous: string[] | null): string[] | 'repeat' {
  if (previous === null || previous.length === 0) return plain;
  if (plain.join('\n') === previous.join('\n')) return 'repeat';
  if (plain.length > 1 && plain[0] === previous.at(-1)) return plain.slice(1);
  return plain;
}

export function cuesToTurns(cues: Cue[], format: 'vtt' | 'srt', warnings: Warnings): Turn[] {
  const turns: Turn[] = [];
  let previous: string[] | null = null;
  for (const cue of cues) {
    let end: number | null = cue.end;
    if (cue.end < cue.start) {
      warnings.add(`Line ${cue.line}: the cue ends before it starts; its end time is left out.`);
      end = null;
    }
    const parts = utterancesOf(cue, format);
    const plain = parts.plain;
    let utterances = parts.utterances;
    if (plain !== null) {
      const kept = withoutRepeat(plain, previous);
      previous = plain;
      if (kept === 'repeat') {
        const last = turns.at(-1);
        if (last !== undefined && end !== null && last.start !== null && end >= last.start && (last.end === null || end > last.end)) last.end = end;
        continue;
      }
      if (kept.length < plain.length) utterances = captionUtterances(kept);
    } else {
      previous = null;
    }
    for (const u of utterances) turns.push({ speaker: u.speaker, start: cue.start, end, text: u.text });
  }
  return mergeTurns(turns, ' ');
}
