import type { Db } from '../db/connection';
import { encodeMedia, entryHash, GENESIS_HASH, type EntryFields, type MediaLink } from './encoding';
import { checkpointMessage, type CheckpointSigner } from './signer';

/**
 * Why a hash chain with signed checkpoints rather than an RFC 6962 Merkle tree: the archive's one
 * writer appends in order, verify must re-read every byte anyway (REC-3 asks that the records
 * themselves are intact, not just that a proof exists), and a chain names the exact entry where a
 * change, gap or reordering begins with one sequential pass and O(1) state. A Merkle tree's
 * advantage, logarithmic inclusion and consistency proofs for third parties, is not something
 * anyone here asks for, and it would cost a tree rebuild on every append. The signature on the
 * head at every commit is what stops an attacker from simply recomputing the chain after an edit.
 */

export interface MediaItem extends MediaLink {
  bytes: Uint8Array;
}

/** A capture entry before it has its place in the chain. */
export interface CaptureInput {
  capturedAt: string;
  source: string;
  siteId: number;
  platform: string;
  kind: string;
  externalId: string;
  parentExternalId: string | null;
  author: string | null;
  createdAt: string | null;
  hidden: number;
  version: number;
  contentType: string;
  text: string | null;
  payload: Uint8Array;
  payloadSha256: string;
  media: readonly MediaItem[];
}

/** Any other entry (deletion, reconcile, action). */
export type OtherInput = Omit<EntryFields, 'id' | 'prevHash' | 'mediaCount' | 'media'> & { payload: Uint8Array | null };

/** The chain position inside one write transaction. */
export interface ChainTx {
  firstId: number;
  nextId: number;
  /** Hex, as the encoding names it. */
  headHash: string;
  /** The same 32 bytes, as the next entry stores them in prev_hash. */
  headBytes: Buffer;
}

