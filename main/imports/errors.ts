/**
 * The one error type the importers throw. The UI shows `message` to the Communications Manager,
 * so it always says which file inside the archive is at fault and, when known, where.
 */
import { JsonScanError } from './json-array-slices';

export interface SourcePosition {
  /** Byte offset into the file. */
  offset: number;
  /** 1-based line. */
  line: number;
  /** 1-based column, counted in Unicode code points so it matches what an editor shows. */
  column: number;
}

export class ImportError extends Error {
  override readonly name = 'ImportError';
  constructor(
    message: string,
    /** Archive-relative file name, or the path the user picked when no single file is at fault. */
    readonly file: string | null = null,
    readonly position: SourcePosition | null = null,
  ) {
    super(message);
  }

  /** "data/tweets.js, line 412 column 7: unexpected end of input" */
  static at(file: string, bytes: Uint8Array, offset: number, detail: string): ImportError {
    const position = positionOf(bytes, offset);
    return new ImportError(`${file}, line ${position.line} column ${position.column}: ${detail}`, file, position);
  }

  static inFile(file: string, detail: string): ImportError {
    return new ImportError(`${file}: ${detail}`, file);
  }
}

/** Line and column of a byte offset. Continuation bytes (10xxxxxx) do not start a code point. */
export function positionOf(bytes: Uint8Array, offset: number): SourcePosition {
  const end = Math.min(Math.max(offset, 0), bytes.length);
  let line = 1;
  let column = 1;
  for (let i = 0; i < end; i++) {
    const b = bytes[i] as number;
    if (b === 0x0a) {
      line++;
      column = 1;
    } else if ((b & 0xc0) !== 0x80) {
      column++;
    }
  }
  return { offset: end, line, column };
}

/** Turns a scanner or JSON.parse failure into an ImportError that names file and position. */
export function rethrowAsImportError(name: string, bytes: Uint8Array, error: unknown, fallbackOffset = 0): never {
  if (error instanceof ImportError) throw error;
  if (error instanceof JsonScanError) throw ImportError.at(name, bytes, error.offset, error.message);
  throw ImportError.at(name, bytes, fallbackOffset, error instanceof Error ? error.message : String(error));
}
