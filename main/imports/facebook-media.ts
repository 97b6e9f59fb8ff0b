/**
 * Facebook attachments name their photo or video by `uri`, relative to the export's root folder.
 * When the export includes that file we read its bytes into the record. A uri is only ever looked
 * up among the archive's own listed names, so "../" or absolute paths in a hostile export reach
 * nothing; URLs and missing files are simply left as references in the payload.
 */
import type { CapturedMedia } from '../archive/types';
import { ownArray, ownRecord, ownString } from './json-access';
import { mediaTypeFor } from './media-types';
import type { ArchiveSource } from './source-types';

export function mediaUris(record: unknown): string[] {
  const uris: string[] = [];
  for (const attachment of ownArray(record, 'attachments')) {
    for (const item of ownArray(attachment, 'data')) {
      const uri = ownString(ownRecord(item, 'media'), 'uri');
      if (uri) uris.push(uri);
    }
  }
  return uris;
}

function isPlainRelative(uri: string): boolean {
  return !/^[a-z][a-z0-9+.-]*:/i.test(uri) && !uri.startsWith('/') && !uri.includes('\\') && !uri.split('/').includes('..');
}

/** Folders a uri may be relative to: every ancestor of the JSON file, deepest first. */
function rootsFor(jsonName: string): string[] {
  const parts = jsonName.split('/').slice(0, -1);
  const roots: string[] = [];
  for (let n = parts.length; n >= 0; n--) roots.push(parts.slice(0, n).map((p) => `${p}/`).join(''));
  return roots;
}

export class FacebookMediaReader {
  readonly read = new Set<string>();
  private readonly cache = new Map<string, Uint8Array>();
  constructor(private readonly source: ArchiveSource) {}

  async forRecord(jsonName: string, record: unknown): Promise<CapturedMedia[]> {
    const media: CapturedMedia[] = [];
    for (const uri of mediaUris(record)) {
      if (!isPlainRelative(uri)) continue;
      const name = rootsFor(jsonName)
        .map((root) => root + uri)
        .find((candidate) => this.source.has(candidate));
      if (!name) continue;
      let bytes = this.cache.get(name);
      if (!bytes) {
        bytes = await this.source.read(name);
        this.cache.set(name, bytes);
        this.read.add(name);
      }
      media.push({ bytes, mediaType: mediaTypeFor(name), sourceUrl: null });
    }
    return media;
  }
}
