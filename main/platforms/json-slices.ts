/**
 * Finds the exact bytes of each element of a top-level array (`data` in Graph and X pages) in a
 * response body. The archive must keep what the platform sent byte for byte; re-serialising the
 * parsed value would change escapes (Graph writes `\/` and `\u00e9`), key order and spacing.
 *
 * The byte ranges come from the shared scanner (main/shared/json-scan.ts); this module validates
 * the whole body with JSON.parse first and speaks in JsonSliceError.
 */
import { arraySlices, JsonScanError, objectSlices, skipBom, type ByteRange } from '../shared/json-scan';

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

const isWs = (b: number | undefined): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/** Decodes and parses a whole body; throws JsonSliceError on invalid UTF-8 or invalid JSON. */
export function parseJsonBytes(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = decoder.decode(bytes.subarray(skipBom(bytes)));
  } catch {
    throw new JsonSliceError('body is not valid UTF-8');
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new JsonSliceError(`body is not valid JSON: ${(e as Error).message}`);
  }
}

/** Runs the shared scanner, reporting its errors as JsonSliceError. */
function scan<T>(run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof JsonScanError) throw new JsonSliceError(`${e.message} at byte ${e.offset}`);
    throw e;
  }
}

/** A copy of the bytes in `range` together with their parsed value. */
function sliceOf(bytes: Uint8Array, range: ByteRange): JsonSlice {
  const raw = bytes.slice(range.start, range.end);
  return { raw, value: JSON.parse(decoder.decode(raw)) as unknown };
}

/** Byte range of the value under top-level key `key`; null when absent (last one wins, as in JSON.parse). */
function findTopLevelValue(bytes: Uint8Array, key: string): ByteRange | null {
  const doc = parseJsonBytes(bytes); // validates the whole body first
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new JsonSliceError('top level is not a JSON object');
  }
  // Keys are decoded through JSON.parse, so "d\u0061ta" equals "data", exactly as the platform meant it.
  const { members } = scan(() => objectSlices(bytes, skipBom(bytes)));
  return members.findLast((m) => m.key === key)?.value ?? null;
}

/** The exact bytes of the value under a top-level key (X's `{"data":{...}}`), or null. */
export function sliceTopLevelValue(bytes: Uint8Array, key: string): JsonSlice | null {
  const range = findTopLevelValue(bytes, key);
  return range ? sliceOf(bytes, range) : null;
}

/**
 * Slices each element of the array under top-level key `key`. Returns null when the key is absent
 * (X omits `data` on an empty page).
 */
export function sliceTopLevelArray(bytes: Uint8Array, key: string): JsonSlice[] | null {
  const range = findTopLevelValue(bytes, key);
  if (!range) return null;
  if (bytes[range.start] !== 0x5b) throw new JsonSliceError(`"${key}" is not an array`);
  return scan(() => arraySlices(bytes, range.start)).items.map((item) => sliceOf(bytes, item));
}

/** The elements of the top-level `data` array; an absent `data` is an empty page. */
export function jsonDataSlices(bytes: Uint8Array): JsonSlice[] {
  return sliceTopLevelArray(bytes, 'data') ?? [];
}

/** A whole single-object response (a Page profile, one comment), its raw bytes being the body. */
export function wholeJson(bytes: Uint8Array): JsonSlice {
  const start = skipBom(bytes);
  let end = bytes.length;
  // Trailing whitespace (a final newline) is transport, not part of the object.
  while (end > start && isWs(bytes[end - 1])) end--;
  let begin = start;
  while (begin < end && isWs(bytes[begin])) begin++;
  const raw = bytes.slice(begin, end);
  return { raw, value: parseJsonBytes(raw) };
}
