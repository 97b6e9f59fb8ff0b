import type { Db } from '../db/connection';
import { wellFormed } from './encoding';
import type { ArchivedRecord, ArchiveStats, MediaRef, RecordVersion } from './model';
import type { CaptureSource, ObjectKind, PlatformKey } from './types';

interface EntryRow {
  id: number;
  type: string;
  captured_at: string;
  source: CaptureSource;
  kind: ObjectKind;
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
  payload: Buffer | null;
}

export interface StoredMedia {
  sha256: string;
  mediaType: string;
  size: number;
  bytes: Uint8Array;
}

/** Read side: one object's whole history, media by hash, and counts. */
export class Records {
  private readonly entriesOf;
  private readonly mediaLinks;
  private readonly media;
  private readonly entryCount;
  private readonly objectCount;
  private readonly eventCounts;
  private readonly payloadBytes;
  private readonly fileBytes;
  private readonly mediaCounts;
  private readonly head;
  private readonly lastCheckpoint;
  private readonly runCounts;

  constructor(db: Db) {
    this.entriesOf = db.prepare(`
      SELECT id, type, captured_at, source, kind, parent_external_id, author, created_at, hidden, version,
        content_type, text, action, actor_id, note, ref_entry_id, last_seen_at, found_gone_at, media_count,
        lower(hex(payload_sha256)) AS payload_sha256, payload
      FROM archive_entries WHERE site_id = ? AND external_id = ? AND platform = ? ORDER BY id`);
    this.mediaLinks = db.prepare(`
      SELECT l.ordinal, l.media_sha256 AS sha256, l.media_type AS mediaType, l.source_url AS sourceUrl, m.size
      FROM archive_entry_media l JOIN archive_media m ON m.sha256 = l.media_sha256
      WHERE l.entry_id = ? ORDER BY l.ordinal`);
    this.media = db.prepare('SELECT sha256, media_type AS mediaType, size, bytes FROM archive_media WHERE sha256 = ?');
    // Counts that never scan the captures: ids have no gaps, first versions and events are indexed.
    this.entryCount = db.prepare('SELECT coalesce(max(id), 0) FROM archive_entries').pluck();
    this.objectCount = db.prepare(`SELECT count(*) FROM archive_entries WHERE type = 'capture' AND version = 1`).pluck();
    this.eventCounts = db.prepare(`SELECT type, count(*) FROM archive_entries WHERE type <> 'capture' GROUP BY type`).raw();
    this.payloadBytes = db.prepare('SELECT coalesce(sum(length(payload)), 0) FROM archive_entries').pluck();
    this.fileBytes = db.prepare('SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()').pluck();
    this.mediaCounts = db.prepare('SELECT count(*) AS count, coalesce(sum(size), 0) AS bytes FROM archive_media');
    this.head = db.prepare('SELECT id AS entryId, lower(hex(entry_hash)) AS hash FROM archive_entries ORDER BY id DESC LIMIT 1');
    this.lastCheckpoint = db.prepare('SELECT entry_id AS entryId, signed_at AS signedAt FROM archive_checkpoints ORDER BY id DESC LIMIT 1');
    this.runCounts = db.prepare('SELECT status, count(*) AS n FROM capture_runs GROUP BY status').raw();
  }

  getRecord(siteId: number, platform: PlatformKey, externalId: string): ArchivedRecord | null {
    const rows = this.entriesOf.all(siteId, wellFormed(externalId), platform) as EntryRow[];
    if (!rows.some((r) => r.type === 'capture')) return null;
    const record: ArchivedRecord = { siteId, platform, externalId, versions: [], deletions: [], actions: [], deleted: false, hidden: false };
    for (const r of rows) {
      if (r.type === 'capture') {
        record.versions.push(this.toVersion(r));
        record.deleted = false;
        record.hidden = r.hidden === 1;
      } else if (r.type === 'deletion') {
        record.deletions.push({
          entryId: r.id,
          version: r.version,
          lastSeenAt: r.last_seen_at,
          foundGoneAt: r.found_gone_at ?? r.captured_at,
          reconcileEntryId: r.ref_entry_id,
        });
        record.deleted = true;
      } else if (r.type === 'action') {
        record.actions.push({
          entryId: r.id,
          at: r.captured_at,
          action: r.action ?? '',
          actorId: r.actor_id,
          note: r.note,
          versionEntryId: r.ref_entry_id,
        });
      }
    }
    return record;
  }

  private toVersion(r: EntryRow): RecordVersion {
    return {
      entryId: r.id,
      version: r.version ?? 0,
      capturedAt: r.captured_at,
      source: r.source,
      kind: r.kind,
      parentExternalId: r.parent_external_id,
      author: r.author,
      createdAt: r.created_at,
      hidden: r.hidden === 1,
      text: r.text,
      contentType: r.content_type ?? '',
      payloadSha256: r.payload_sha256 ?? '',
      payload: r.payload ?? new Uint8Array(0),
      media: r.media_count === 0 ? [] : (this.mediaLinks.all(r.id) as MediaRef[]),
    };
  }

  getMedia(sha256: string): StoredMedia | null {
    return (this.media.get(sha256) as StoredMedia | undefined) ?? null;
  }

  /** Cheap enough for every refresh of a view; the payload byte total reads every row, so only on request. */
  stats(options: { payloadBytes?: boolean } = {}): ArchiveStats {
    const events = { deletion: 0, reconcile: 0, action: 0 };
    for (const [type, n] of this.eventCounts.all() as [keyof typeof events, number][]) events[type] = n;
    const entries = this.entryCount.get() as number;
    const runs = { running: 0, interrupted: 0, failed: 0, succeeded: 0 };
    for (const [status, n] of this.runCounts.all() as [keyof typeof runs, number][]) runs[status] = n;
    return {
      entries,
      objects: this.objectCount.get() as number,
      versions: entries - events.deletion - events.reconcile - events.action,
      deletions: events.deletion,
      reconciles: events.reconcile,
      actions: events.action,
      payloadBytes: options.payloadBytes ? (this.payloadBytes.get() as number) : null,
      fileBytes: this.fileBytes.get() as number,
      media: this.mediaCounts.get() as ArchiveStats['media'],
      head: (this.head.get() as ArchiveStats['head'] | undefined) ?? null,
      lastCheckpoint: (this.lastCheckpoint.get() as ArchiveStats['lastCheckpoint'] | undefined) ?? null,
      runs,
    };
  }
}
