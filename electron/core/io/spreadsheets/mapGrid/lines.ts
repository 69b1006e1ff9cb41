/**
 * The cards in one cell of a grid: one per line. A bullet at a line's start is dropped ("•", "◦", "▪", "‣" with
 * or without a space after it; "-", "*", "–", "·" only with one, so "-5% price" stays as it is); the text is
 * kept otherwise, with its spaces folded. A card's votes may follow its text (" · 3 votes"), as Waymark's
 * workbook writes them, and a cell too full for Excel ends there in "… and N more cards (see the Cards sheet)",
 * a line that is no card. Pure.
 */

export interface CardLine {
  text: string;
  /** The votes written after the text (" · 3 votes"), else null. */
  votes: number | null;
}

export interface CellLines {
  lines: CardLine[];
  /** The cell ends in the export's "… and N more cards" line: it does not show all of its cards. */
  truncated: boolean;
}

const BULLET = /^(?:[•◦▪‣]\s*|[-*–·]\s+)/;
const VOTES = /\s+·\s+(\d{1,3}(?:,\d{3})*|\d+) votes?$/;
const MORE = /^… and [\d,]+ more cards? \(see the Cards sheet\)$/;

/** Text as one line of a cell shows it: line breaks and runs of spaces folded to one space, trimmed (as the export writes a card). */
export const flatText = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** The cards of a cell, line by line. */
export function cardLines(cell: string): CellLines {
  const lines: CardLine[] = [];
  let truncated = false;
  for (const raw of cell.split(/\r\n|\r|\n/)) {
    const line = flatText(raw);
    if (MORE.test(line)) {
      truncated = true;
      continue;
    }
    let text = flatText(line.replace(BULLET, ''));
    let count: number | null = null;
    const written = VOTES.exec(text);
    if (written !== null) {
      count = Number(written[0].replace(/\D/g, ''));
      text = text.slice(0, written.index);
    }
    if (text !== '') lines.push({ text, votes: count });
  }
  return { lines, truncated };
}
