/**
 * Transcript files in, turns out: WebVTT, SRT, plain text and Markdown. Pure: no I/O and no Node built-ins, so
 * the renderer can preview an import with the very code the engine uses to store it.
 *
 *   parseTranscript(text, { fileName: 'interview.vtt' })
 *     → { ok: true, format: 'vtt', turns: [{ speaker: 'Jane', start: 1.2, end: 4.5, text: 'Hello' }], warnings: [] }
 *     → { ok: false, line: 1, message: 'Line 1 is “1”, but a WebVTT file must start with the word WEBVTT. …' }
 */
import { cuesToTurns } from './captions.ts';
import { lastLine, lineAt, stripBom } from './lines.ts';
import { parsePlain } from './plain.ts';
import { looksLikeSrt, parseSrt } from './srt.ts';
import { TranscriptRefusal, Warnings, type ParseHint, type ParseResult, type TranscriptFormat, type Turn } from './types.ts';
import { hasVttSignature, parseWebVtt } from './vtt.ts';

export type { ParseHint, ParseResult, TranscriptFormat, Turn } from './types.ts';

/** More text than any interview transcript holds (a ten-hour WebVTT file is about 2 MB). */
export const MAX_TEXT_LENGTH = 20 * 1024 * 1024;

const EXTENSIONS: Record<string, TranscriptFormat> = { vtt: 'vtt', webvtt: 'vtt', srt: 'srt', txt: 'text', text: 'text', md: 'markdown', markdown: 'markdown' };

function extension(fileName: string | undefined): TranscriptFormat | null {
  const match = /\.([A-Za-z]+)$/.exec(fileName ?? '');
  const key = match === null ? '' : (match[1] as string).toLowerCase();
  return Object.hasOwn(EXTENSIONS, key) ? (EXTENSIONS[key] as TranscriptFormat) : null;
}

/** The format a hint or a file name asks for, else the one the content shows. */
export function detectFormat(text: string, hint: ParseHint = {}): TranscriptFormat {
  if (hint.format !== undefined) return hint.format;
  const named = extension(hint.fileName);
  if (named === 'vtt' || named === 'srt') return named;
  if (hasVttSignature(text)) return 'vtt';
  if (looksLikeSrt(text)) return 'srt';
  if (named !== null) return named;
  return /^#{1,6}[ \t]|^\*\*[^*\n]+\*\*/m.test(text) ? 'markdown' : 'text';
}

/** Control characters other than tab, line breaks, vertical tab and form feed, and U+FFFD (what a decoder makes of bad bytes). */
function isNotText(code: number): boolean {
  return (code < 0x20 && (code < 0x09 || code > 0x0d)) || code === 0x7f || code === 0xfffd;
}

/** Refusals that hold for every format: too big, binary, empty. */
function refuseUnreadable(text: string): { line: number; message: string } | null {
  if (text.length > MAX_TEXT_LENGTH) {
    return {
      line: lineAt(text, MAX_TEXT_LENGTH),
      message: `This file holds more than 20 MB of text (the limit is passed on line ${lineAt(text, MAX_TEXT_LENGTH)}); a transcript is far smaller. Split it, or check that it is the right file.`,
    };
  }
  const nul = text.indexOf('\0');
  if (nul >= 0) {
    const line = lineAt(text, nul);
    return { line, message: `Line ${line} holds a NUL character: this is a binary file, or text saved as UTF-16, not a transcript. Save it as UTF-8 text and try again.` };
  }
  const sample = Math.min(text.length, 65_536);
  let odd = 0;
  let firstOdd = -1;
  for (let i = 0; i < sample; i++) {
    if (isNotText(text.charCodeAt(i))) {
      odd++;
      if (firstOdd < 0) firstOdd = i;
    }
  }
  if (odd * 10 > sample) {
    const line = lineAt(text, firstOdd);
    return { line, message: `From line ${line} on, this file is mostly characters that are not text: it looks like a binary file (a document, audio or an archive), not a transcript.` };
  }
  if (stripBom(text).trim() === '') return { line: 1, message: 'The file is empty: there is no transcript in it.' };
  return null;
}

function vttTurns(text: string, fileName: string | undefined, warnings: Warnings): Turn[] {
  let result;
  try {
    result = parseWebVtt(text, { lenient: true });
  } catch (error) {
    if (!(error instanceof TranscriptRefusal)) throw error;
    const what = fileName === undefined ? 'This file was read as WebVTT' : `${fileName} is named as a WebVTT file`;
    const srt = looksLikeSrt(text) ? ' It looks like SRT (SubRip): rename it to .srt.' : '';
    throw new TranscriptRefusal(error.line, `${what}, but it has no WEBVTT signature. ${error.message}${srt}`);
  }
  for (const bad of result.badTimings) warnings.add(`Line ${bad.line}: the cue timing “${bad.text.trim().slice(0, 60)}” cannot be read (it should look like 00:01.000 --> 00:04.000); that cue is left out.`);
  if (result.lenientLines.length > 0) {
    warnings.add(`Line ${result.lenientLines[0] as number}${result.lenientLines.length > 1 ? ` and ${result.lenientLines.length - 1} more` : ''}: timings not written the WebVTT way (hh:mm:ss.ttt), read anyway.`);
  }
  if (result.cues.length === 0) {
    const bad = result.badTimings[0];
    if (bad !== undefined) throw new TranscriptRefusal(bad.line, `No cue could be read: line ${bad.line} has a timing that is not WebVTT (like 00:01.000 --> 00:04.000), and no other cue was found.`);
    const last = lastLine(text);
    throw new TranscriptRefusal(last, `This WebVTT file has no cue up to its last line (${last}): a cue is a timing line such as 00:00:01.000 --> 00:00:04.000 followed by its text.`);
  }
  return cuesToTurns(result.cues, 'vtt', warnings);
}

/**
 * Reads a transcript. Never throws: a file that is not a transcript gives `ok: false` with the line where it went
 * wrong and a message for a person. Recoverable problems (a cue with a broken timing) are warnings.
 */
export function parseTranscript(text: string, hint: ParseHint = {}): ParseResult {
  try {
    const refusal = refuseUnreadable(text);
    if (refusal !== null) return { ok: false, ...refusal };
    const format = detectFormat(text, hint);
    const warnings = new Warnings();
    let turns: Turn[];
    if (format === 'vtt') turns = vttTurns(text, hint.fileName, warnings);
    else if (format === 'srt') turns = cuesToTurns(parseSrt(text, warnings), 'srt', warnings);
    else turns = parsePlain(text, format === 'markdown');
    if (turns.length === 0) {
      const last = lastLine(text);
      return { ok: false, line: last, message: `Nothing to read up to the last line (${last}): every cue or paragraph of this file is empty.` };
    }
    return { ok: true, format, turns, warnings: warnings.done() };
  } catch (error) {
    if (error instanceof TranscriptRefusal) return { ok: false, line: error.line, message: error.message };
    return { ok: false, line: 1, message: `This file could not be read as a transcript (${String(error)}).` };
  }
}
