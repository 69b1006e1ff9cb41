/**
 * Plain-text and Markdown transcripts, as people and tools write them:
 *   Jane: text                       Name (00:01:23): text             [00:01:23] Name: text
 *   **Jane:** text                   00:01:23 Name   (alone, text below: Otter.ai, Google Meet)
 *   Speaker 1  0:03   (Otter.ai)     [Jane Doe] 11:02:09   (Zoom's saved transcript)
 * A paragraph without a speaker is a turn whose speaker is unknown. A blank line ends a turn.
 */
import { isBlank, splitLines, stripBom } from './lines.ts';
import { isSpeakerName, mergeTurns, speakerPrefix } from './speakers.ts';
import type { Turn } from './types.ts';
import { looseTimestamp } from './vtt.ts';

const TIME = String.raw`(?:\d{1,2}:)?\d{1,2}:\d{2}(?:[.,]\d{1,3})?`;
/** "[00:01:23] rest" or "(00:01:23) rest" or "00:01:23 rest". */
const TIME_FIRST = new RegExp(String.raw`^(?:\[(${TIME})\]|\((${TIME})\)|(${TIME}))(?:[ \t]+(.*))?$`);
/** "Name (00:01:23): text", "Name [00:01:23]", "Name 00:01:23", "[Name] 00:01:23". */
const NAME_THEN_TIME = new RegExp(String.raw`^(?:\[([^\]]{1,40})\]|([^\[\]():]{1,40}?))[ \t]*(?:\[(${TIME})\]|\((${TIME})\)|(${TIME}))[ \t]*(?::[ \t]*(.*))?$`);

type LineKind =
  | { kind: 'turn'; speaker: string | null; start: number | null; text: string }
  | { kind: 'header'; speaker: string | null; start: number | null }
  | { kind: 'text'; text: string };

function time(stamp: string | undefined): number | null {
  return stamp === undefined ? null : looseTimestamp(stamp);
}

/** What one (trimmed) line of a transcript is. */
export function classifyLine(line: string): LineKind {
  const label = /^\*\*([^*]{1,40}?)(?::\*\*|\*\*:)[ \t]*(.*)$/.exec(line);
  if (label !== null && isSpeakerName(label[1] as string)) {
    const text = (label[2] as string).trim();
    return text === '' ? { kind: 'header', speaker: label[1] as string, start: null } : { kind: 'turn', speaker: label[1] as string, start: null, text };
  }
  const timeFirst = TIME_FIRST.exec(line);
  if (timeFirst !== null) {
    const start = time(timeFirst[1] ?? timeFirst[2] ?? timeFirst[3]);
    const rest = (timeFirst[4] ?? '').trim();
    const bracketed = timeFirst[3] === undefined;
    if (start !== null) {
      if (rest === '') return { kind: 'header', speaker: null, start };
      const prefix = speakerPrefix(rest);
      if (prefix !== null) return prefix.rest === '' ? { kind: 'header', speaker: prefix.name, start } : { kind: 'turn', speaker: prefix.name, start, text: prefix.rest };
      if (isSpeakerName(rest)) return { kind: 'header', speaker: rest, start };
      if (bracketed) return { kind: 'turn', speaker: null, start, text: rest };
    }
  }
  const nameTime = NAME_THEN_TIME.exec(line);
  if (nameTime !== null) {
    const name = (nameTime[1] ?? nameTime[2] ?? '').trim();
    const start = time(nameTime[3] ?? nameTime[4] ?? nameTime[5]);
    if (isSpeakerName(name) && start !== null) {
      const text = (nameTime[6] ?? '').trim();
      return text === '' ? { kind: 'header', speaker: name, start } : { kind: 'turn', speaker: name, start, text };
    }
  }
  const prefix = speakerPrefix(line);
  if (prefix !== null) return prefix.rest === '' ? { kind: 'header', speaker: prefix.name, start: null } : { kind: 'turn', speaker: prefix.name, start: null, text: prefix.rest };
  return { kind: 'text', text: line };
}

/** Markdown's inline markup taken out, the text kept: emphasis, links, images' alt text, inline code. */
export function stripInlineMarkdown(line: string): string {
  return line
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/`([^`]*)`/g, '$1')
    .replace(/(\*\*|__)(?=\S)(.+?)(?<=\S)\1/g, '$2')
    .replace(/(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])/g, '$1')
    .replace(/(?<![\w_])_(?=\S)([^_]+?)(?<=\S)_(?![\w_])/g, '$1');
}

/** A Markdown line's block markup: heading marks, quote marks, list bullets; null for a rule (---). */
function stripBlockMarkdown(line: string): { text: string; heading: boolean } | null {
  if (/^(?:-[ \t]*){3,}$|^(?:\*[ \t]*){3,}$|^(?:_[ \t]*){3,}$/.test(line)) return null;
  const heading = /^#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?$/.exec(line);
  if (heading !== null) return { text: heading[1] as string, heading: true };
  return { text: line.replace(/^(?:>[ \t]?)+/, '').replace(/^(?:[-*+]|\d{1,3}[.)])[ \t]+/, ''), heading: false };
}

interface Header {
  speaker: string | null;
  start: number | null;
}

export function parsePlain(input: string, markdown: boolean): Turn[] {
  const turns: Turn[] = [];
  let current: Turn | null = null;
  /** A speaker or time line waiting for the text below it. */
  const pending: { header: Header | null } = { header: null };
  for (const raw of splitLines(stripBom(input))) {
    if (isBlank(raw)) {
      current = null;
      continue;
    }
    let line = raw.trim();
    let heading = false;
    if (markdown) {
      const block = stripBlockMarkdown(line);
      if (block === null) {
        current = null;
        continue;
      }
      heading = block.heading;
      line = block.text;
    }
    const kind = classifyLine(line);
    if (kind.kind === 'header') {
      const before = pending.header;
      pending.header = { speaker: kind.speaker ?? before?.speaker ?? null, start: kind.start ?? before?.start ?? null };
      current = null;
      continue;
    }
    const text = markdown ? stripInlineMarkdown(kind.text).trim() : kind.text;
    if (text === '') continue;
    if (kind.kind === 'turn') {
      current = { speaker: kind.speaker, start: kind.start ?? pending.header?.start ?? null, end: null, text };
      turns.push(current);
      pending.header = null;
    } else if (current !== null && !heading) {
      current.text += `\n${text}`;
    } else {
      current = { speaker: pending.header?.speaker ?? null, start: pending.header?.start ?? null, end: null, text };
      turns.push(current);
      pending.header = null;
    }
    if (heading) current = null;
  }
  return mergeTurns(turns, '\n');
}
