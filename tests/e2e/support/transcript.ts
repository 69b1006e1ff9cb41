/** The transcript on the Interviews screen, as a test reaches into it. */
import type { Page } from '@playwright/test';

/** The page point just inside the first or last character of `words` in the transcript (for a mouse drag). */
export async function pointIn(page: Page, words: string, end: 'start' | 'end'): Promise<{ x: number; y: number }> {
  return page.evaluate(
    ({ words, end }) => {
      for (const p of document.querySelectorAll<HTMLElement>('.transcript [data-from]')) {
        const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
        let text = '';
        const nodes: { node: Text; at: number }[] = [];
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          nodes.push({ node: n as Text, at: text.length });
          text += (n as Text).data;
        }
        const at = text.indexOf(words);
        if (at < 0) continue;
        const index = end === 'start' ? at : at + words.length - 1;
        const hit = nodes.filter((x) => x.at <= index).at(-1);
        if (!hit) break;
        const range = document.createRange();
        range.setStart(hit.node, index - hit.at);
        range.setEnd(hit.node, index - hit.at + 1);
        const box = range.getBoundingClientRect();
        return { x: end === 'start' ? box.left + 1 : box.right - 1, y: box.top + box.height / 2 };
      }
      throw new Error(`“${words}” is not in the transcript`);
    },
    { words, end },
  );
}
