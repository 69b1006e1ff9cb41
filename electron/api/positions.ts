/**
 * Order within a parent (stages of a map, lanes of a map, cards of a cell, personas of a map) is a fractional
 * key: a string that sorts between its neighbours' keys in plain byte order (SQLite's BINARY collation and
 * JavaScript's `<` agree on it). Placing an item between two others writes that one row, never its
 * siblings, so two people placing items at once each get what they dropped.
 * Keys come from the `fractional-indexing` package; this module is the only one that makes them (the engine reaches
 * it through electron/core/positions.ts; the renderer, to show a move before the workspace answers, directly).
 */
import { generateKeyBetween, generateNKeysBetween } from 'fractional-indexing';

export interface Positioned {
  id: string;
  position: string;
}

/**
 * Where an item goes among its siblings. `after: X` right after X (null: first); `before: X` right before X
 * (null: last); `index: n` the n-th place among the siblings as they are now; nothing: last.
 * Naming a neighbour is what survives other people's edits: an index is only as good as the state it was
 * computed from.
 */
export type Place = { after: string | null } | { before: string | null } | { index: number } | Record<string, never>;

/** The place an operation's input names: `after`, `before` or `index`, or nothing (last); the engine and the renderer's guesses read it so. */
export function placeOf(input: { after?: string | null | undefined; before?: string | null | undefined; index?: number | undefined }): Place {
  if (input.after !== undefined) return { after: input.after };
  if (input.before !== undefined) return { before: input.before };
  if (input.index !== undefined) return { index: input.index };
  return {};
}

export class MissingNeighbour extends Error {
  readonly neighbourId: string;
  constructor(neighbourId: string) {
    super(`neighbour ${neighbourId} is not a sibling`);
    this.neighbourId = neighbourId;
  }
}

/** A key between two keys (either may be null for the open end). */
export function keyBetween(before: string | null, after: string | null): string {
  return generateKeyBetween(before, after);
}

/** `n` ascending keys for a parent's children, in order: what a new parent or a migration starts with. */
export function firstKeys(n: number): string[] {
  return generateNKeysBetween(null, null, n);
}

/**
 * The key for an item placed among `siblings` (sorted by key, not including the item itself).
 * Throws MissingNeighbour when the named neighbour is not among the siblings.
 */
export function keyFor(siblings: readonly Positioned[], place: Place): string {
  let at: number;
  if ('after' in place) {
    if (place.after === null) at = 0;
    else {
      const i = siblings.findIndex((s) => s.id === place.after);
      if (i < 0) throw new MissingNeighbour(place.after);
      at = i + 1;
    }
  } else if ('before' in place) {
    if (place.before === null) at = siblings.length;
    else {
      const i = siblings.findIndex((s) => s.id === place.before);
      if (i < 0) throw new MissingNeighbour(place.before);
      at = i;
    }
  } else if ('index' in place) {
    at = Math.max(0, Math.min(place.index, siblings.length));
  } else {
    at = siblings.length;
  }
  const lower = siblings[at - 1]?.position ?? null;
  // Siblings may share a key (an earlier version's restore could leave two on one): the upper bound is the first
  // key above the lower one, so a new key always sorts strictly between distinct neighbours. Sorted, none before
  // `at` is above it.
  let upper: string | null = null;
  for (let i = at; i < siblings.length; i++) {
    const key = (siblings[i] as Positioned).position;
    if (lower === null || key > lower) {
      upper = key;
      break;
    }
  }
  return keyBetween(lower, upper);
}

/**
 * A key for `position` that no sibling holds (`siblings` sorted by key): itself when free, else one just above
 * it, below the next key.
 */
export function freeKeyNear(siblings: readonly Positioned[], position: string): string {
  if (!siblings.some((s) => s.position === position)) return position;
  return keyBetween(position, siblings.find((s) => s.position > position)?.position ?? null);
}
