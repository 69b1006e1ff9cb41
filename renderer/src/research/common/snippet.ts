/** Search snippets: the text between SNIPPET_MARK's characters is what the search found. */
import { SNIPPET_MARK } from '../../../../electron/api/types.ts';

export interface SnippetPart {
  text: string;
  marked: boolean;
}

/** Split a snippet into plain and matched parts, in order, leaving out empty parts and stray marks. */
export function snippetParts(snippet: string): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let marked = false;
  let text = '';
  const flush = () => {
    if (text !== '') parts.push({ text, marked });
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
