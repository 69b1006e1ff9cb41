/**
 * WebVTT, read by the W3C specification's parser algorithm (https://www.w3.org/TR/webvtt1/#file-parsing):
 * the signature, the header, blocks collected line by line, cue timings with or without hours, settings ignored.
 * Only a missing signature is fatal, as in the specification; a cue whose timings cannot be read is dropped.
 *
 * STYLE, REGION and NOTE blocks need no code of their own: the algorithm keeps only blocks with a timing line
 * on their first or second line, so those blocks fall away by themselves — also after the first cue.
 */
import { splitLines, stripBom, quote } from './lines.ts';
import { TranscriptRefusal, type Cue } from './types.ts';

export interface VttOptions {
  /**
   * Also read timestamps the specification rejects but real tools write: Microsoft Teams once wrote
   * `0:0:0.0 --> 0:0:0.570`, other tools a comma or no milliseconds. Off: exactly the specification.
   */
  lenient?: boolean;
}

export interface VttResult {
  cues: Cue[];
  /** Timing lines that could not be read (their cue is dropped), 1-based line and the line itself. */
  badTimings: { line: number; text: string }[];
  /** Timing lines read only by the lenient rules. */
  lenientLines: number[];
}

const SIGNATURE = /^WEBVTT(?:[ \t]|$)/;

export function hasVttSignature(text: string): boolean {
  return SIGNATURE.test(splitLines(stripBom(text).slice(0, 1024))[0] as string);
}

export function parseWebVtt(input: string, options: VttOptions = {}): VttResult {
  const lines = splitLines(stripBom(input).replace(/\0/g, '\uFFFD'));
  const first = lines[0] ?? '';
  if (!SIGNATURE.test(first)) {
    throw new TranscriptRefusal(
      1,
      first.trim() === ''
        ? 'Line 1 is empty, but a WebVTT file must start with the word WEBVTT.'
        : `Line 1 is ${quote(first)}, but a WebVTT file must start with the word WEBVTT.`,
    );
  }
  const result: VttResult = { cues: [], badTimings: [], lenientLines: [] };
  // The header: everything up to the first empty line, unless a timing line comes first. Then block after block;
  // an empty line is a block of nothing, as "collect a sequence of LF" makes it.
  let position = collectBlock(lines, 1, true, options, result);
  while (position < lines.length) position = collectBlock(lines, position, false, options, result);
  return result;
}

/** "Collect a WebVTT block": returns the index of the first line after the block. */
function collectBlock(lines: string[], start: number, inHeader: boolean, options: VttOptions, result: VttResult): number {
  let position = start;
  let previous = start;
  let lineCount = 0;
  let buffer = '';
  let seenArrow = false;
  let cue: Cue | null = null;
  while (position < lines.length) {
    const line = lines[position] as string;
    position++;
    lineCount++;
    if (line.includes('-->')) {
      if (!inHeader && (lineCount === 1 || (lineCount === 2 && !seenArrow))) {
        seenArrow = true;
        previous = position;
        const timings = readTimings(line, options);
        if (timings === null) {
          cue = null;
          result.badTimings.push({ line: position, text: line });
        } else {
          if (timings.lenient) result.lenientLines.push(position);
          cue = { id: buffer, start: timings.start, end: timings.end, text: '', line: position };
          buffer = '';
        }
      } else {
        position = previous;
        break;
      }
    } else if (line === '') {
      break;
    } else {
      if (buffer !== '') buffer += '\n';
      buffer += line;
      previous = position;
    }
  }
  if (cue !== null) {
    cue.text = buffer;
    result.cues.push(cue);
  }
  return position;
}

/** "Collect WebVTT cue timings and settings"; the settings after the end time are ignored. */
function readTimings(line: string, options: VttOptions): { start: number; end: number; lenient: boolean } | null {
  const scanner = { text: line, at: 0 };
  skipWhitespace(scanner);
  const start = readTimestamp(scanner);
  if (start !== null) {
    skipWhitespace(scanner);
    if (line.startsWith('-->', scanner.at)) {
      scanner.at += 3;
      skipWhitespace(scanner);
      const end = readTimestamp(scanner);
      if (end !== null) return { start, end, lenient: false };
    }
  }
  if (options.lenient !== true) return null;
  const loose = LOOSE_TIMINGS.exec(line);
  if (loose === null) return null;
  const looseStart = looseTimestamp(loose[1] as string);
  const looseEnd = looseTimestamp(loose[2] as string);
  return looseStart === null || looseEnd === null ? null : { start: looseStart, end: looseEnd, lenient: true };
}

interface Scanner {
  text: string;
  at: number;
}

/** Advances over what `sticky` matches at the scanner's place and returns it. */
function collect(s: Scanner, sticky: RegExp): string {
  sticky.lastIndex = s.at;
  const match = (sticky.exec(s.text) as RegExpExecArray)[0];
  s.at += match.length;
  return match;
}

/** WebVTT whitespace: tab, line feed, form feed, carriage return, space. */
function skipWhitespace(s: Scanner): void {
  collect(s, /[\t\n\f\r ]*/y);
}

function digits(s: Scanner): string {
  return collect(s, /[0-9]*/y);
}

/** "Collect a WebVTT timestamp": [hh:]mm:ss.ttt, hours with two or more digits, minutes and seconds 00–59. */
export function readTimestamp(s: Scanner): number | null {
  let hoursFirst = false;
  const first = digits(s);
  if (first === '') return null;
  if (first.length !== 2 || Number(first) > 59) hoursFirst = true;
  if (s.text[s.at] !== ':') return null;
  s.at++;
  const second = digits(s);
  if (second.length !== 2) return null;
  let hours: number;
  let minutes: number;
  let seconds: number;
  if (hoursFirst || s.text[s.at] === ':') {
    if (s.text[s.at] !== ':') return null;
    s.at++;
    const third = digits(s);
    if (third.length !== 2) return null;
    hours = Number(first);
    minutes = Number(second);
    seconds = Number(third);
  } else {
    hours = 0;
    minutes = Number(first);
    seconds = Number(second);
  }
  if (s.text[s.at] !== '.') return null;
  s.at++;
  const fraction = digits(s);
  if (fraction.length !== 3) return null;
  if (minutes > 59 || seconds > 59) return null;
  return hours * 3600 + minutes * 60 + seconds + Number(fraction) / 1000;
}

const LOOSE_STAMP = String.raw`(?:\d+:)?\d{1,2}:\d{1,2}(?:[.,]\d{1,3})?`;
const LOOSE_TIMINGS = new RegExp(String.raw`^[ \t\f]*(${LOOSE_STAMP})[ \t\f]*-->[ \t\f]*(${LOOSE_STAMP})(?:[ \t\f]|$)`);

/** h:m:s[.f] or m:s[.f] with one or two digits per part and a dot or comma; minutes and seconds 0–59. */
export function looseTimestamp(stamp: string): number | null {
  const [clock = '', fraction = ''] = stamp.split(/[.,]/);
  const parts = clock.split(':').map(Number);
  const seconds = parts.pop() ?? 0;
  const minutes = parts.pop() ?? 0;
  const hours = parts.pop() ?? 0;
  if (minutes > 59 || seconds > 59) return null;
  return hours * 3600 + minutes * 60 + seconds + (fraction === '' ? 0 : Number(`0.${fraction}`));
}
