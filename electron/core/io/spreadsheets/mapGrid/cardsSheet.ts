/**
 * The Cards sheet of a workbook Waymark exported (exports.workbook): a row per card — lane, stage, text,
 * colour, channel, evidence, votes, linked quotes and, last, the card's id — with a Map column first when the
 * workbook holds several maps. Its ids are how a workbook edited in Excel is matched back to the map it came
 * from: a row whose id is cleared is a new card, a row deleted is a card removed. Each cell is checked as
 * cards.update would check it; a problem names the sheet's cell ("Cards!D12"). Pure.
 */
import { characterCount, id as idSchema, LIMITS } from '../../../../api/fields.ts';
import type { MapImportProblem } from '../../../../api/mapImports.ts';
import { CHANNELS, EVIDENCE_STATUSES, type Channel, type EvidenceStatus } from '../../../../api/types.ts';
import { columnName } from '../export/cells.ts';
import { wholeNumber } from '../table.ts';
import type { GridRow } from '../types.ts';

export const CARDS_SHEET = 'Cards';
/** The Cards sheet's columns, as the export writes them (tableSheets.ts). */
export const CARDS_COLUMNS = ['Lane', 'Stage', 'Text', 'Colour', 'Channel', 'Evidence', 'Votes', 'Linked quotes', 'Card id'] as const;

export interface CardsRow {
  /** Its row in the Cards sheet, and the sheet's cell of each column (for messages). */
  row: number;
  at: (column: (typeof CARDS_COLUMNS)[number]) => string;
  /** null: a row without an id (a card added in Excel). */
  id: string | null;
  lane: string;
  stage: string;
  text: string;
  color: string | null;
  channel: Channel | null;
  evidence: EvidenceStatus;
  votes: number;
}

export interface CardsSheet {
  rows: CardsRow[];
  /** The maps the sheet's Map column names (several maps in one workbook), else []. */
  maps: string[];
  problems: MapImportProblem[];
}

const trimmedRow = (cells: readonly string[]): string[] => {
  const out = cells.map((c) => c.trim());
  while (out.at(-1) === '') out.pop();
  return out;
};

/** Whether a sheet's first row is the header of an exported Cards sheet; with or without its Map column. */
export function cardsHeader(rows: readonly GridRow[]): { withMap: boolean } | null {
  const header = rows[0];
  if (header === undefined) return null;
  const names = trimmedRow(header.cells);
  const same = (list: readonly string[]) => list.length === CARDS_COLUMNS.length && list.every((n, i) => n === CARDS_COLUMNS[i]);
  if (same(names)) return { withMap: false };
  if (names[0] === 'Map' && same(names.slice(1))) return { withMap: true };
  return null;
}

const isChannel = (v: string): v is Channel => (CHANNELS as readonly string[]).includes(v);
const isEvidence = (v: string): v is EvidenceStatus => (EVIDENCE_STATUSES as readonly string[]).includes(v);

/**
 * The cards of the sheet (of the map `mapTitle` only, when the sheet has a Map column), checked; null when the
 * sheet is not an exported Cards sheet.
 */
export function readCardsSheet(rows: readonly GridRow[] | undefined, mapTitle: string): CardsSheet | null {
  if (rows === undefined) return null;
  const header = cardsHeader(rows);
  if (header === null) return null;
  const shift = header.withMap ? 1 : 0;
  const problems: MapImportProblem[] = [];
  const out: CardsRow[] = [];
  const maps: string[] = [];
  const seen = new Map<string, number>();
  for (const r of rows.slice(1)) {
    // A row of a CSV may be shorter than the header.
    const value = (i: number) => (r.cells[i + shift] ?? '').trim();
    const at = (column: (typeof CARDS_COLUMNS)[number]) => `${CARDS_SHEET}!${columnName(CARDS_COLUMNS.indexOf(column) + shift)}${r.row}`;
    if (header.withMap) {
      const map = value(-1);
      if (map !== '' && !maps.includes(map)) maps.push(map);
      if (map.toLowerCase() !== mapTitle.toLowerCase()) continue;
    }
    const problem = (column: (typeof CARDS_COLUMNS)[number], message: string) => problems.push({ cell: at(column), message });
    const idText = value(8);
    let cardId: string | null = null;
    if (idText !== '') {
      if (!idSchema.safeParse(idText).success) problem('Card id', `“${idText.slice(0, 40)}” is not a card id Waymark wrote; empty the cell to add the row as a new card.`);
      else if (seen.has(idText)) problem('Card id', `The card id is on row ${seen.get(idText) ?? 0} too: a card can only be on one row.`);
      else {
        cardId = idText;
        seen.set(idText, r.row);
      }
    }
    // The text keeps its line breaks (a card may have several lines); only its ends are trimmed.
    const text = value(2).replace(/\r\n?/g, '\n');
    if (characterCount(text) > LIMITS.cardText) problem('Text', `The card’s text is ${characterCount(text).toLocaleString('en')} characters long; a card may have at most ${LIMITS.cardText.toLocaleString('en')}.`);
    const colorText = value(3);
    let color: string | null = null;
    if (colorText !== '') {
      if (!/^#?[0-9a-fA-F]{6}$/.test(colorText)) problem('Colour', `“${colorText.slice(0, 40)}” is not a colour: write it like #ffcc00, or leave the cell empty.`);
      else color = `#${colorText.replace('#', '').toLowerCase()}`;
    }
    const channelText = value(4).toLowerCase();
    let channel: Channel | null = null;
    if (channelText !== '') {
      if (isChannel(channelText)) channel = channelText;
      else problem('Channel', `“${value(4).slice(0, 40)}” is not a channel; a touchpoint’s channel is one of ${CHANNELS.join(', ')}, or none.`);
    }
    const evidenceText = value(5).toLowerCase();
    let evidence: EvidenceStatus = 'assumed';
    if (evidenceText !== '') {
      if (isEvidence(evidenceText)) evidence = evidenceText;
      else problem('Evidence', `“${value(5).slice(0, 40)}” is not an evidence status; a card is ${EVIDENCE_STATUSES.join(', ')}.`);
    }
    const votesText = value(6);
    let votes = 0;
    if (votesText !== '') {
      const plain = votesText.replace(/,(?=\d{3}\b)/g, '');
      const n = /^\d{1,7}$/.test(plain) ? Number(plain) : wholeNumber(plain);
      if (n === null || n < 0 || n > 1_000_000) problem('Votes', `“${votesText.slice(0, 40)}” is not a number of votes (a whole number from 0 to 1,000,000).`);
      else votes = n;
    }
    // A row that names no card at all (a note beside the table, a count left over) is no card.
    if (idText === '' && text === '' && value(0) === '' && value(1) === '') continue;
    out.push({ row: r.row, at, id: cardId, lane: value(0), stage: value(1), text, color, channel, evidence, votes });
  }
  return { rows: out, maps, problems };
}
