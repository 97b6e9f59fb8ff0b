import type { Db } from '../db/connection';
import { encodeMedia, entryHash, sha256Hex, type EntryFields, type MediaLink } from './encoding';
import type { EntryType, VerifyProblem } from './model';

interface FullRow {
  id: number;
  type: EntryType;
  captured_at: string;
  source: string;
  site_id: number;
  platform: string;
  kind: string;
  external_id: string | null;
  parent_external_id: string | null;
  author: string | null;
  created_at: string | null;
  hidden: number | null;
  version: number | null;
  content_type: string | null;
  text: string | null;
  action: string | null;
  actor_id: number | null;
  note: string | null;
  ref_entry_id: number | null;
  last_seen_at: string | null;
  found_gone_at: string | null;
  media_count: number;
  payload_sha256: string | null;
  prev_hash: string;
  entry_hash: string;
  payload: Buffer | null;
}

const HEX_HASHES = 'lower(hex(payload_sha256)) AS payload_sha256, lower(hex(prev_hash)) AS prev_hash, lower(hex(entry_hash)) AS entry_hash';

export interface ChainPosition {
  /** The id the next entry must have. */
  expectedId: number;
  /** The stored hash of the entry before it, which its prev_hash must equal. */
  prevHash: string;
}

/** Full-table lookups by hash are slow; a verify of a badly damaged file stops classifying after this many. */
const MAX_HASH_LOOKUPS = 32;
/** A gap longer than this is reported as one problem for its first entry, not one per entry. */
const MAX_LISTED_GAP = 20;

function fieldsOf(r: FullRow, media: string | null): EntryFields {
  return {
    id: r.id,
    type: r.type,
    capturedAt: r.captured_at,
    source: r.source,
    siteId: r.site_id,
    platform: r.platform,
    kind: r.kind,
    externalId: r.external_id,
    parentExternalId: r.parent_external_id,
    author: r.author,
    createdAt: r.created_at,
    hidden: r.hidden,
    version: r.version,
    contentType: r.content_type,
    text: r.text,
    action: r.action,
    actorId: r.actor_id,
    note: r.note,
    refEntryId: r.ref_entry_id,
    lastSeenAt: r.last_seen_at,
    foundGoneAt: r.found_gone_at,
    mediaCount: r.media_count,
    media,
    payloadSha256: r.payload_sha256,
    prevHash: r.prev_hash,
  };
}

/**
 * The slow, exact pass over a range the fast pass found wrong: which entry, and what happened to
 * it. Run only where something is already known to be broken, so it may afford a row at a time.
 */
export class Diagnosis {
  private readonly rows;
  private readonly links;
  private readonly byHash;
  private lookups = 0;

  constructor(db: Db) {
    this.rows = db.prepare(`
      SELECT id, type, captured_at, source, site_id, platform, kind, external_id, parent_external_id, author, created_at,
        hidden, version, content_type, text, action, actor_id, note, ref_entry_id, last_seen_at, found_gone_at,
        media_count, payload, ${HEX_HASHES}
      FROM archive_entries WHERE id > ? AND id <= ? ORDER BY id`);
    this.links = db.prepare(
      'SELECT media_sha256 AS sha256, media_type AS mediaType, source_url AS sourceUrl FROM archive_entry_media WHERE entry_id = ? ORDER BY ordinal',
    );
    this.byHash = db.prepare(`SELECT id FROM archive_entries WHERE entry_hash = unhex(?) LIMIT 1`).pluck();
  }

  /** The encoded media links an entry has under an id (links are keyed by entry id, so a row
   *  moved to another id left its links behind). */
  private mediaOf(entryId: number, mediaCount: number): string | null {
    return mediaCount === 0 ? null : encodeMedia(this.links.all(entryId) as MediaLink[]);
  }

  private ownerOf(hash: string, near: Map<string, number>): number | null {
    const local = near.get(hash);
    if (local !== undefined) return local;
    if (this.lookups >= MAX_HASH_LOOKUPS) return null;
    this.lookups++;
    return (this.byHash.get(hash) as number | undefined) ?? null;
  }

  /** Examines entries with afterId < id <= uptoId; returns where the chain stands after them. */
  run(afterId: number, uptoId: number, at: ChainPosition, problems: VerifyProblem[]): ChainPosition {
    const rows = this.rows.all(afterId, uptoId) as FullRow[];
    const near = new Map(rows.map((r) => [r.entry_hash, r.id] as const));
    let { expectedId, prevHash } = at;
    let prevFlagged = false;
    for (const r of rows) {
      const before = problems.length;
      const gap = r.id > expectedId;
      if (gap) this.reportGap(expectedId, r.id - 1, problems);
      const fields = fieldsOf(r, this.mediaOf(r.id, r.media_count));
      const payloadOk = r.payload === null ? r.payload_sha256 === null : sha256Hex(r.payload) === r.payload_sha256;
      if (!payloadOk) {
        problems.push({ entryId: r.id, kind: 'changed', message: `Entry ${r.id}: the stored payload bytes no longer match their SHA-256.` });
      }
      if (entryHash(fields) !== r.entry_hash) {
        const predecessor = this.ownerOf(r.prev_hash, near);
        const originalId = predecessor === null ? null : predecessor + 1;
        const moved = originalId !== null && originalId !== r.id;
        if (moved && entryHash({ ...fields, id: originalId, media: this.mediaOf(originalId, r.media_count) }) === r.entry_hash) {
          problems.push({ entryId: r.id, kind: 'reordered', message: `Entry ${r.id} holds the record written as entry ${originalId}.` });
        } else if (payloadOk) {
          problems.push({ entryId: r.id, kind: 'changed', message: `Entry ${r.id}: its stored fields no longer match its hash.` });
        }
      } else if (r.prev_hash !== prevHash && !gap && !prevFlagged) {
        const owner = this.ownerOf(r.prev_hash, near);
        if (owner !== null && owner !== r.id - 1) {
          problems.push({ entryId: r.id, kind: 'reordered', message: `Entry ${r.id} was written after entry ${owner}, not after entry ${r.id - 1}.` });
        } else {
          problems.push({
            entryId: r.id - 1,
            kind: 'changed',
            message: `Entry ${r.id - 1}: its hash was rewritten; entry ${r.id} still links to the original.`,
          });
        }
      }
      prevFlagged = problems.length > before;
      prevHash = r.entry_hash;
      expectedId = r.id + 1;
    }
    if (uptoId >= expectedId) {
      this.reportGap(expectedId, uptoId, problems);
      expectedId = uptoId + 1;
    }
    return { expectedId, prevHash };
  }

  private reportGap(first: number, last: number, problems: VerifyProblem[]): void {
    const count = last - first + 1;
    if (count > MAX_LISTED_GAP) {
      problems.push({ entryId: first, kind: 'removed', message: `Entries ${first} to ${last} (${count}) are missing.` });
      return;
    }
    for (let id = first; id <= last; id++) problems.push({ entryId: id, kind: 'removed', message: `Entry ${id} is missing.` });
  }
}
