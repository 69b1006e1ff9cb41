/**
 * The JSON parser map bundles are read with: it reads what JSON.parse reads, to the same values, with no
 * recursion (deep nesting is refused at the limit, quickly), objects without prototypes, and no prototype
 * keys or keys given twice; a refusal names its line, column and place in the document.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FORBIDDEN_KEYS, parseJson, pathText, type JsonRead } from '../../../electron/core/io/bundles/json.ts';
import { propertyRun } from '../properties/fuzzHarness.ts';

const refusalOf = (text: string, depth = 8): Extract<JsonRead, { ok: false }> => {
  const read = parseJson(text, depth);
  if (read.ok) throw new Error(`accepted ${text}`);
  return read;
};
const valueOf = (text: string, depth = 8): unknown => {
  const read = parseJson(text, depth);
  if (!read.ok) throw new Error(`refused ${text}: ${read.message}`);
  return read.value;
};

describe('parseJson', () => {
  it('reads every kind of value as JSON.parse does', () => {
    const text = ' {"a": [1, -2.5e3, 0, -0, 1E+2, 3e-1, 1200, 12.345, -0.5, 10E-12, true, false, null, "", "x"], "b": {"c": {}}, "d": [], "e": "\\"\\\\\\/\\b\\f\\n\\r\\t\\u00e9\\uD83D\\uDE00 ok"} ';
    expect(valueOf(text)).toEqual(JSON.parse(text));
    expect(JSON.stringify(valueOf(text))).toBe(JSON.stringify(JSON.parse(text)));
    expect(Object.is((valueOf('[-0]') as number[])[0], -0)).toBe(true);
    expect(valueOf('"plain text"')).toBe('plain text');
    expect(valueOf('\t\r\n 42 \n')).toBe(42);
    expect(valueOf('1e400')).toBe(Infinity);
  });

  it('builds objects without a prototype, so a key never reaches Object.prototype', () => {
    const value = valueOf('{"a": {"b": 1}, "toString": 2, "hasOwnProperty": 3}') as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(null);
    expect(Object.getPrototypeOf(value.a)).toBe(null);
    expect(Object.entries(value)).toEqual([
      ['a', { b: 1 }],
      ['toString', 2],
      ['hasOwnProperty', 3],
    ]);
    expect(Array.isArray(valueOf('[[1]]'))).toBe(true);
  });

  it('refuses __proto__, constructor and prototype anywhere, naming where', () => {
    expect([...FORBIDDEN_KEYS].sort()).toEqual(['__proto__', 'constructor', 'prototype']);
    const root = refusalOf('{"__proto__": {"polluted": true}}');
    expect(root).toEqual({ ok: false, message: 'the field name “__proto__” is not allowed in a bundle', path: '__proto__', line: 1, column: 2, cut: false });
    const deep = refusalOf('{"cards": [{"id": "a"}, {"id": "b",\n "constructor": 1}]}');
    expect(deep).toMatchObject({ message: 'the field name “constructor” is not allowed in a bundle', path: 'cards[1].constructor', line: 2, column: 2 });
    expect(refusalOf('[{"prototype": null}]').path).toBe('[0].prototype');
    // Written with an escape, it is the same key.
    expect(refusalOf('{"\\u005f_proto__": 1}').message).toBe('the field name “__proto__” is not allowed in a bundle');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses a key given twice (JSON.parse would keep the last silently)', () => {
    expect(refusalOf('{"map": {"title": "a", "title": "b"}}')).toMatchObject({ message: 'the field “title” is given twice', path: 'map.title', column: 24 });
  });

  it('refuses nesting past the limit at the limit, without reading on: a 100,000-deep [[[[ too', () => {
    expect(valueOf('[[[]]]', 3)).toEqual([[[]]]);
    expect(valueOf('{"a": {"b": []}}', 3)).toEqual({ a: { b: [] } });
    expect(refusalOf('[[[[]]]]', 3)).toMatchObject({ message: 'lists and objects are nested more than 3 levels deep', path: '[0][0][0]', column: 4 });
    expect(refusalOf('{"a": {"b": {"c": 1}}}', 2)).toMatchObject({ message: 'lists and objects are nested more than 2 levels deep', path: 'a.b' });
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(refusalOf(deep)).toMatchObject({ message: 'lists and objects are nested more than 8 levels deep', column: 9, cut: false });
    expect(refusalOf('['.repeat(1_000_000))).toMatchObject({ column: 9 });
  });

  it('says where a file went wrong: what was expected, what was found, line and column, place in the document', () => {
    expect(refusalOf('{"a": 1 "b": 2}')).toEqual({ ok: false, message: 'expected “,” or “}” after a field’s value, but found “"”', path: 'a', line: 1, column: 9, cut: false });
    expect(refusalOf('[1 2]')).toMatchObject({ message: 'expected “,” or “]” after an item of a list, but found “2”', path: '[0]', column: 4 });
    expect(refusalOf('{"a"\r\n  1}')).toMatchObject({ message: 'expected “:” after the field name, but found “1”', line: 2, column: 3, path: 'a' });
    expect(refusalOf('{"a": [1,\n\n   x]}')).toMatchObject({ message: 'expected a value (a text in double quotes, a number, true, false, null, a list or an object), but found “x”', line: 3, column: 4, path: 'a[1]' });
    expect(refusalOf('{"a": 1,}')).toMatchObject({ message: 'expected a field name in double quotes, but found “}”', path: 'a' });
    expect(refusalOf('{ }x')).toMatchObject({ message: 'the document is over after its first value, so “x” after it is one too many', column: 4, path: '' });
    expect(refusalOf('{x: 1}')).toMatchObject({ message: 'expected a field name in double quotes, but found “x”', path: '', column: 2 });
    expect(refusalOf('[01]').message).toBe('expected “,” or “]” after an item of a list, but found “1”');
    expect(refusalOf('[1.]').message).toBe('expected “,” or “]” after an item of a list, but found “.”');
    expect(refusalOf('[-]').message).toMatch(/^expected a value .*, but found “-”$/);
    expect(refusalOf('[tru]').message).toMatch(/^expected a value .*, but found “t”$/);
    expect(refusalOf('["a\tb"]')).toMatchObject({ message: 'the control character U+0009 must be written as an escape (such as \\n) inside a text', column: 4 });
    expect(refusalOf('["\\x"]')).toMatchObject({ message: '\\x is not an escape JSON knows', column: 3 });
    expect(refusalOf('["\\u12G4"]').message).toBe('\\u must be followed by four hexadecimal digits');
    expect(refusalOf('[\u0000]').message).toMatch(/found the control character U\+0000$/);
    expect(refusalOf('["a\u001bb"]').message).toBe('the control character U+001B must be written as an escape (such as \\n) inside a text');
    expect(refusalOf('["a\u001fb"]').message).toMatch(/^the control character U\+001F/);
    expect(valueOf('["a b\u007f"]')).toEqual(['a b\u007f']);
  });

  it('tells a file that stops short from one that goes wrong', () => {
    for (const text of ['{', '{"a"', '{"a":', '{"a": [1,', '["abc', '["ab\\', '["\\u00', '["\\u004', '[1', '{"a": 1', '']) {
      expect(refusalOf(text).cut, text).toBe(true);
      expect(refusalOf(text).column, text).toBe(text.length - text.lastIndexOf('\n'));
    }
    expect(refusalOf('{"a": 1,\n"b"').line).toBe(2);
    expect(refusalOf('["\\u00')).toMatchObject({ message: 'an escape is not complete', cut: true });
    expect(refusalOf('["\\u0041')).toMatchObject({ message: 'a text in double quotes is not closed', cut: true });
    expect(refusalOf('["\\n')).toMatchObject({ message: 'a text in double quotes is not closed', cut: true });
    expect(refusalOf('{"a": 1}}').cut).toBe(false);
    expect(refusalOf('["\\u12"]').cut).toBe(false);
  });

  it('names places as a person reads them', () => {
    expect(pathText([])).toBe('');
    expect(pathText(['cards', 12, 'text'])).toBe('cards[12].text');
    expect(pathText([0, 'a', 1, 2])).toBe('[0].a[1][2]');
    expect(pathText(['map', '', 'title'])).toBe('map.title');
  });
});

/** JSON.parse's answer, or null when it refuses. */
function reference(text: string): { value: unknown } | null {
  try {
    return { value: JSON.parse(text) as unknown };
  } catch {
    return null;
  }
}

