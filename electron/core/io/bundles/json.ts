/**
 * JSON for files from anywhere: a parser that never recurses (a 100,000-deep `[[[[` is refused at the depth
 * limit, after reading only that far), builds every object without a prototype, refuses the keys that reach
 * prototypes (`__proto__`, `constructor`, `prototype`) and keys given twice, and says where a file went wrong
 * by line and column, and by its place in the document (`cards[12].text`). It reads exactly what JSON.parse
 * reads, to the same values (a property test holds it to that). Pure: text in, a value or a refusal out.
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;
/** An object parsed from a file: no prototype, so no key of it can reach Object.prototype. */
export interface JsonObject {
  [key: string]: JsonValue;
}

/**
 * A refusal says what was expected and found, where (line and column, counted from 1, and the place in the
 * document), and whether the text simply stopped (`cut`: a file cut short, whatever it would have said next).
 */
export type JsonRead = { ok: true; value: JsonValue } | { ok: false; message: string; path: string; line: number; column: number; cut: boolean };

/** Keys a document may never hold anywhere: each reaches an object's prototype in some code that copies objects. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);

/** Where a value is in a document, as a person reads it: `cards[12].text` ('' for the whole document). */
export function pathText(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (part !== '') out += out === '' ? part : `.${part}`;
  }
  return out;
}

type Frame = { array: JsonValue[]; object: null; key: '' } | { array: null; object: JsonObject; key: string };

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;
const ESCAPES: Readonly<Record<string, string>> = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
const HEX4 = /^[0-9a-fA-F]{4}$/;

/** Where and why the text is not what is wanted; caught in parseJson, never seen outside it. */
class Refusal extends Error {
  readonly at: number;
  constructor(message: string, at: number) {
    super(message);
    this.at = at;
  }
}

/** A character as a message shows it. */
function shown(c: string): string {
  const code = c.charCodeAt(0);
  if (code < 0x20) return `the control character U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `“${c}”`;
}

/** Parse a whole document; at most `maxDepth` lists and objects inside each other. */
export function parseJson(text: string, maxDepth: number): JsonRead {
  const n = text.length;
  const stack: Frame[] = [];
  let i = 0;

  const skipSpace = () => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else return;
    }
  };
  const fail = (expected: string): never => {
    throw new Refusal(`expected ${expected}, but found ${shown(text.charAt(i))}`, i);
  };

  const readString = (): string => {
    let out = '';
    let from = ++i; // after the opening quote
    for (;;) {
      if (i >= n) throw new Refusal('a text in double quotes is not closed', n);
      const c = text.charCodeAt(i);
      if (c === 0x22) break;
      if (c < 0x20) throw new Refusal(`${shown(text.charAt(i))} must be written as an escape (such as \\n) inside a text`, i);
      if (c === 0x5c) {
        out += text.slice(from, i);
        const e = text.charAt(i + 1);
        if (i + (e === 'u' ? 6 : 2) > n) throw new Refusal('an escape is not complete', n);
        if (e === 'u') {
          const hex = text.slice(i + 2, i + 6);
          if (!HEX4.test(hex)) throw new Refusal('\\u must be followed by four hexadecimal digits', i);
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          const decoded = ESCAPES[e];
          if (decoded === undefined) throw new Refusal(`\\${e} is not an escape JSON knows`, i);
          out += decoded;
          i += 2;
        }
        from = i;
      } else i++;
    }
    out += text.slice(from, i);
    i++; // the closing quote
    return out;
  };

  /** A field's name and its colon, in the object on top of the stack. */
  const readKey = (frame: { object: JsonObject; key: string }): void => {
    skipSpace();
    if (text.charAt(i) !== '"') fail('a field name in double quotes');
    const at = i;
    const key = readString();
    frame.key = key;
    if (FORBIDDEN_KEYS.has(key)) throw new Refusal(`the field name “${key}” is not allowed in a bundle`, at);
    if (Object.hasOwn(frame.object, key)) throw new Refusal(`the field “${key}” is given twice`, at);
    skipSpace();
    if (text.charAt(i) !== ':') fail('“:” after the field name');
    i++;
  };

  const open = (frame: Frame): void => {
    if (stack.length >= maxDepth) throw new Refusal(`lists and objects are nested more than ${maxDepth} levels deep`, i);
    stack.push(frame);
    i++;
    skipSpace();
  };

  try {
    for (;;) {
      // A value starts here.
      let value: JsonValue;
      skipSpace();
      const c = text.charAt(i);
      if (c === '{') {
        const frame = { array: null, object: Object.create(null) as JsonObject, key: '' };
        open(frame);
        if (text.charAt(i) !== '}') {
          readKey(frame);
          continue;
        }
        i++;
        stack.pop();
        value = frame.object;
      } else if (c === '[') {
        const frame = { array: [] as JsonValue[], object: null, key: '' as const };
        open(frame);
        if (text.charAt(i) !== ']') continue;
        i++;
        stack.pop();
        value = frame.array;
      } else if (c === '"') {
        value = readString();
      } else if (text.startsWith('true', i)) {
        value = true;
        i += 4;
      } else if (text.startsWith('false', i)) {
        value = false;
        i += 5;
      } else if (text.startsWith('null', i)) {
        value = null;
        i += 4;
      } else {
        NUMBER.lastIndex = i;
        const m = NUMBER.exec(text);
        if (m === null) return fail('a value (a text in double quotes, a number, true, false, null, a list or an object)');
        value = Number(m[0]);
        i += m[0].length;
      }
      // The value is whole: put it in its container, and close every container it completes.
      for (;;) {
        skipSpace();
        const top = stack.at(-1);
        if (top === undefined) {
          if (i < n) throw new Refusal(`the document is over after its first value, so ${shown(text.charAt(i))} after it is one too many`, i);
          return { ok: true, value };
        }
        const next = text.charAt(i);
        if (top.array !== null) {
          if (next !== ',' && next !== ']') fail('“,” or “]” after an item of a list');
          top.array.push(value);
          i++;
          if (next === ',') break;
          stack.pop();
          value = top.array;
        } else {
          if (next !== ',' && next !== '}') fail('“,” or “}” after a field’s value');
          top.object[top.key] = value;
          i++;
          if (next === ',') {
            readKey(top);
            break;
          }
          stack.pop();
          value = top.object;
        }
      }
    }
  } catch (error) {
    if (!(error instanceof Refusal)) throw error;
    const before = text.slice(0, error.at);
    const line = before.split('\n').length;
    const column = error.at - before.lastIndexOf('\n');
    const path = pathText(stack.map((f) => (f.array === null ? f.key : f.array.length)));
    return { ok: false, message: error.message, path, line, column, cut: error.at >= n };
  }
}
