/**
 * Facebook export files are plain JSON whose records sit either in a top-level array
 * (your_posts_1.json) or in arrays under top-level keys ({"comments_v2": [...]}). This returns
 * each record's byte range so the payload can be the file's own bytes (REC-3).
 */
import { ImportError, rethrowAsImportError } from './errors';
import { arraySlices, objectSlices, parseSlice, skipBom, skipWhitespace, type ByteRange } from './json-array-slices';

export interface JsonCollection {
  /** The top-level key the array sits under; null for a top-level array. */
  key: string | null;
  items: ByteRange[];
}

export interface FacebookJsonFile {
  name: string;
  bytes: Uint8Array;
  collections: JsonCollection[];
}

export function readFacebookJson(name: string, bytes: Uint8Array): FacebookJsonFile {
  try {
    const start = skipWhitespace(bytes, skipBom(bytes));
    let end: number;
    const collections: JsonCollection[] = [];
    if (bytes[start] === 0x5b) {
      const array = arraySlices(bytes, start);
      collections.push({ key: null, items: array.items });
      end = array.end;
    } else if (bytes[start] === 0x7b) {
      const object = objectSlices(bytes, start);
      for (const member of object.members) {
        if (bytes[member.value.start] === 0x5b) {
          collections.push({ key: member.key, items: arraySlices(bytes, member.value.start).items });
        }
      }
      end = object.end;
    } else {
      throw ImportError.at(name, bytes, start, start >= bytes.length ? 'empty file' : 'expected a JSON array or object');
    }
    const rest = skipWhitespace(bytes, end);
    if (rest < bytes.length) throw ImportError.at(name, bytes, rest, 'unexpected content after the data');
    return { name, bytes, collections };
  } catch (error) {
    rethrowAsImportError(name, bytes, error);
  }
}

export function recordValue(file: FacebookJsonFile, range: ByteRange): unknown {
  try {
    return parseSlice(file.bytes, range);
  } catch (error) {
    rethrowAsImportError(file.name, file.bytes, error, range.start);
  }
}
