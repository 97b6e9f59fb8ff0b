/**
 * A read-only view of what the user picked: a zip file or an unpacked folder. Parsers list the
 * names and read only the files they need, so a multi-gigabyte archive full of video is never
 * decompressed as a whole.
 */
import { ImportError } from './errors';

export interface ImportLimits {
  /** Ceiling on bytes read or decompressed from one archive (zip bomb guard). */
  maxTotalBytes: number;
  /** Ceiling on the number of files an archive may list. */
  maxEntries: number;
}

export const DEFAULT_LIMITS: ImportLimits = {
  maxTotalBytes: 2 * 1024 ** 3,
  maxEntries: 200_000,
};

export interface ArchiveSource {
  /** The path the user picked, for messages. */
  readonly label: string;
  /** Every file in the archive, archive-relative with '/' separators, sorted. */
  readonly names: readonly string[];
  has(name: string): boolean;
  /** The file's bytes; counts against maxTotalBytes. */
  read(name: string): Promise<Uint8Array>;
  close(): Promise<void>;
}

/** Tracks bytes handed out so the whole import stays under maxTotalBytes. */
export class ByteBudget {
  private used = 0;
  constructor(
    private readonly limit: number,
    private readonly label: string,
  ) {}

  take(file: string, bytes: number): void {
    if (bytes < 0 || this.used + bytes > this.limit) {
      throw new ImportError(
        `${file}: reading it would take the import past its ${this.limit}-byte limit; ${this.label} is too large or a zip bomb`,
        file,
      );
    }
    this.used += bytes;
  }
}

/**
 * Archive names are attacker-controlled. Refuse anything that could escape the archive root if a
 * later step ever wrote it to disk, rather than silently rewriting it.
 */
export function assertSafeEntryName(name: string): void {
  const unsafe =
    name.length === 0 ||
    name.startsWith('/') ||
    name.includes('\\') ||
    name.includes('\0') ||
    /^[A-Za-z]:/.test(name) ||
    name.split('/').some((segment) => segment === '..');
  if (unsafe) throw new ImportError(`unsafe file name in archive: ${JSON.stringify(name)}`, name);
}
