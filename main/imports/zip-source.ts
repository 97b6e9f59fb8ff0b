/**
 * Reads a zip through a file handle: the central directory first, then only the entries a parser
 * asks for. Our own directory reader (rather than fflate's unzipSync) lets us refuse unsafe names
 * and oversized entries before inflating anything, and check each entry's CRC-32 so a corrupt zip
 * cannot hand the archive silently wrong bytes. fflate does the inflating, streamed, so output
 * beyond the declared size stops the work instead of being computed and dropped.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { Inflate } from 'fflate';
import { crc32 } from './crc32';
import { ImportError } from './errors';
import { assertSafeEntryName, ByteBudget, type ArchiveSource, type ImportLimits } from './source-types';

interface ZipEntry {
  name: string;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

const EOCD = 0x06054b50;
const EOCD64_LOCATOR = 0x07064b50;
const EOCD64 = 0x06064b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const MAX_COMMENT = 0xffff;
const CHUNK = 1 << 16;
const names = new TextDecoder('utf-8');

async function readAt(fh: FileHandle, offset: number, length: number, what: string): Promise<Uint8Array> {
  const buf = new Uint8Array(length);
  const { bytesRead } = length === 0 ? { bytesRead: 0 } : await fh.read(buf, 0, length, offset);
  if (bytesRead !== length) throw ImportError.inFile(what, `zip is truncated at byte offset ${offset + bytesRead}`);
  return buf;
}

function u64(view: DataView, at: number): number {
  if (at + 8 > view.byteLength) throw new ImportError('corrupt zip64 field');
  const v = view.getBigUint64(at, true);
  if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new ImportError('corrupt zip64 field: value too large');
  return Number(v);
}

async function findDirectory(fh: FileHandle, label: string, fileSize: number) {
  const tailLength = Math.min(fileSize, 22 + MAX_COMMENT + 20);
  const tail = await readAt(fh, fileSize - tailLength, tailLength, label);
  const view = new DataView(tail.buffer);
  let p = tail.length - 22;
  while (p >= 0 && view.getUint32(p, true) !== EOCD) p--;
  if (p < 0) {
    const head = await readAt(fh, 0, 4, label);
    const isZip = head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04;
    throw new ImportError(isZip ? `${label}: zip is truncated or corrupt (no end-of-central-directory record)` : `${label}: neither a folder nor a zip archive`, label);
  }
  let count = view.getUint16(p + 10, true);
  let size = view.getUint32(p + 12, true);
  let offset = view.getUint32(p + 16, true);
  const needs64 = count === 0xffff || size === 0xffffffff || offset === 0xffffffff;
  if (needs64 && p >= 20 && view.getUint32(p - 20, true) === EOCD64_LOCATOR) {
    const at = u64(view, p - 20 + 8);
    const rec = new DataView((await readAt(fh, at, 56, label)).buffer);
    if (rec.getUint32(0, true) !== EOCD64) throw new ImportError(`${label}: corrupt zip64 directory`, label);
    count = u64(rec, 32);
    size = u64(rec, 40);
    offset = u64(rec, 48);
  }
  if (offset + size > fileSize) throw new ImportError(`${label}: zip is truncated (central directory missing)`, label);
  return { count, size, offset };
}

function zip64Extra(extra: DataView, entry: ZipEntry, rawSize: number, rawCompressed: number, rawOffset: number): void {
  let p = 0;
  while (p + 4 <= extra.byteLength) {
    const id = extra.getUint16(p, true);
    const len = extra.getUint16(p + 2, true);
    if (id === 0x0001) {
      let q = p + 4;
      if (rawSize === 0xffffffff) {
        entry.size = u64(extra, q);
        q += 8;
      }
      if (rawCompressed === 0xffffffff) {
        entry.compressedSize = u64(extra, q);
        q += 8;
      }
      if (rawOffset === 0xffffffff) entry.localOffset = u64(extra, q);
      return;
    }
    p += 4 + len;
  }
}

function parseDirectory(dir: Uint8Array, count: number, label: string): Map<string, ZipEntry> {
  const view = new DataView(dir.buffer, dir.byteOffset, dir.byteLength);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > dir.length || view.getUint32(p, true) !== CENTRAL) {
      throw new ImportError(`${label}: corrupt zip central directory at entry ${i + 1}`, label);
    }
    const nameLength = view.getUint16(p + 28, true);
    const extraLength = view.getUint16(p + 30, true);
    const commentLength = view.getUint16(p + 32, true);
    const name = names.decode(dir.subarray(p + 46, p + 46 + nameLength));
    const rawCompressed = view.getUint32(p + 20, true);
    const rawSize = view.getUint32(p + 24, true);
    const rawOffset = view.getUint32(p + 42, true);
    const entry: ZipEntry = {
      name,
      flags: view.getUint16(p + 8, true),
      method: view.getUint16(p + 10, true),
      crc: view.getUint32(p + 16, true),
      compressedSize: rawCompressed,
      size: rawSize,
      localOffset: rawOffset,
    };
    const extraStart = p + 46 + nameLength;
    zip64Extra(new DataView(dir.buffer, dir.byteOffset + extraStart, Math.min(extraLength, dir.length - extraStart)), entry, rawSize, rawCompressed, rawOffset);
    p = extraStart + extraLength + commentLength;
    if (name.endsWith('/')) continue; // directory entry
    assertSafeEntryName(name);
    if (entries.has(name)) throw new ImportError(`${label}: the zip lists ${JSON.stringify(name)} twice`, name);
    entries.set(name, entry);
  }
  return entries;
}

function inflateEntry(entry: ZipEntry, compressed: Uint8Array): Uint8Array {
  const out = new Uint8Array(entry.size);
  let filled = 0;
  const inflater = new Inflate((chunk) => {
    if (filled + chunk.length > out.length) {
      throw ImportError.inFile(entry.name, 'decompresses to more bytes than the zip declares (zip bomb?)');
    }
    out.set(chunk, filled);
    filled += chunk.length;
  });
  try {
    for (let at = 0; at < compressed.length; at += CHUNK) {
      inflater.push(compressed.subarray(at, at + CHUNK), at + CHUNK >= compressed.length);
    }
    if (compressed.length === 0) inflater.push(compressed, true);
  } catch (cause) {
    if (cause instanceof ImportError) throw cause;
    throw ImportError.inFile(entry.name, `corrupt compressed data (${(cause as Error).message})`);
  }
  if (filled !== out.length) throw ImportError.inFile(entry.name, `truncated: ${filled} of ${out.length} bytes`);
  return out;
}

async function readEntry(fh: FileHandle, fileSize: number, entry: ZipEntry): Promise<Uint8Array> {
  if (entry.flags & 0x1) throw ImportError.inFile(entry.name, 'is encrypted; export the archive again without a password');
  const header = new DataView((await readAt(fh, entry.localOffset, 30, entry.name)).buffer);
  if (header.getUint32(0, true) !== LOCAL) throw ImportError.inFile(entry.name, 'corrupt zip: local header missing');
  const dataStart = entry.localOffset + 30 + header.getUint16(26, true) + header.getUint16(28, true);
  if (dataStart + entry.compressedSize > fileSize) throw ImportError.inFile(entry.name, 'zip is truncated inside this file');
  const compressed = await readAt(fh, dataStart, entry.compressedSize, entry.name);
  let bytes: Uint8Array;
  if (entry.method === 0) {
    if (entry.compressedSize !== entry.size) throw ImportError.inFile(entry.name, 'corrupt zip: stored sizes disagree');
    bytes = compressed;
  } else if (entry.method === 8) bytes = inflateEntry(entry, compressed);
  else throw ImportError.inFile(entry.name, `uses unsupported zip compression method ${entry.method}`);
  if (crc32(bytes) !== entry.crc) throw ImportError.inFile(entry.name, 'CRC-32 mismatch: the zip is corrupt');
  return bytes;
}

export async function openZipSource(path: string, fileSize: number, limits: ImportLimits): Promise<ArchiveSource> {
  const fh = await open(path, 'r');
  try {
    if (fileSize < 22) throw new ImportError(`${path}: neither a folder nor a zip archive`, path);
    const dir = await findDirectory(fh, path, fileSize);
    if (dir.count > limits.maxEntries) {
      throw new ImportError(`${path}: the zip lists ${dir.count} files, more than the ${limits.maxEntries} allowed`, path);
    }
    const entries = parseDirectory(await readAt(fh, dir.offset, dir.size, path), dir.count, path);
    const budget = new ByteBudget(limits.maxTotalBytes, path);
    const sorted = [...entries.keys()].sort();
    return {
      label: path,
      names: sorted,
      has: (name) => entries.has(name),
      async read(name) {
        const entry = entries.get(name);
        if (!entry) throw new ImportError(`${name}: not in ${path}`, name);
        budget.take(name, entry.size);
        return readEntry(fh, fileSize, entry);
      },
      close: () => fh.close(),
    };
  } catch (error) {
    await fh.close();
    throw error;
  }
}
