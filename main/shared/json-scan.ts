/**
 * A strict, byte-level JSON scanner that reports where each value, array element or object member
 * starts and ends in the bytes. Both the archive imports (REC-3) and the platform clients keep
 * every record as the exact bytes the platform wrote, so we cannot parse and re-serialise: we find
 * each value's byte range here, and only then hand that slice to JSON.parse for the values.
 *
 * It works on UTF-8 bytes directly (every structural character of JSON is ASCII), is iterative
 * (no recursion), so hostile nesting cannot overflow the stack, and it checks UTF-8 inside strings
 * so every error carries a byte offset the caller turns into line:column.
 */
export interface ByteRange {
  /** Offset of the first byte. */
  start: number;
  /** Offset one past the last byte. */
  end: number;
}

export interface MemberSlice {
  key: string;
  value: ByteRange;
}

export class JsonScanError extends Error {
  override readonly name = 'JsonScanError';
  constructor(
    readonly offset: number,
    message: string,
  ) {
    super(message);
  }
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const LBRACKET = 0x5b;
const RBRACKET = 0x5d;
const LBRACE = 0x7b;
const RBRACE = 0x7d;
const MINUS = 0x2d;

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function skipWhitespace(b: Uint8Array, i: number): number {
  while (i < b.length) {
    const c = b[i];
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) break;
    i++;
  }
  return i;
}

function describe(b: Uint8Array, i: number): string {
  const c = b[i];
  if (c === undefined) return 'end of input';
  if (c >= 0x21 && c < 0x7f) return `'${String.fromCharCode(c)}'`;
  return `byte 0x${c.toString(16).padStart(2, '0')}`;
}

function unexpected(b: Uint8Array, i: number, expected?: string): JsonScanError {
  if (i >= b.length) return new JsonScanError(i, 'unexpected end of input');
  const found = describe(b, i);
  return new JsonScanError(i, expected ? `expected ${expected} but found ${found}` : `unexpected ${found}`);
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

function isHex(c: number | undefined): boolean {
  return c !== undefined && ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66));
}

/** Validates one UTF-8 sequence starting at a byte >= 0x80; returns the index after it. */
function scanUtf8(b: Uint8Array, i: number): number {
  const lead = b[i] as number;
  let count: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (lead >= 0xc2 && lead <= 0xdf) count = 1;
  else if (lead >= 0xe0 && lead <= 0xef) {
    count = 2;
    if (lead === 0xe0) lo = 0xa0; // overlong
    if (lead === 0xed) hi = 0x9f; // UTF-16 surrogates
  } else if (lead >= 0xf0 && lead <= 0xf4) {
    count = 3;
    if (lead === 0xf0) lo = 0x90; // overlong
    if (lead === 0xf4) hi = 0x8f; // beyond U+10FFFF
  } else throw new JsonScanError(i, `invalid UTF-8 byte 0x${lead.toString(16)}`);
  for (let k = 1; k <= count; k++) {
    const c = b[i + k];
    if (c === undefined) throw new JsonScanError(i + k, 'unexpected end of input');
    const min = k === 1 ? lo : 0x80;
    const max = k === 1 ? hi : 0xbf;
    if (c < min || c > max) throw new JsonScanError(i + k, `invalid UTF-8 byte 0x${c.toString(16)}`);
  }
  return i + count + 1;
}

function scanString(b: Uint8Array, i: number): number {
  i++; // opening quote
  for (;;) {
    const c = b[i];
    if (c === undefined) throw new JsonScanError(i, 'unexpected end of input inside a string');
    if (c === QUOTE) return i + 1;
    if (c === BACKSLASH) {
      const e = b[i + 1];
      if (e === 0x75) {
        for (let k = 2; k < 6; k++) {
          if (!isHex(b[i + k])) throw unexpected(b, i + k, 'a hex digit');
        }
        i += 6;
      } else if (e === QUOTE || e === BACKSLASH || e === 0x2f || e === 0x62 || e === 0x66 || e === 0x6e || e === 0x72 || e === 0x74) {
        i += 2;
      } else throw unexpected(b, i + 1, 'an escape character');
    } else if (c < 0x20) {
      throw new JsonScanError(i, `unescaped control character 0x${c.toString(16).padStart(2, '0')} in a string`);
    } else if (c < 0x80) i++;
    else i = scanUtf8(b, i);
  }
}

function scanDigits(b: Uint8Array, i: number): number {
  if (!isDigit(b[i])) throw unexpected(b, i, 'a digit');
  while (isDigit(b[i])) i++;
  return i;
}

function scanNumber(b: Uint8Array, i: number): number {
  if (b[i] === MINUS) i++;
  if (b[i] === 0x30) i++;
  else i = scanDigits(b, i);
  if (b[i] === 0x2e) i = scanDigits(b, i + 1);
  if (b[i] === 0x65 || b[i] === 0x45) {
    i++;
    if (b[i] === 0x2b || b[i] === MINUS) i++;
    i = scanDigits(b, i);
  }
  return i;
}

