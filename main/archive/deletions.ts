import type { Db } from '../db/connection';
import type { Chain, ChainTx } from './chain';
import { sha256Hex, wellFormed } from './encoding';
import { ArchiveInputError, checkSource, isoTime } from './input';
import type { CaptureSource, ObjectKind, PlatformKey } from './types';

export interface DeletionInput {
  siteId: number;
  platform: PlatformKey;
  externalId: string;
  /** When the capture found it gone (default: now). */
  foundGoneAt?: string;
  /** When it was last seen, if the caller knows better than the archive. */
  lastSeenAt?: string;
  source?: CaptureSource;
}

export interface ReconcileInput {
  siteId: number;
  kind: ObjectKind;
  /** Limit the scope to the children of one post or comment. */
  parentExternalId?: string | null;
  /** Every id the platform listed in this scope now. */
  seenExternalIds: readonly string[];
  capturedAt: string;
  source?: CaptureSource;
}

export interface ReconcileResult {
  reconcileEntryId: number;
  deleted: { externalId: string; entryId: number }[];
}

interface LatestCapture {
  id: number;
  platform: string;
  version: number;
  kind: string;
  parentExternalId: string | null;
  author: string | null;
  createdAt: string | null;
  hidden: number;
  text: string | null;
  capturedAt: string;
}

export class Deletions {
  private readonly latestCapture;
  private readonly goneSince;
  private readonly lastReconcile;
  private readonly scope;
  private readonly scopeWithParent;
  private readonly sitePlatform;

  constructor(
    db: Db,
    private readonly chain: Chain,
  ) {
    this.latestCapture = db.prepare(`
      SELECT id, platform, version, kind, parent_external_id AS parentExternalId, author, created_at AS createdAt,
        hidden, text, captured_at AS capturedAt
      FROM archive_entries WHERE site_id = ? AND external_id = ? AND type = 'capture'
      ORDER BY id DESC LIMIT 1`);
    this.goneSince = db
      .prepare(`SELECT 1 FROM archive_entries WHERE site_id = ? AND external_id = ? AND type = 'deletion' AND id > ?`)
      .pluck();
    // A reconcile of this scope after the latest version that did not mark the object gone saw it.
    this.lastReconcile = db
      .prepare(`
        SELECT max(captured_at) FROM archive_entries
        WHERE type = 'reconcile' AND site_id = ? AND kind = ? AND id > ? AND id < ?
          AND (parent_external_id IS NULL OR parent_external_id IS ?)`)
      .pluck();
    this.scope = db
      .prepare(`SELECT external_id FROM archive_entries WHERE type = 'capture' AND version = 1 AND site_id = ? AND kind = ?`)
      .pluck();
    this.scopeWithParent = db
      .prepare(`
        SELECT external_id FROM archive_entries
        WHERE type = 'capture' AND version = 1 AND site_id = ? AND kind = ? AND parent_external_id = ?`)
      .pluck();
    this.sitePlatform = db.prepare('SELECT platform FROM sites WHERE id = ?').pluck();
  }

  /** Appends a deletion mark unless the object is unknown or already marked gone; returns its id. */
  recordDeletion(tx: ChainTx, input: DeletionInput, now: string, reconcileEntryId: number | null = null): number | null {
    const source = checkSource(input.source ?? 'api');
    const externalId = wellFormed(input.externalId);
    const latest = this.latestCapture.get(input.siteId, externalId) as LatestCapture | undefined;
    if (!latest || latest.platform !== input.platform) return null;
    if (this.goneSince.get(input.siteId, externalId, latest.id) !== undefined) return null;
    const foundGoneAt = input.foundGoneAt ? isoTime(input.foundGoneAt, 'foundGoneAt') : now;
    let lastSeenAt = input.lastSeenAt ? isoTime(input.lastSeenAt, 'lastSeenAt') : latest.capturedAt;
    if (!input.lastSeenAt) {
      const seen = this.lastReconcile.get(input.siteId, latest.kind, latest.id, reconcileEntryId ?? tx.nextId, latest.parentExternalId) as
        | string
        | null;
      if (seen !== null && seen > lastSeenAt) lastSeenAt = seen;
    }
    // The mark repeats what vanished (author, text, dates), so the deletion is searchable and
    // readable on its own; the bytes stay in the version it points to.
    return this.chain.append(tx, {
      type: 'deletion',
      capturedAt: foundGoneAt,
      source,
      siteId: input.siteId,
      platform: input.platform,
      kind: latest.kind,
      externalId,
      parentExternalId: latest.parentExternalId,
      author: latest.author,
      createdAt: latest.createdAt,
      hidden: latest.hidden,
      version: latest.version,
      contentType: null,
      text: latest.text,
      action: null,
      actorId: null,
      note: null,
      refEntryId: reconcileEntryId,
      lastSeenAt,
      foundGoneAt,
      payload: null,
      payloadSha256: null,
    });
  }

  /**
   * Records what a capture saw in one scope (itself an entry: the list of ids is the evidence) and
   * marks every object of that scope that was there before and is missing now.
   */
  reconcile(tx: ChainTx, input: ReconcileInput): ReconcileResult {
    const platform = this.sitePlatform.get(input.siteId) as string | undefined;
    if (platform === undefined) throw new ArchiveInputError(`No site with id ${input.siteId}.`);
    const source = checkSource(input.source ?? 'api');
    const capturedAt = isoTime(input.capturedAt, 'capturedAt');
    const parent = input.parentExternalId === undefined || input.parentExternalId === null ? null : wellFormed(input.parentExternalId);
    const seen = new Set(input.seenExternalIds.map((id) => wellFormed(id)));
    const payload = Buffer.from(
      JSON.stringify({ siteId: input.siteId, kind: input.kind, parentExternalId: parent, seen: [...seen].sort() }),
      'utf8',
    );
    const reconcileEntryId = this.chain.append(tx, {
      type: 'reconcile',
      capturedAt,
      source,
      siteId: input.siteId,
      platform,
      kind: input.kind,
      externalId: null,
      parentExternalId: parent,
      author: null,
      createdAt: null,
      hidden: null,
      version: null,
      contentType: 'application/json',
      text: null,
      action: null,
      actorId: null,
      note: `${seen.size} seen`,
      refEntryId: null,
      lastSeenAt: null,
      foundGoneAt: null,
      payload,
      payloadSha256: sha256Hex(payload),
    });
    const candidates = (
      parent === null ? this.scope.all(input.siteId, input.kind) : this.scopeWithParent.all(input.siteId, input.kind, parent)
    ) as string[];
    const deleted: ReconcileResult['deleted'] = [];
    for (const externalId of candidates) {
      if (seen.has(externalId)) continue;
      const entryId = this.recordDeletion(
        tx,
        { siteId: input.siteId, platform: platform as PlatformKey, externalId, foundGoneAt: capturedAt, source },
        capturedAt,
        reconcileEntryId,
      );
      if (entryId !== null) deleted.push({ externalId, entryId });
    }
    return { reconcileEntryId, deleted };
  }
}
