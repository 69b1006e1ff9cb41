/**
 * Finding things again by name: the stages and lanes of a workbook among those of the map it came from (a name
 * that changed at the same place is a rename), and the lane and stage a row of the Cards sheet names. Pure.
 */
import type { MapImportProblem } from '../../../../api/mapImports.ts';
import type { CardsRow } from './cardsSheet.ts';
import { flatText } from './lines.ts';
import type { SheetCard } from './reconcile.ts';

const norm = (name: string): string => name.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * For each name of `wanted` (in order), the index of the name of `have` it is, or null: the same name first
 * (then the same whatever the case and spaces), each used once, in order; then, between two names found (or
 * before the first, after the last), the names left over on both sides are paired in order: renamed.
 */
export function matchInOrder(wanted: readonly string[], have: readonly string[]): { match: (number | null)[]; renamed: Set<number> } {
  const match: (number | null)[] = wanted.map(() => null);
  const used = new Set<number>();
  for (const same of [(a: string, b: string) => a === b, (a: string, b: string) => norm(a) === norm(b)]) {
    wanted.forEach((w, i) => {
      if (match[i] !== null) return;
      const at = have.findIndex((h, j) => !used.has(j) && same(w, h));
      if (at >= 0) {
        match[i] = at;
        used.add(at);
      }
    });
  }
  const renamed = new Set<number>();
  // Anchors in wanted's order; a gap is paired only where the anchors on both sides keep their order.
  let lastWanted = -1;
  let lastHave = -1;
  const pairGap = (endWanted: number, endHave: number) => {
    const left = Array.from({ length: endWanted - lastWanted - 1 }, (_, k) => lastWanted + 1 + k).filter((i) => match[i] === null);
    const right = Array.from({ length: Math.max(0, endHave - lastHave - 1) }, (_, k) => lastHave + 1 + k).filter((j) => !used.has(j));
    left.forEach((i, k) => {
      const j = right[k];
      if (j === undefined) return;
      match[i] = j;
      used.add(j);
      renamed.add(i);
    });
  };
  for (let i = 0; i <= wanted.length; i++) {
    const j = i === wanted.length ? have.length : match[i];
    if (j === null || j === undefined || renamed.has(i)) continue;
    if (j > lastHave) pairGap(i, j);
    lastWanted = i;
    lastHave = Math.max(lastHave, j);
  }
  return { match, renamed };
}

/** A lane or stage a Cards row may name: its key, its names (the workbook's first, then the map's), and whether it holds cards. */
export interface Named {
  key: string;
  names: string[];
  holdsCards: boolean;
  /** How a message calls it ("an emotion lane"). */
  kind: string;
}

/**
 * Each Cards row's cell: the lane and stage it names (the card's own, when it names them still, else the first
 * of that name); a row whose names are no lane or stage of the grid goes to the one cell of the grid that shows
 * its text, if there is one. Rows that cannot be placed are problems.
 */
export function placeCards(
  rows: readonly CardsRow[],
  lanes: readonly Named[],
  stages: readonly Named[],
  lineCells: ReadonlyMap<string, string[]>,
  own: (id: string) => { lane: string; stage: string } | null,
): { cards: SheetCard[]; problems: MapImportProblem[] } {
  const problems: MapImportProblem[] = [];
  const cards: SheetCard[] = [];
  const find = (list: readonly Named[], name: string, prefer: string | undefined): Named | undefined => {
    const hits = list.filter((n) => n.names.some((x) => norm(x) === norm(name)));
    return hits.find((n) => n.key === prefer) ?? hits.find((n) => norm(n.names[0] ?? '') === norm(name)) ?? hits[0];
  };
  for (const row of rows) {
    const mine = row.id === null ? null : own(row.id);
    const lane = find(lanes, row.lane, mine?.lane);
    const stage = find(stages, row.stage, mine?.stage);
    let key: string | null = lane !== undefined && stage !== undefined ? `${lane.key}\n${stage.key}` : null;
    if (key === null) {
      const shown = lineCells.get(flatText(row.text)) ?? [];
      if (shown.length === 1) key = shown[0] ?? null;
      else if (lane === undefined) problems.push({ cell: row.at('Lane'), message: `“${row.lane.slice(0, 60)}” is not a lane of the map’s grid: name one of its lanes, or delete the row.` });
      else problems.push({ cell: row.at('Stage'), message: `“${row.stage.slice(0, 60)}” is not a stage of the map’s grid: name one of its stages, or delete the row.` });
    }
    if (key === null) continue;
    const laneKey = key.slice(0, key.indexOf('\n'));
    const target = lanes.find((l) => l.key === laneKey);
    if (target !== undefined && !target.holdsCards) {
      problems.push({ cell: row.at('Lane'), message: `The lane “${target.names[0] ?? ''}” is ${target.kind} lane, which holds no cards: choose a kind of lane that holds cards, or delete the row.` });
      continue;
    }
    cards.push({ id: row.id, key, text: row.text, color: row.color, channel: row.channel, evidence: row.evidence, votes: row.votes, source: row.at('Text') });
  }
  return { cards, problems };
}
