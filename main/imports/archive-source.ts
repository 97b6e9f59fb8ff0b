/** Opens what the user picked as an ArchiveSource: a folder as-is, any other file as a zip. */
import { stat } from 'node:fs/promises';
import { ImportError } from './errors';
import { openFolderSource } from './folder-source';
import { DEFAULT_LIMITS, type ArchiveSource, type ImportLimits } from './source-types';
import { openZipSource } from './zip-source';

export async function openSource(path: string, limits: ImportLimits = DEFAULT_LIMITS): Promise<ArchiveSource> {
  let info;
  try {
    info = await stat(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code ?? 'unreadable';
    throw new ImportError(`${path}: cannot open (${code})`, path);
  }
  if (info.isDirectory()) return openFolderSource(path, limits);
  if (info.isFile()) return openZipSource(path, info.size, limits);
  throw new ImportError(`${path}: neither a folder nor a zip archive`, path);
}

/** Runs `body` with the source open and always closes it. */
export async function withSource<T>(
  path: string,
  limits: ImportLimits | undefined,
  body: (source: ArchiveSource) => Promise<T>,
): Promise<T> {
  const source = await openSource(path, limits ?? DEFAULT_LIMITS);
  try {
    return await body(source);
  } finally {
    await source.close();
  }
}
