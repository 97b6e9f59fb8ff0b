/** Shared test helpers. Fixtures are read in place from ../shared/fixtures and never copied into the project. */
import { mkdtemp, mkdir, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { zipSync, type Zippable } from 'fflate';
import { expect } from 'vitest';
import { ImportError } from '../../main/imports';

export const FIXTURES = resolve(process.cwd(), '../shared/fixtures');

export function fixture(...parts: string[]): string {
  return resolve(FIXTURES, ...parts);
}

export function readFixture(...parts: string[]): Promise<Uint8Array> {
  return readFile(fixture(...parts)).then((b) => new Uint8Array(b));
}

const made: string[] = [];

/** A fresh folder under os.tmpdir(); removed by cleanupTemp(). */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'civicdesk-imports-'));
  made.push(dir);
  return dir;
}

export async function cleanupTemp(): Promise<void> {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

/** All files of a fixture folder as archive-relative name -> bytes. */
export async function fixtureFiles(name: string): Promise<Map<string, Uint8Array>> {
  const root = fixture(name);
  const out = new Map<string, Uint8Array>();
  const walk = async (dir: string): Promise<void> => {
    for (const d of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, d.name);
      if (d.isDirectory()) await walk(path);
      else out.set(relative(root, path).split('\\').join('/'), new Uint8Array(await readFile(path)));
    }
  };
  await walk(root);
  return out;
}

/** Writes files (name -> bytes or text) into a new temp folder and returns it. */
export async function writeTree(files: Map<string, Uint8Array | string> | Record<string, Uint8Array | string>): Promise<string> {
  const dir = await tempDir();
  const entries = files instanceof Map ? [...files] : Object.entries(files);
  for (const [name, content] of entries) {
    const path = join(dir, ...name.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content);
  }
  return dir;
}

/** Zips files with fflate into a temp file and returns its path. */
export async function writeZip(files: Map<string, Uint8Array> | Record<string, Uint8Array>, level: 0 | 6 = 6): Promise<string> {
  const zippable: Zippable = {};
  for (const [name, bytes] of files instanceof Map ? files : Object.entries(files)) zippable[name] = [bytes, { level }];
  const path = join(await tempDir(), 'archive.zip');
  await writeFile(path, zipSync(zippable));
  return path;
}

export const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
export const dec = (b: Uint8Array): string => new TextDecoder().decode(b);

/** Awaits a rejection and checks it is an ImportError whose message matches. */
export async function expectImportError(promise: Promise<unknown>, message: RegExp): Promise<ImportError> {
  const error: unknown = await promise.then(
    () => {
      throw new Error('expected an ImportError, but the import succeeded');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ImportError);
  expect((error as ImportError).message).toMatch(message);
  return error as ImportError;
}

function indexOfBytes(hay: Uint8Array, needle: Uint8Array, from: number): number {
  outer: for (let i = from; i + needle.length <= hay.length; i++) {
    for (let k = 0; k < needle.length; k++) if (hay[i + k] !== needle[k]) continue outer;
    return i;
  }
  return -1;
}

/**
 * REC-3 check: the payloads, in order, are byte-exact slices of the file, and the bytes between
 * consecutive payloads are only JSON separators (whitespace and one comma), so nothing was
 * re-serialised, reordered or skipped.
 */
export function expectPayloadsAreSlices(file: Uint8Array, payloads: Uint8Array[]): void {
  let cursor = indexOfBytes(file, payloads[0] ?? new Uint8Array(), 0);
  expect(cursor).toBeGreaterThanOrEqual(0);
  for (const [i, payload] of payloads.entries()) {
    const at = indexOfBytes(file, payload, cursor);
    expect(at, `payload ${i} is not a slice of the file after byte ${cursor}`).toBeGreaterThanOrEqual(0);
    if (i > 0) expect(dec(file.subarray(cursor, at)), `bytes between payloads ${i - 1} and ${i}`).toMatch(/^\s*,\s*$/);
    cursor = at + payload.length;
  }
}
