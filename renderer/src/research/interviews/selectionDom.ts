/**
 * From a DOM selection in the transcript to offsets in the interview's body. Each turn's text sits in an
 * element with `data-from` (where its text starts in the body) whose text content is exactly
 * body.slice(from, to); a point inside one is its `from` plus the characters before the point. A point
 * outside every turn's text (on a speaker's name, between turns) is taken to the start of the next turn's
 * text, or the end of the last one.
 */

function offsetInside(segment: HTMLElement, node: Node, offset: number): number {
  const range = document.createRange();
  range.setStart(segment, 0);
  range.setEnd(node, offset);
  return Number(segment.dataset.from) + range.toString().length;
}

/** The body offset of one end of a selection, or null when the point is not in `root`. */
export function bodyOffsetAt(root: HTMLElement, node: Node, offset: number): number | null {
  if (!root.contains(node)) return null;
  const element = node instanceof HTMLElement ? node : node.parentElement;
  const segment = element?.closest<HTMLElement>('[data-from]');
  if (segment && root.contains(segment)) return offsetInside(segment, node, offset);
  const segments = [...root.querySelectorAll<HTMLElement>('[data-from]')];
  const point = document.createRange();
  point.setStart(node, offset);
  for (const s of segments) if (point.comparePoint(s, 0) >= 0) return Number(s.dataset.from);
  const last = segments.at(-1);
  return last ? Number(last.dataset.to) : null;
}

/** The two body offsets of the selection, when both its ends are in `root` and it is not collapsed. */
export function selectedOffsets(root: HTMLElement, selection: Selection | null): [number, number] | null {
  if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
  const { anchorNode, anchorOffset, focusNode, focusOffset } = selection;
  if (!anchorNode || !focusNode) return null;
  const a = bodyOffsetAt(root, anchorNode, anchorOffset);
  const b = bodyOffsetAt(root, focusNode, focusOffset);
  return a === null || b === null ? null : [a, b];
}
