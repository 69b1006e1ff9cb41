/**
 * Search snippets (the quote board's rows, the interview list): the workspace marks the words it matched
 * between SNIPPET_MARK's private-use characters; here they become parts, marked or not, to draw as text and <mark>.
 */
import { SNIPPET_MARK } from '../../../../electron/api/types.ts';

export interface SnippetPart {
  text: string;
  marked: boolean;
}

/**
 * Split a marked snippet into parts. An unclosed mark runs to the end; a stray close mark is dropped;
 * empty parts are left out, and neighbouring parts of the same kind are joined.
 */
export function splitSnippet(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let marked = false;
  let text = '';
  const flush = () => {
    if (text === '') return;
    const last = parts.at(-1);
    if (last && last.marked === marked) last.text += text;
    else parts.push({ text, marked });
    text = '';
  };
  for (const ch of snippet) {
    if (ch === SNIPPET_MARK.open || ch === SNIPPET_MARK.close) {
      flush();
      marked = ch === SNIPPET_MARK.open;
    } else text += ch;
  }
  flush();
  return parts;
}

/** The snippet's words without marks (for an accessible name). */
export const plainSnippet = (snippet: string): string => splitSnippet(snippet).map((p) => p.text).join('');

/** The same split, under the name the interview list uses. */
export const snippetParts = splitSnippet;
