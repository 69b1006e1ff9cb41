/**
 * Copy and paste of cards, within a map and between maps of the same window. The system clipboard also
 * gets the cards' text (one per line), so they can be pasted into other programs.
 */
import type { Card } from '../../../electron/api/types.ts';

export type CardContent = Pick<Card, 'text' | 'color' | 'channel' | 'votes' | 'evidence'>;

let copied: readonly CardContent[] = [];

export function copyCards(cards: readonly Card[]): void {
  copied = cards.map(({ text, color, channel, votes, evidence }) => ({ text, color, channel, votes, evidence }));
  const text = cards.map((c) => c.text).join('\n');
  // Absent outside secure contexts, and may be refused: the in-window copy works regardless.
  const system = navigator.clipboard as Clipboard | undefined;
  if (system) void system.writeText(text).catch(() => undefined);
}

export function copiedCards(): readonly CardContent[] {
  return copied;
}