const LITERALS: Record<number, number[]> = {
  0x74: [0x74, 0x72, 0x75, 0x65], // true
  0x66: [0x66, 0x61, 0x6c, 0x73, 0x65], // false
  0x6e: [0x6e, 0x75, 0x6c, 0x6c], // null
};

function scanKey(b: Uint8Array, i: number): number {
  if (b[i] !== QUOTE) throw unexpected(b, i, 'a property name in double quotes');
  i = skipWhitespace(b, scanString(b, i));
  if (b[i] !== COLON) throw unexpected(b, i, "':'");
  return skipWhitespace(b, i + 1);
}

/**
 * Scans one JSON value starting at `start` (leading whitespace allowed) and returns the offset
 * just past it. Throws JsonScanError with the offset of the first problem.
 */
export function scanValue(b: Uint8Array, start: number): number {
  const stack: number[] = [];
  let i = skipWhitespace(b, start);
  for (;;) {
    const c = b[i];
    if (c === LBRACE || c === LBRACKET) {
      const close = c === LBRACE ? RBRACE : RBRACKET;
      i = skipWhitespace(b, i + 1);
      if (b[i] === close) i++;
      else {
        stack.push(c);
        if (c === LBRACE) i = scanKey(b, i);
        continue;
      }
    } else if (c === QUOTE) i = scanString(b, i);
    else if (c === MINUS || isDigit(c)) i = scanNumber(b, i);
    else if (c !== undefined && LITERALS[c]) {
      const word = LITERALS[c] as number[];
      for (let k = 0; k < word.length; k++) {
        if (b[i + k] !== word[k]) throw unexpected(b, i + k);
      }
      i += word.length;
    } else throw unexpected(b, i, 'a value');
    // A value just ended: close as many containers as the input closes here.
    for (;;) {
      const top = stack[stack.length - 1];
      if (top === undefined) return i;
      i = skipWhitespace(b, i);
      const close = top === LBRACE ? RBRACE : RBRACKET;
      if (b[i] === COMMA) {
        i = skipWhitespace(b, i + 1);
        if (top === LBRACE) i = scanKey(b, i);
        break;
      }
      if (b[i] !== close) throw unexpected(b, i, top === LBRACE ? "',' or '}'" : "',' or ']'");
      stack.pop();
      i++;
    }
  }
}

/** The byte ranges of the elements of the array that starts at `start` (after whitespace). */
export function arraySlices(b: Uint8Array, start: number): { items: ByteRange[]; end: number } {
  let i = skipWhitespace(b, start);
  if (b[i] !== LBRACKET) throw unexpected(b, i, "'['");
  const items: ByteRange[] = [];
  i = skipWhitespace(b, i + 1);
  if (b[i] === RBRACKET) return { items, end: i + 1 };
  for (;;) {
    const end = scanValue(b, i);
    items.push({ start: i, end });
    i = skipWhitespace(b, end);
    if (b[i] === RBRACKET) return { items, end: i + 1 };
    if (b[i] !== COMMA) throw unexpected(b, i, "',' or ']'");
    i = skipWhitespace(b, i + 1);
  }
}

/** The keys and value byte ranges of the object that starts at `start` (after whitespace). */
export function objectSlices(b: Uint8Array, start: number): { members: MemberSlice[]; end: number } {
  let i = skipWhitespace(b, start);
  if (b[i] !== LBRACE) throw unexpected(b, i, "'{'");
  const members: MemberSlice[] = [];
  i = skipWhitespace(b, i + 1);
  if (b[i] === RBRACE) return { members, end: i + 1 };
  for (;;) {
    const valueStart = scanKey(b, i);
    const key = parseSlice(b, { start: i, end: scanString(b, i) });
    const end = scanValue(b, valueStart);
    // JSON.parse of a scanned string literal is always a string; the check keeps the types honest.
    members.push({ key: typeof key === 'string' ? key : String(key), value: { start: valueStart, end } });
    i = skipWhitespace(b, end);
    if (b[i] === RBRACE) return { members, end: i + 1 };
    if (b[i] !== COMMA) throw unexpected(b, i, "',' or '}'");
    i = skipWhitespace(b, i + 1);
  }
}

/**
 * JSON.parse of an already scanned slice, with no reviver: keys such as `__proto__` become plain
 * own properties and nothing is ever evaluated.
 */
export function parseSlice(b: Uint8Array, range: ByteRange): unknown {
  return JSON.parse(utf8.decode(b.subarray(range.start, range.end)));
}

/** Offset past a UTF-8 byte order mark, if the file starts with one. */
export function skipBom(b: Uint8Array): number {
  return b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 3 : 0;
}