export class Chain {
  private readonly head;
  private readonly insertCapture;
  private readonly insertOther;
  private readonly insertMedia;
  private readonly insertLink;
  private readonly indexText;
  private readonly insertKey;
  private readonly keyId;
  private readonly insertCheckpoint;
  constructor(
    db: Db,
    private readonly signer: CheckpointSigner | undefined,
  ) {
    this.head = db.prepare('SELECT id, entry_hash FROM archive_entries ORDER BY id DESC LIMIT 1').raw();
    // Captures are nearly every row: a statement with only their columns binds a third fewer values.
    this.insertCapture = db.prepare(`
      INSERT INTO archive_entries (id, type, captured_at, source, site_id, platform, kind, external_id,
        parent_external_id, author, created_at, hidden, version, content_type, text, media_count,
        payload_sha256, prev_hash, entry_hash, payload)
      VALUES (?, 'capture', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    this.insertOther = db.prepare(`
      INSERT INTO archive_entries (id, type, captured_at, source, site_id, platform, kind, external_id,
        parent_external_id, author, created_at, hidden, version, content_type, text, action, actor_id,
        note, ref_entry_id, last_seen_at, found_gone_at, media_count, payload_sha256, prev_hash,
        entry_hash, payload)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?)`);
    this.insertMedia = db.prepare(`
      INSERT INTO archive_media (sha256, media_type, size, added_at, bytes) VALUES (?, ?, ?, ?, ?)
      ON CONFLICT (sha256) DO NOTHING`);
    this.insertLink = db.prepare(
      'INSERT INTO archive_entry_media (entry_id, ordinal, media_sha256, media_type, source_url) VALUES (?, ?, ?, ?, ?)',
    );
    // One statement per batch instead of one per row: FTS5 tokenizes in C without a JS round trip.
    // Deletion marks are indexed too (they repeat the text that vanished) so "deleted" is a facet.
    this.indexText = db.prepare(`
      INSERT INTO archive_fts (rowid, text, facets)
      SELECT id, text, facets FROM archive_entries WHERE id BETWEEN ? AND ? AND type IN ('capture', 'deletion')`);
    this.insertKey = db.prepare(`
      INSERT INTO archive_signing_keys (algorithm, public_key, added_at) VALUES ('ed25519', ?, ?)
      ON CONFLICT (public_key) DO NOTHING`);
    this.keyId = db.prepare('SELECT id FROM archive_signing_keys WHERE public_key = ?').pluck();
    this.insertCheckpoint = db.prepare(
      'INSERT INTO archive_checkpoints (entry_id, head_hash, signed_at, key_id, signature) VALUES (?, ?, ?, ?, ?)',
    );
  }

  /** Reads the head. Call inside the write transaction, so no other writer can move it meanwhile. */
  open(): ChainTx {
    const row = this.head.get() as [number, Buffer] | undefined;
    const nextId = row ? row[0] + 1 : 1;
    const headBytes = row ? row[1] : Buffer.from(GENESIS_HASH, 'hex');
    return { firstId: nextId, nextId, headHash: headBytes.toString('hex'), headBytes };
  }

  appendCapture(tx: ChainTx, c: CaptureInput): number {
    const id = tx.nextId;
    const media = c.media.length === 0 ? null : encodeMedia(c.media);
    const hash = entryHash({
      id,
      type: 'capture',
      capturedAt: c.capturedAt,
      source: c.source,
      siteId: c.siteId,
      platform: c.platform,
      kind: c.kind,
      externalId: c.externalId,
      parentExternalId: c.parentExternalId,
      author: c.author,
      createdAt: c.createdAt,
      hidden: c.hidden,
      version: c.version,
      contentType: c.contentType,
      text: c.text,
      action: null,
      actorId: null,
      note: null,
      refEntryId: null,
      lastSeenAt: null,
      foundGoneAt: null,
      mediaCount: c.media.length,
      media,
      payloadSha256: c.payloadSha256,
      prevHash: tx.headHash,
    });
    const hashBytes = Buffer.from(hash, 'hex');
    this.insertCapture.run(
      id, c.capturedAt, c.source, c.siteId, c.platform, c.kind, c.externalId, c.parentExternalId, c.author,
      c.createdAt, c.hidden, c.version, c.contentType, c.text, c.media.length, Buffer.from(c.payloadSha256, 'hex'),
      tx.headBytes, hashBytes, c.payload,
    );
    c.media.forEach((m, ordinal) => {
      this.insertMedia.run(m.sha256, m.mediaType, m.bytes.length, c.capturedAt, m.bytes);
      this.insertLink.run(id, ordinal, m.sha256, m.mediaType, m.sourceUrl);
    });
    tx.nextId = id + 1;
    tx.headHash = hash;
    tx.headBytes = hashBytes;
    return id;
  }

  append(tx: ChainTx, e: OtherInput): number {
    const id = tx.nextId;
    const hash = entryHash({ ...e, id, mediaCount: 0, media: null, prevHash: tx.headHash });
    const hashBytes = Buffer.from(hash, 'hex');
    this.insertOther.run(
      id, e.type, e.capturedAt, e.source, e.siteId, e.platform, e.kind, e.externalId, e.parentExternalId,
      e.author, e.createdAt, e.hidden, e.version, e.contentType, e.text, e.action, e.actorId, e.note,
      e.refEntryId, e.lastSeenAt, e.foundGoneAt, e.payloadSha256 === null ? null : Buffer.from(e.payloadSha256, 'hex'),
      tx.headBytes, hashBytes, e.payload,
    );
    tx.nextId = id + 1;
    tx.headHash = hash;
    tx.headBytes = hashBytes;
    return id;
  }

  /** Ends the transaction's part of the chain: index the new text and sign the new head. */
  seal(tx: ChainTx, signedAt: string): void {
    if (tx.nextId === tx.firstId) return;
    const lastId = tx.nextId - 1;
    this.indexText.run(tx.firstId, lastId);
    if (!this.signer) return;
    const checkpoint = { entryId: lastId, headHash: tx.headHash, signedAt };
    const signature = Buffer.from(this.signer.sign(checkpointMessage(checkpoint))).toString('hex');
    this.insertCheckpoint.run(lastId, tx.headHash, signedAt, this.ensureKey(signedAt), signature);
  }

  /** Not cached: a key row written by a transaction that later rolled back would be a dangling id. */
  private ensureKey(at: string): number {
    const hex = Buffer.from(this.signer?.publicKey ?? []).toString('hex');
    this.insertKey.run(hex, at);
    return this.keyId.get(hex) as number;
  }
}
