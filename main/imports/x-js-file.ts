/**
 * X archive data files are JavaScript: `window.YTD.<type>.part<N> = [ ... ]`. We never evaluate
 * them. The prefix must match exactly, the rest must be one JSON array followed only by
 * whitespace; anything else is refused, so a tampered file cannot smuggle code or extra data.
 */
import { ImportError, rethrowAsImportError } from './errors';
import { arraySlices, objectSlices, parseSlice, skipBom, skipWhitespace, type ByteRange } from './json-array-slices';

export interface YtdFile {
  name: string;
  bytes: Uint8Array;
  /** Byte range of the whole array, from '[' to ']'. */
  array: ByteRange;
  /** Byte range of each element. */
  items: ByteRange[];
}

const YTD_PREFIX = /^window\.YTD\.([A-Za-z0-9_]+)\.part([0-9]+) = /;
const MANIFEST_PREFIX = 'window.__THAR_CONFIG = ';
const latin1 = new TextDecoder('latin1');

function expectOnlyWhitespace(name: string, bytes: Uint8Array, from: number): void {
  const rest = skipWhitespace(bytes, from);
  if (rest < bytes.length) throw ImportError.at(name, bytes, rest, 'unexpected content after the data');
}

/**
 * @param types accepted `<type>` names; older archives say `tweet` where newer say `tweets`.
 */
export function readYtdFile(name: string, bytes: Uint8Array, types: readonly string[]): YtdFile {
  const start = skipBom(bytes);
  const head = latin1.decode(bytes.subarray(start, start + 200));
  const match = YTD_PREFIX.exec(head);
  if (!match) {
    throw ImportError.at(name, bytes, start, `expected "window.YTD.${types[0]}.part0 = [" at the start; not an X archive data file`);
  }
  if (!types.includes(match[1] as string)) {
    throw ImportError.at(name, bytes, start, `holds window.YTD.${match[1]}, expected window.YTD.${types.join(' or window.YTD.')}`);
  }
  const arrayStart = start + match[0].length;
  try {
    const { items, end } = arraySlices(bytes, arrayStart);
    expectOnlyWhitespace(name, bytes, end);
    return { name, bytes, array: { start: arrayStart, end }, items };
  } catch (error) {
    rethrowAsImportError(name, bytes, error);
  }
}

/** The value of one element; the slice was already validated, so this only fails on a bug. */
export function itemValue(file: YtdFile, range: ByteRange): unknown {
  try {
    return parseSlice(file.bytes, range);
  } catch (error) {
    rethrowAsImportError(file.name, file.bytes, error, range.start);
  }
}

export function readManifest(name: string, bytes: Uint8Array): unknown {
  const start = skipBom(bytes);
  if (latin1.decode(bytes.subarray(start, start + MANIFEST_PREFIX.length)) !== MANIFEST_PREFIX) {
    throw ImportError.at(name, bytes, start, `expected "${MANIFEST_PREFIX}{" at the start; not an X archive manifest`);
  }
  const objectStart = start + MANIFEST_PREFIX.length;
  try {
    const { end } = objectSlices(bytes, objectStart);
    expectOnlyWhitespace(name, bytes, end);
    return parseSlice(bytes, { start: objectStart, end });
  } catch (error) {
    rethrowAsImportError(name, bytes, error);
  }
}
