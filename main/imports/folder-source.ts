/** An unpacked export folder. Symbolic links are skipped so nothing outside the folder is read. */
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { ByteBudget, type ArchiveSource, type ImportLimits } from './source-types';
import { ImportError } from './errors';

const MAX_DEPTH = 32;

async function walk(root: string, rel: string, depth: number, out: string[], limits: ImportLimits): Promise<void> {
  if (depth > MAX_DEPTH) throw new ImportError(`${root}: folders nested deeper than ${MAX_DEPTH} levels`, rel);
  const dirents = await readdir(join(root, rel), { withFileTypes: true });
  for (const d of dirents) {
    const name = rel ? `${rel}/${d.name}` : d.name;
    if (d.isDirectory()) await walk(root, name, depth + 1, out, limits);
    else if (d.isFile()) {
      out.push(name);
      if (out.length > limits.maxEntries) {
        throw new ImportError(`${root}: more than ${limits.maxEntries} files; not an export this importer accepts`, root);
      }
    }
  }
}

export async function openFolderSource(root: string, limits: ImportLimits): Promise<ArchiveSource> {
  const names: string[] = [];
  await walk(root, '', 0, names, limits);
  names.sort();
  const known = new Set(names);
  const budget = new ByteBudget(limits.maxTotalBytes, root);
  return {
    label: root,
    names,
    has: (name) => known.has(name),
    async read(name) {
      // Only names from our own listing are readable, so a path taken from a payload cannot escape.
      if (!known.has(name)) throw new ImportError(`${name}: not in ${root}`, name);
      const path = join(root, ...name.split('/'));
      budget.take(name, (await stat(path)).size);
      return new Uint8Array(await readFile(path));
    },
    async close() {},
  };
}
