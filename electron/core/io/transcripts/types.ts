/**
 * What the transcript parsers return. Pure data: the parsers run in the engine (imports) and in the renderer
 * (previews before anything is written), so nothing here may touch the file system or Node.
 */

export type TranscriptFormat = 'vtt' | 'srt' | 'text' | 'markdown';

/** One turn of talk: who spoke (null when the file does not say), when (seconds, null when unknown), what. */
export interface Turn {
  speaker: string | null;
  start: number | null;
  end: number | null;
  text: string;
}

export type ParseResult =
  | { ok: true; format: TranscriptFormat; turns: Turn[]; warnings: string[] }
  | { ok: false; line: number; message: string };

export interface ParseHint {
  fileName?: string;
  format?: TranscriptFormat;
}

/** A timed block of a caption file (a WebVTT or SRT cue), before speakers are read from its text. */
export interface Cue {
  id: string;
  start: number;
  end: number;
  /** The cue's text exactly as the file holds it (tags and character references untouched). */
  text: string;
  /** The line (1-based) of the cue's timing line. */
  line: number;
}

/** Raised inside a parser for a file that cannot be read at all; parseTranscript turns it into ok:false. */
export class TranscriptRefusal extends Error {
  readonly line: number;
  constructor(line: number, message: string) {
    super(message);
    this.line = line;
  }
}

/** Collects warnings, keeping the list short enough to show to a person. */
export class Warnings {
  static readonly LIMIT = 50;
  readonly list: string[] = [];
  private dropped = 0;
  add(message: string): void {
    if (this.list.length < Warnings.LIMIT) this.list.push(message);
    else this.dropped++;
  }
  done(): string[] {
    return this.dropped === 0 ? this.list : [...this.list, `… and ${this.dropped} more warnings like these.`];
  }
}
