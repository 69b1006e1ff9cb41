/** The board's snippets are split by the one splitter every research screen uses. */
export { plainSnippet, splitSnippet, type SnippetPart } from '../common/snippet.ts';
