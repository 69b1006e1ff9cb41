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
  // Between two names found (in wanted's order), the names left on both sides; none where they cross.
  let lastWanted = -1;
  let lastHave = -1;
  for (const [i, j] of [...match, have.length].entries()) {
    if (j === null) continue;
    const left = wanted.map((_, k) => k).filter((k) => k > lastWanted && k < i && match[k] === null);
    const right = have.map((_, k) => k).filter((k) => k > lastHave && k < j && !used.has(k));
    left.forEach((k, n) => {
      const to = right[n];
      if (to === undefined) return;
      match[k] = to;
      renamed.add(k);
    });
    lastWanted = i;
    lastHave = Math.max(lastHave, j);
  }
  return { match, renamed };
}

/** A stage a Cards row may name: its key, its name in the workbook, and its names on the map before. */
export interface NamedStage {
  key: string;
  name: string;
  was: readonly string[];
}

/** A lane a Cards row may name, and whether it holds cards. */
export interface Named extends NamedStage {
  holdsCards: boolean;
  /** How a message calls it ("an emotion lane"). */
  kind: string;
}

/**
 * Each Cards row's cell: the lane and stage it names (the card's own, when it names them still; else the first
 * with that name in the workbook, then on the map before); a row whose names are no lane or stage goes to the
 * one cell of the grid that shows its text, if there is one. Rows that cannot be placed are problems.
 */
export function placeCards(
  rows: readonly CardsRow[],
  lanes: readonly Named[],
  stages: readonly NamedStage[],
  lineCells: ReadonlyMap<string, { lane: Named; stage: NamedStage }[]>,
  own: (id: string | null) => { lane: string; stage: string } | null,
): { cards: SheetCard[]; problems: MapImportProblem[] } {
  const problems: MapImportProblem[] = [];
  const cards: SheetCard[] = [];
  const find = <N extends NamedStage>(list: readonly N[], name: string, prefer: string | undefined): N | undefined => {
    const key = norm(name);
    const hits = list.filter((n) => norm(n.name) === key || n.was.some((x) => norm(x) === key));
    return hits.find((n) => n.key === prefer) ?? hits.find((n) => norm(n.name) === key) ?? hits[0];
  };
  for (const row of rows) {
    const mine = own(row.id);
    const lane = find(lanes, row.lane, mine?.lane);
    const stage = find(stages, row.stage, mine?.stage);
    let place = lane !== undefined && stage !== undefined ? { lane, stage } : undefined;
    if (place === undefined) {
      const shown = lineCells.get(flatText(row.text)) ?? [];
      place = shown.length === 1 ? shown[0] : undefined;
    }
    if (place === undefined) {
      if (lane === undefined) problems.push({ cell: row.at('Lane'), message: `“${row.lane.slice(0, 60)}” is not a lane of the map’s grid: name one of its lanes, or delete the row.` });
      else problems.push({ cell: row.at('Stage'), message: `“${row.stage.slice(0, 60)}” is not a stage of the map’s grid: name one of its stages, or delete the row.` });
      continue;
    }
    if (!place.lane.holdsCards) {
      problems.push({ cell: row.at('Lane'), message: `The lane “${place.lane.name}” is ${place.lane.kind} lane, which holds no cards: choose a kind of lane that holds cards, or delete the row.` });
      continue;
    }
    cards.push({ id: row.id, key: `${place.lane.key}\n${place.stage.key}`, text: row.text, color: row.color, channel: row.channel, evidence: row.evidence, votes: row.votes, source: row.at('Text') });
  }
  return { cards, problems };
}