function depthOf(value: unknown): number {
  if (Array.isArray(value)) return 1 + Math.max(0, ...value.map(depthOf));
  if (typeof value === 'object' && value !== null) return 1 + Math.max(0, ...Object.values(value).map(depthOf));
  return 0;
}

describe('parseJson against JSON.parse', () => {
  const pieces = ['{', '}', '[', ']', ',', ':', '"', '\\', '\\u', '0', '1', '-', '.', 'e', '+', 'true', 'null', 'false', ' ', '\n', '"a"', '"__proto__"', 'x', '\u0001', 'é'];
  const edited = fc
    .record({ json: fc.json({ maxDepth: 6 }), edits: fc.array(fc.record({ at: fc.nat(), cut: fc.nat({ max: 3 }), put: fc.constantFrom(...pieces) }), { maxLength: 3 }) })
    .map(({ json, edits }) =>
      edits.reduce((text, e) => {
        const at = e.at % (text.length + 1);
        return text.slice(0, at) + e.put + text.slice(at + e.cut);
      }, json),
    );
  const text = fc.oneof(fc.json({ maxDepth: 6 }), edited, fc.array(fc.constantFrom(...pieces), { maxLength: 30 }).map((p) => p.join('')), fc.string({ maxLength: 40 }));

  it('accepts exactly what JSON.parse accepts (within the depth, without prototype keys or repeated keys), with the same value', () => {
    let accepted = 0;
    fc.assert(
      fc.property(text, (t) => {
        const mine = parseJson(t, 5);
        const theirs = reference(t);
        if (mine.ok) {
          accepted++;
          expect(theirs).not.toBeNull();
          expect(JSON.stringify(mine.value)).toBe(JSON.stringify(theirs?.value));
          return;
        }
        expect(mine.line).toBeGreaterThanOrEqual(1);
        expect(mine.column).toBeGreaterThanOrEqual(1);
        if (theirs === null) return; // refused by both (ours may name a rule of its own it met first)
        // JSON.parse took it: only our own rules may refuse it, each for a reason the value shows.
        expect(mine.message).toMatch(/nested more than|not allowed in a bundle|is given twice/);
        if (/nested more than/.test(mine.message)) expect(depthOf(theirs.value)).toBeGreaterThan(5);
      }),
      propertyRun('bundle JSON against JSON.parse', 20261203, 4000),
    );
    expect(accepted).toBeGreaterThan(800);
  });
});
