/** A person's search text never reaches FTS5 as query syntax: no input is an error, and words mean words. */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ftsQuery, searchRowids } from '../../../electron/core/search.ts';
import { Workspace } from '../../../electron/core/workspace.ts';
import { tempDir } from './helpers.ts';

let dir: string;
let ws: Workspace;
const quoteText = (rowid: number) => ws.ctx.db.prepare('SELECT text FROM quotes WHERE rowid = ?').pluck().get(rowid) as string;
const search = (text: string) => searchRowids(ws.ctx.db, 'quotes_fts', text).map(quoteText);

beforeAll(() => {
  dir = tempDir();
  ws = Workspace.open(path.join(dir, 'w.waymark'), { sample: true });
  const interview = ws.ctx.db.prepare('SELECT id FROM interviews LIMIT 1').pluck().get() as string;
  const add = ws.ctx.db.prepare("INSERT INTO quotes (id, interview_id, text, created_at) VALUES (?, ?, ?, '2026-01-01')");
  add.run('q-near', interview, 'I was NEAR the checkout when it failed');
  add.run('q-dash', interview, 'The e-mail never came, so I gave up');
  add.run('q-quote', interview, 'She said "not again" and closed the app');
});
afterAll(() => {
  ws.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('full-text search of what people type', () => {
  it('quotes every word, and matches the last one as a prefix', () => {
    expect(ftsQuery('  ')).toBeNull();
    expect(ftsQuery('milk')).toBe('"milk"*');
    expect(ftsQuery('say "hi')).toBe('"say" "hi"*');
    expect(ftsQuery('e-mail NEAR(x)')).toBe('"e" "mail" "NEAR" "x"*');
    expect(ftsQuery('-- ** ()')).toBeNull();
  });

  it('finds what the words say, whatever FTS5 syntax they contain', () => {
    expect(search('milk')).toHaveLength(1);
    expect(search('mil')).toEqual(search('milk')); // prefix while typing
    expect(search('NEAR(checkout')).toEqual(['I was NEAR the checkout when it failed']);
    expect(search('e-mail')).toEqual(['The e-mail never came, so I gave up']);
    expect(search('"not again')).toEqual(['She said "not again" and closed the app']);
    expect(search('checkout OR milk')).toEqual([]); // OR is a word here, not an operator
    expect(search('text:checkout')).toEqual([]);
  });

  it('runs no query for text with no words, and finds nothing', () => {
    for (const text of ['', '   ', '-- ** ()', '"']) expect(searchRowids(ws.ctx.db, 'quotes_fts', text), JSON.stringify(text)).toEqual([]);
  });

  it('searches a long pasted passage by its first 32 words', () => {
    const words = Array.from({ length: 32 }, (_, i) => `word${String.fromCharCode(97 + (i % 26))}${i}`);
    const interview = ws.ctx.db.prepare('SELECT id FROM interviews LIMIT 1').pluck().get() as string;
    ws.ctx.db.prepare("INSERT INTO quotes (id, interview_id, text, created_at) VALUES ('q-long', ?, ?, '2026-01-01')").run(interview, words.join(' '));
    // The passage goes on past the quote: words 33 and after are not in it, and are not searched for.
    const pasted = `${words.join(' ')} and then the transcript went on about something else`;
    expect(ftsQuery(pasted)?.split(' ')).toHaveLength(32);
    expect(search(pasted)).toEqual([words.join(' ')]);
  });

  it('never fails, for any text at all', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('"', '*', '-', '^', ':', '(', ')', 'NEAR', 'AND', 'OR', 'NOT', ' ', 'a', 'é', '𝒳', '\u0000', '+', '{', '}') , maxLength: 40 }), (text) => {
        expect(() => search(text)).not.toThrow();
      }),
      { numRuns: 500, seed: 8 },
    );
  });
});
