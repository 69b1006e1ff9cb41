/**
 * SubRip (.srt): blocks of an index, a timing line `00:00:01,000 --> 00:00:04,000` and the text. There is no
 * specification, so the reader takes what SubRip writers produce: missing or wrong indexes, dots for commas,
 * hour-less times, extra blank lines, coordinates after the timing, a byte order mark.
 */
import { isBlank, lastLine, quote, splitLines, stripBom } from './lines.ts';
import { TranscriptRefusal, type Cue, type Warnings } from './types.ts';

const STAMP = String.raw`(?:(\d{1,3}):)?(\d{1,2}):(\d{1,2})(?:[,.](\d{1,3}))?`;
const TIMING = new RegExp(String.raw`^[ \t]*${STAMP}[ \t]*-->[ \t]*${STAMP}(?:[ \t].*)?$`);
const INDEX = /^[ \t]*\d+[ \t]*$/;

function seconds(h: string | undefined, m: string, s: string, ms: string | undefined): number | null {
  const minutes = Number(m);
  const secs = Number(s);
  if (minutes > 59 || secs > 59) return null;
  return Number(h ?? 0) * 3600 + minutes * 60 + secs + (ms === undefined ? 0 : Number(`0.${ms}`));
}

/** The start and end of an SRT timing line, or null when the line is not one. */
export function readSrtTiming(line: string): { start: number; end: number } | null {
  const m = TIMING.exec(line);
  if (m === null) return null;
  const start = seconds(m[1], m[2] as string, m[3] as string, m[4]);
  const end = seconds(m[5], m[6] as string, m[7] as string, m[8]);
  return start === null || end === null ? null : { start, end };
}

/** Whether lines[i] opens a subtitle block: a timing line, or an index with a timing line under it. */
function opensBlock(lines: string[], i: number): boolean {
  const line = lines[i] ?? '';
  return line.includes('-->') || (INDEX.test(line) && (lines[i + 1] ?? '').includes('-->'));
}

/** Looks like SRT: the first non-blank line is an index over a timing line, or a timing line itself. */
export function looksLikeSrt(text: string): boolean {
  const lines = splitLines(stripBom(text));
  const first = lines.findIndex((l) => !isBlank(l));
  if (first < 0) return false;
  const line = lines[first] as string;
  if (readSrtTiming(line) !== null) return true;
  return INDEX.test(line) && readSrtTiming(lines[first + 1] ?? '') !== null;
}

export function parseSrt(text: string, warnings: Warnings): Cue[] {
  const lines = splitLines(stripBom(text));
  const cues: Cue[] = [];
  let firstBad: number | null = null;
  let i = 0;
  while (i < lines.length) {
    if (isBlank(lines[i] as string)) {
      i++;
      continue;
    }
    if (!opensBlock(lines, i)) {
      const last = cues.at(-1);
      if (last === undefined) warnings.add(`Line ${i + 1}: ${quote(lines[i] as string)} comes before the first subtitle and is left out.`);
      else {
        warnings.add(`Line ${i + 1}: text after a blank line inside a subtitle; kept with the subtitle of line ${last.line}.`);
        last.text += `\n${lines[i] as string}`;
      }
      i++;
      continue;
    }
    const id = INDEX.test(lines[i] as string) ? (lines[i] as string).trim() : '';
    if (id !== '') i++;
    const timingLine = i + 1;
    const timing = readSrtTiming(lines[i] as string);
    const text: string[] = [];
    i++;
    while (i < lines.length && !isBlank(lines[i] as string) && !opensBlock(lines, i)) text.push(lines[i++] as string);
    if (timing === null) {
      firstBad ??= timingLine;
      warnings.add(`Line ${timingLine}: ${quote(lines[timingLine - 1] as string)} is not an SRT timing (like 00:00:01,000 --> 00:00:04,000); that subtitle is left out.`);
      continue;
    }
    cues.push({ id, start: timing.start, end: timing.end, text: text.join('\n'), line: timingLine });
  }
  if (cues.length === 0) {
    const last = lastLine(text);
    throw firstBad === null
      ? new TranscriptRefusal(last, `No subtitle found up to the last line (${last}): an SRT file holds blocks with a timing line such as 00:00:01,000 --> 00:00:04,000.`)
      : new TranscriptRefusal(firstBad, `No subtitle could be read: line ${firstBad} is not an SRT timing line (like 00:00:01,000 --> 00:00:04,000), and no other subtitle was found.`);
  }
  return cues;
}
