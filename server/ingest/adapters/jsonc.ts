/**
 * A lenient JSON reader for what exporters and documentation actually produce: one value,
 * several values one after another (NDJSON, or pretty-printed objects back to back), with
 * `//` and `/* *\/` comments and trailing commas (AWS's own Amazon Connect samples have all of
 * these). Errors name the line and column.
 *
 * Why not a library: jsonc-parser (the usual choice) reads one value per document, and we need
 * a stream of them; the grammar is small enough to own.
 */

export type JsonValues = { ok: true; values: unknown[] } | { ok: false; line: number; column: number; message: string };

const MAX_DEPTH = 64;

class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly pos: number,
  ) {
    super(message);
  }
}

export function readJsonValues(text: string): JsonValues {
  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;

  const fail = (message: string, at = pos): never => {
    throw new JsonSyntaxError(message, at);
  };
  const describe = (at: number) => (at >= text.length ? 'the end of the text' : `"${text[at]}"`);

  /** Skip whitespace and comments. */
  const skip = () => {
    for (;;) {
      const c = text[pos];
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r') pos++;
      else if (c === '/' && text[pos + 1] === '/') {
        const end = text.indexOf('\n', pos);
        pos = end < 0 ? text.length : end + 1;
      } else if (c === '/' && text[pos + 1] === '*') {
        const end = text.indexOf('*/', pos + 2);
        if (end < 0) fail('unclosed /* comment');
        pos = end + 2;
      } else return;
    }
  };

  const string = (): string => {
    const start = pos;
    pos++; // opening quote
    for (;;) {
      const c = text[pos];
      if (c === undefined || c === '\n') fail('unterminated string', start);
      if (c === '\\') pos += 2;
      else if (c === '"') break;
      else pos++;
    }
    pos++;
    try {
      return JSON.parse(text.slice(start, pos)) as string;
    } catch {
      return fail('invalid escape or control character in string', start);
    }
  };

  const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

  const value = (depth: number): unknown => {
    if (depth > MAX_DEPTH) fail(`nested deeper than ${MAX_DEPTH} levels`);
    skip();
    const c = text[pos];
    if (c === '{') return object(depth);
    if (c === '[') return array(depth);
    if (c === '"') return string();
    for (const [word, v] of [['true', true], ['false', false], ['null', null]] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return v;
      }
    }
    NUMBER.lastIndex = pos;
    const m = NUMBER.exec(text);
    if (m) {
      pos += m[0].length;
      return Number(m[0]);
    }
    return fail(`expected a value, found ${describe(pos)}`);
  };

  const object = (depth: number): Record<string, unknown> => {
    const obj: Record<string, unknown> = {};
    pos++;
    for (;;) {
      skip();
      if (text[pos] === '}') {
        pos++;
        return obj;
      }
      if (text[pos] !== '"') fail(`expected a key in double quotes or "}", found ${describe(pos)}`);
      const key = string();
      skip();
      if (text[pos] !== ':') fail(`expected ":" after key "${key.slice(0, 40)}", found ${describe(pos)}`);
      pos++;
      // defineProperty: a "__proto__" key is data, not the object's prototype.
      Object.defineProperty(obj, key, { value: value(depth + 1), enumerable: true, writable: true, configurable: true });
      skip();
      if (text[pos] === ',') pos++;
      else if (text[pos] !== '}') fail(`expected "," or "}" after the value of "${key.slice(0, 40)}", found ${describe(pos)}`);
    }
  };

  const array = (depth: number): unknown[] => {
    const arr: unknown[] = [];
    pos++;
    for (;;) {
      skip();
      if (text[pos] === ']') {
        pos++;
        return arr;
      }
      arr.push(value(depth + 1));
      skip();
      if (text[pos] === ',') pos++;
      else if (text[pos] !== ']') fail(`expected "," or "]" in an array, found ${describe(pos)}`);
    }
  };

  const values: unknown[] = [];
  /** Where the previous top-level value began and ended: the usual culprit of a stray ":". */
  let previous: { start: number; end: number } | null = null;
  try {
    for (;;) {
      skip();
      if (pos >= text.length) break;
      const start = pos;
      values.push(value(0));
      const end = pos;
      skip();
      if (text[pos] === ':') {
        // `"key": …` at the top level: an object closed before its last members.
        const where = previous ?? { start, end };
        const a = lineColumn(text, where.start);
        const b = lineColumn(text, where.end - 1);
        fail(`a key outside any object: the value begun at line ${a.line}, column ${a.column} was closed too soon at line ${b.line}, column ${b.column}; look for an extra "}" or "]" inside it`);
      }
      previous = { start, end };
      // Values may be separated by whitespace (NDJSON) or, leniently, by a comma.
      if (text[pos] === ',') pos++;
    }
  } catch (err) {
    if (!(err instanceof JsonSyntaxError)) throw err;
    const { line, column } = lineColumn(text, err.pos);
    return { ok: false, line, column, message: err.message };
  }
  return { ok: true, values };
}

function lineColumn(text: string, pos: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: pos - lineStart + 1 };
}
