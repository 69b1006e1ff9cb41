/** The pieces every operation's input schema is made of: ids, text with limits, colours, places, deletions. */
import { z } from 'zod';

/** Length limits for text, in characters. */
export const LIMITS = {
  title: 200,
  name: 120,
  shortText: 500,
  cardText: 4000,
  description: 10_000,
  color: 32,
} as const;

export const EMOTION_BOUNDS = { min: -10, max: 10 } as const;

/** A stored persona picture is at most 512 px on its long side; 4 MB of base64 leaves room for any such file. */
export const PICTURE_BASE64_MAX = 4 * 1024 * 1024;

export const id = z.string().min(1, 'is required').max(64, 'is too long').regex(/^[A-Za-z0-9_-]+$/, 'is not a valid id');
/** Characters as people count them (code points): 2,000 emoji are 2,000 characters, not 4,000 UTF-16 units. */
export function characterCount(value: string): number {
  let n = 0;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff || i + 1 === value.length) n++;
    else {
      const next = value.charCodeAt(i + 1);
      n++;
      if (next >= 0xdc00 && next <= 0xdfff) i++;
    }
  }
  return n;
}
export const text = (max: number) =>
  z.string().refine((v) => v.length <= max || characterCount(v) <= max, { message: `must be at most ${max} characters` });
export const nonBlank = (max: number) => text(max).trim().min(1, 'must not be empty');
export const color = z
  .string()
  .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #ffcc00')
  .nullable();
export const index = z.number().int('must be a whole number').min(0, 'must not be negative');

/**
 * Where an item goes among its siblings: `after` a sibling (null: first), `before` one (null: last), or at an
 * `index` among them as they are now. Naming a neighbour survives other people's edits; at most one is given,
 * and none means last.
 */
export const place = {
  index: index.optional(),
  after: id.nullable().optional(),
  before: id.nullable().optional(),
};
export const onePlace = (v: { index?: unknown; after?: unknown; before?: unknown }) =>
  [v.index, v.after, v.before].filter((x) => x !== undefined).length <= 1;
export const ONE_PLACE = { message: 'give at most one of index, after and before', path: ['index'] };

/** Optional client-chosen id under which a delete keeps what it removed, for undo (`tombstones.restore`). */
export const deletion = z.object({ id, tombstone: id.optional() }).strict();

