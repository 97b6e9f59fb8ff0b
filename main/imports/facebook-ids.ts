/**
 * Facebook's export gives posts and comments no ids, so we derive one that stays the same when
 * the same account is exported again, letting the archive recognise a record it already holds:
 *
 *   dyi-post:<unix seconds>:<16 hex>     dyi-comment:<unix seconds>:<16 hex>
 *
 * The hex is the start of SHA-256 over a JSON array of the record's content, with mojibake
 * repaired (so it survives Facebook ever fixing its encoding):
 *   post:    [timestamp, post texts, attachment identities]
 *   comment: [timestamp, comment texts, authors]
 * An attachment's identity is its media file's base name (the folder above it is random per
 * export), its external URL, its place name or its text. Titles ("X shared a link.") are left out
 * because they are written in the exporting user's interface language, and so are payload bytes,
 * which change whenever Facebook re-indents or reorders keys. Records that are still identical
 * get ":2", ":3", ... in file order (see IdAllocator).
 */
import { createHash } from 'node:crypto';
import { isRecord, own, ownArray, ownString } from './json-access';
import { baseName } from './media-types';
import { repairMojibake } from './mojibake';

function digest(content: unknown): string {
  return createHash('sha256').update(JSON.stringify(content)).digest('hex').slice(0, 16);
}

function attachmentIdentities(record: unknown): string[] {
  const out: string[] = [];
  for (const attachment of ownArray(record, 'attachments')) {
    for (const item of ownArray(attachment, 'data')) {
      if (!isRecord(item)) continue;
      for (const key of Object.keys(item).sort()) {
        const value = own(item, key);
        if (key === 'media') out.push(`media:${baseName(ownString(value, 'uri') ?? '')}`);
        else if (key === 'external_context') out.push(`url:${ownString(value, 'url') ?? repairMojibake(ownString(value, 'name') ?? '')}`);
        else if (key === 'place') out.push(`place:${repairMojibake(ownString(value, 'name') ?? '')}`);
        else if (typeof value === 'string') out.push(`${key}:${repairMojibake(value)}`);
        else out.push(key);
      }
    }
  }
  return out;
}

export function postFingerprint(timestamp: number, texts: readonly string[], record: unknown): string {
  return `dyi-post:${timestamp}:${digest([timestamp, texts, attachmentIdentities(record)])}`;
}

export function commentFingerprint(timestamp: number, texts: readonly string[], authors: readonly string[]): string {
  return `dyi-comment:${timestamp}:${digest([timestamp, texts, authors])}`;
}

/** Makes ids unique within one import without changing the first occurrence's id. */
export class IdAllocator {
  private readonly seen = new Map<string, number>();

  allocate(id: string): string {
    const n = (this.seen.get(id) ?? 0) + 1;
    this.seen.set(id, n);
    return n === 1 ? id : `${id}:${n}`;
  }
}
