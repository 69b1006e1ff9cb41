/**
 * Snippet — a search snippet with the words the search found highlighted.
 * Props: `text` (a snippet marked with SNIPPET_MARK's characters, as interviews.list and quotes.search give it).
 */
import { snippetParts } from './snippet.ts';

export function Snippet({ text }: { text: string }) {
  return (
    <span className="snippet">
      {snippetParts(text).map((p, i) => (p.marked ? <mark key={i}>{p.text}</mark> : <span key={i}>{p.text}</span>))}
    </span>
  );
}
