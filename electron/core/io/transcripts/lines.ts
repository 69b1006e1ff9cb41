/** Line handling shared by every format: the WebVTT specification's rules, which suit SRT and text as well. */

/** Splits on CRLF, then on any lone CR or LF (WebVTT parser, step 1): line i of the result is line i+1 of the file. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}

/** The number of the file's last line (a final line break does not start another line). */
export function lastLine(text: string): number {
  const lines = splitLines(text);
  return lines.length > 1 && lines.at(-1) === '' ? lines.length - 1 : lines.length;
}

/** Drops one leading U+FEFF byte order mark. */
export function stripBom(text: string): string {
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

/** The 1-based line that holds the character at `offset`. */
export function lineAt(text: string, offset: number): number {
  return splitLines(text.slice(0, offset)).length;
}

/** A line that holds nothing but spaces and tabs ends a block in SRT and plain text (WebVTT wants it truly empty). */
export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** Collapses runs of spaces, tabs and line breaks into one space and trims (no-break spaces are kept). */
export function squash(text: string): string {
  return text.replace(/[ \t\n\f\r]+/g, ' ').trim();
}

/** Quotes a line for a message, shortened so that a message stays readable. */
export function quote(line: string): string {
  const shown = line.length > 60 ? `${line.slice(0, 57)}…` : line;
  return `“${shown}”`;
}
