/**
 * Finds the exact bytes of each element of a top-level array (`data` in Graph and X pages) in a
 * response body. The archive must keep what the platform sent byte for byte; re-serialising the
 * parsed value would change escapes (Graph writes `\/` and `\u00e9`), key order and spacing.
 *
 * The scanner works on UTF-8 bytes directly: every structural character of JSON is ASCII, and
 * bytes of multi-byte UTF-8 sequences are all >= 0x80, so they can never be mistaken for one.
 */

export interface JsonSlice {
  /** The exact bytes of the element, copied out of the response. */
  raw: Uint8Array;
  /** JSON.parse of exactly those bytes. */
  value: unknown;
}

export class JsonSliceError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonSliceError';
  }
}

const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJ = 0x7b;
const CLOSE_OBJ = 0x7d;
const OPEN_ARR = 0x5b;
const CLOSE_ARR = 0x5d;

const isWs = (b: number | undefined): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

function bomLength(bytes: Uint8Array): number {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
}

/** Decodes and parses a whole body; throws JsonSliceError on invalid UTF-8 or invalid JSON. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = decoder.decode(bytes.subarray(bomLength(bytes)));
  } catch {
    throw new JsonSliceError('body is not valid UTF-8');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new JsonSliceError(`body is not valid JSON: ${(e as Error).message}`);
  }
}

class Scanner {
  pos: number;
  constructor(private readonly b: Uint8Array, start: number) {
    this.pos = start;
  }

  ws(): void {
    while (isWs(this.b[this.pos])) this.pos++;
  }

  peek(): number | undefined {
    return this.b[this.pos];
  }

  expect(byte: number, what: string): void {
    if (this.b[this.pos] !== byte) throw new JsonSliceError(`expected ${what} at byte ${this.pos}`);
    this.pos++;
  }

  /** Skips a string starting at the opening quote; returns the end (exclusive). */
  skipString(): number {
    this.expect(QUOTE, 'a string');
    for (;;) {
      const c = this.b[this.pos];
      if (c === undefined) throw new JsonSliceError('unterminated string');
      if (c === BACKSLASH) this.pos += 2;
      else if (c === QUOTE) return ++this.pos;
      else this.pos++;
    }
  }

  /** Skips any value without recursion, so deep nesting cannot overflow the stack. */
  skipValue(): void {
    const first = this.b[this.pos];
    if (first === QUOTE) {
      this.skipString();
      return;
    }
    if (first !== OPEN_OBJ && first !== OPEN_ARR) {
      // number, true, false, null: runs until a delimiter.
      const start = this.pos;
      while (this.pos < this.b.length) {
        const c = this.b[this.pos];
        if (isWs(c) || c === COMMA || c === CLOSE_ARR || c === CLOSE_OBJ) break;
        this.pos++;
      }
      if (this.pos === start) throw new JsonSliceError(`expected a value at byte ${start}`);
      return;
    }
    let depth = 0;
    for (;;) {
      const c = this.b[this.pos];
      if (c === undefined) throw new JsonSliceError('unterminated object or array');
      if (c === QUOTE) {
        this.skipString();
        continue;
      }
      if (c === OPEN_OBJ || c === OPEN_ARR) depth++;
      else if (c === CLOSE_OBJ || c === CLOSE_ARR) depth--;
      this.pos++;
      if (depth === 0) return;
    }
  }
}

function parseSlice(bytes: Uint8Array): unknown {
  return JSON.parse(decoder.decode(bytes)) as unknown;
}

/** Byte range of the value under top-level key `key`; null when absent (last one wins, as in JSON.parse). */
function findTopLevelValue(bytes: Uint8Array, key: string): [number, number] | null {
  const doc = parseJsonBytes(bytes); // validates the whole body first; the scanner may then trust it
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new JsonSliceError('top level is not a JSON object');
  }
  const s = new Scanner(bytes, bomLength(bytes));
  s.ws();
  s.expect(OPEN_OBJ, '{');
  s.ws();
  if (s.peek() === CLOSE_OBJ) return null;
  let found: [number, number] | null = null;
  for (;;) {
    s.ws();
    const keyStart = s.pos;
    const keyEnd = s.skipString();
    // Decoding through JSON.parse makes "d\u0061ta" equal "data", exactly as the platform meant it.
    const name = parseSlice(bytes.subarray(keyStart, keyEnd));
    s.ws();
    s.expect(COLON, ':');
    s.ws();
    const valueStart = s.pos;
    s.skipValue();
    if (name === key) found = [valueStart, s.pos];
    s.ws();
    if (s.peek() === COMMA) {
      s.pos++;
      continue;
    }
    s.expect(CLOSE_OBJ, '}');
    return found;
  }
}

/** The exact bytes of the value under a top-level key (X's `{"data":{...}}`), or null. */
export function sliceTopLevelValue(bytes: Uint8Array, key: string): JsonSlice | null {
  const range = findTopLevelValue(bytes, key);
  if (!range) return null;
  const raw = bytes.slice(range[0], range[1]);
  return { raw, value: parseSlice(raw) };
}

/**
 * Slices each element of the array under top-level key `key`. Returns null when the key is absent
 * (X omits `data` on an empty page).
 */
export function sliceTopLevelArray(bytes: Uint8Array, key: string): JsonSlice[] | null {
  const range = findTopLevelValue(bytes, key);
  if (!range) return null;
  if (bytes[range[0]] !== OPEN_ARR) throw new JsonSliceError(`"${key}" is not an array`);
  const s = new Scanner(bytes, range[0]);
  return sliceArrayElements(s).map(([a, b]) => {
    const raw = bytes.slice(a, b);
    return { raw, value: parseSlice(raw) };
  });
}

function sliceArrayElements(s: Scanner): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  s.expect(OPEN_ARR, '[');
  s.ws();
  if (s.peek() === CLOSE_ARR) {
    s.pos++;
    return out;
  }
  for (;;) {
    s.ws();
    const start = s.pos;
    s.skipValue();
    out.push([start, s.pos]);
    s.ws();
    if (s.peek() === COMMA) {
      s.pos++;
      continue;
    }
    s.expect(CLOSE_ARR, ']');
    return out;
  }
}

/** The elements of the top-level `data` array; an absent `data` is an empty page. */
export function jsonDataSlices(bytes: Uint8Array): JsonSlice[] {
  return sliceTopLevelArray(bytes, 'data') ?? [];
}

/** A whole single-object response (a Page profile, one comment), its raw bytes being the body. */
export function wholeJson(bytes: Uint8Array): JsonSlice {
  const start = bomLength(bytes);
  let end = bytes.length;
  // Trailing whitespace (a final newline) is transport, not part of the object.
  while (end > start && isWs(bytes[end - 1])) end--;
  let begin = start;
  while (begin < end && isWs(bytes[begin])) begin++;
  const raw = bytes.slice(begin, end);
  return { raw, value: parseJsonBytes(raw) };
}
