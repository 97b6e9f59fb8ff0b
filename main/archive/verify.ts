import type { Db } from '../db/connection';
import { Diagnosis, type ChainPosition } from './diagnose';
import { entryEncodingSql, GENESIS_HASH, sha256Hex } from './encoding';
import type { VerifyOptions, VerifyProblem, VerifyResult } from './model';
import { verifyCheckpointSignature } from './signer';

const CHUNK = 1000;
const HASH_BYTES = 32;
/** A NULL payload hash reads as 32 zero bytes in the fast pass. */
const BLANK_HASH = Buffer.alloc(HASH_BYTES);

type ChunkRow = [number, number | null, number | null, Buffer | null, string | null, number | null];

interface CheckpointRow {
  entryId: number;
  headHash: string;
  signedAt: string;
  signature: string;
  publicKey: string | null;
  entryHash: string | null;
}

/**
 * Recomputes every entry hash from the stored bytes and walks the links. The fast pass asks SQLite
 * for a whole chunk at once: the canonical encodings (built in SQL, see entryEncodingSql), the
 * payloads and the stored hashes, each concatenated into one value, so the per-entry cost in
 * JavaScript is two hash calls and a few string slices rather than two dozen column reads. Any
 * chunk that does not check out is handed to Diagnosis, which says exactly what is wrong.
 */
export class Verifier {
  private readonly chunk;
  private readonly checkpoints;
  private readonly head;
  private readonly hashOf;
  private readonly media;
  private readonly linkedFrom;
  private readonly linkCounts;
  private readonly danglingLinks;

  constructor(private readonly db: Db) {
    // LIMIT in the subquery keeps SQLite from flattening it, so each encoding is built once.
    // Per chunk, one BLOB holding, for each entry in order, its canonical encoding, its payload and
    // its three stored hashes, plus one string of lengths: each entry costs a single concatenation
    // in SQLite and no per-row value crossing into JavaScript. `bad` counts hash columns that are not
    // 32 bytes, which would shift the fixed-width hash slots. LIMIT keeps the subquery from being
    // flattened, so each encoding is built once.
    this.chunk = db
      .prepare(`
        SELECT count(*), min(id), max(id),
          CAST(group_concat(CAST(enc AS BLOB) || coalesce(payload, X'') || coalesce(payload_sha256, zeroblob(32)) || prev_hash || entry_hash, '') AS BLOB),
          group_concat(octet_length(enc) || ',' || coalesce(octet_length(payload), -1)),
          sum(octet_length(prev_hash) <> 32 OR octet_length(entry_hash) <> 32 OR coalesce(octet_length(payload_sha256), 32) <> 32
              OR prev_hash IS NULL OR entry_hash IS NULL)
        FROM (SELECT e.id, e.payload, e.payload_sha256, e.prev_hash, e.entry_hash, ${entryEncodingSql('e')} AS enc
              FROM archive_entries e WHERE e.id > ? ORDER BY e.id LIMIT ?)`)
      .raw();
    this.checkpoints = db.prepare(`
      SELECT c.entry_id AS entryId, c.head_hash AS headHash, c.signed_at AS signedAt, c.signature,
        k.public_key AS publicKey, CASE WHEN e.id IS NULL THEN NULL ELSE lower(hex(e.entry_hash)) END AS entryHash
      FROM archive_checkpoints c
      LEFT JOIN archive_signing_keys k ON k.id = c.key_id
      LEFT JOIN archive_entries e ON e.id = c.entry_id
      ORDER BY c.id`);
    this.head = db.prepare('SELECT max(id) FROM archive_entries').pluck();
    this.hashOf = db.prepare('SELECT lower(hex(entry_hash)) FROM archive_entries WHERE id = ?').pluck();
    this.media = db.prepare('SELECT sha256, bytes FROM archive_media').raw();
    this.linkedFrom = db.prepare('SELECT DISTINCT entry_id FROM archive_entry_media WHERE media_sha256 = ? ORDER BY entry_id').pluck();
    this.linkCounts = db
      .prepare(`
        SELECT l.entry_id FROM (SELECT entry_id, count(*) AS n FROM archive_entry_media GROUP BY entry_id) l
        LEFT JOIN archive_entries e ON e.id = l.entry_id
        WHERE e.id IS NULL OR e.media_count <> l.n`)
      .pluck();
    this.danglingLinks = db
      .prepare(`
        SELECT l.entry_id FROM archive_entry_media l LEFT JOIN archive_media m ON m.sha256 = l.media_sha256
        WHERE m.sha256 IS NULL`)
      .pluck();
  }

  verify(options: VerifyOptions = {}): VerifyResult {
    // One read transaction: a consistent snapshot even while a capture appends on another connection.
    return this.db.transaction(() => this.run(options))();
  }

  private run(options: VerifyOptions): VerifyResult {
    const problems: VerifyProblem[] = [];
    const diagnosis = new Diagnosis(this.db);
    const max = Math.max(options.maxProblems ?? 1000, 1);
    let position: ChainPosition = { expectedId: 1, prevHash: GENESIS_HASH };
    let checked = 0;
    for (;;) {
      const [count, minId, maxId, data, lengths, bad] = this.chunk.get(position.expectedId - 1, CHUNK) as ChunkRow;
      if (count === 0 || minId === null || maxId === null) break;
      checked += count;
      const fast = bad === 0 ? checkChunk(position, count, minId, maxId, data, lengths) : null;
      if (fast) position = fast;
      // Past the limit a wrecked file is not worth naming entry by entry; keep walking to count.
      else if (problems.length < max) position = diagnosis.run(position.expectedId - 1, maxId, position, problems);
      else position = { expectedId: maxId + 1, prevHash: this.hashOf.get(maxId) as string };
    }
    const checkpoints = this.checkCheckpoints(options, problems);
    const media = this.checkMedia(problems);
    return { ok: problems.length === 0, checked, checkpoints, media, problems: problems.slice(0, max) };
  }

  private checkCheckpoints(options: VerifyOptions, problems: VerifyProblem[]): number {
    // An empty list means no key is known (say, the keychain is locked): fall back to the stored keys
    // rather than calling every checkpoint forged.
    const keys = options.trustedPublicKeys ?? [];
    const trusted = keys.length > 0 ? new Set(keys.map((k) => Buffer.from(k).toString('hex'))) : null;
    const rows = this.checkpoints.all() as CheckpointRow[];
    let covered = 0;
    for (const c of rows) {
      const at = `Checkpoint at entry ${c.entryId}`;
      if (c.publicKey === null) {
        problems.push({ entryId: c.entryId, kind: 'bad-signature', message: `${at} names a signing key the archive does not hold.` });
        continue;
      }
      if (trusted && !trusted.has(c.publicKey)) {
        problems.push({ entryId: c.entryId, kind: 'bad-signature', message: `${at} is signed by a key that is not trusted.` });
        continue;
      }
      const valid = verifyCheckpointSignature(Buffer.from(c.publicKey, 'hex'), c, Buffer.from(c.signature, 'hex'));
      if (!valid) {
        problems.push({ entryId: c.entryId, kind: 'bad-signature', message: `${at}: the signature does not match.` });
        continue;
      }
      if (c.entryHash === null) {
        problems.push({ entryId: c.entryId, kind: 'removed', message: `${at}: the signed entry ${c.entryId} is missing.` });
      } else if (c.entryHash !== c.headHash) {
        problems.push({ entryId: c.entryId, kind: 'changed', message: `${at}: entry ${c.entryId} no longer has the hash that was signed.` });
      }
      covered = Math.max(covered, c.entryId);
    }
    const head = (this.head.get() as number | null) ?? 0;
    if (rows.length > 0 && head > covered) {
      problems.push({
        entryId: covered + 1,
        kind: 'bad-signature',
        message: `Entries ${covered + 1} to ${head} are not covered by any valid signed checkpoint.`,
      });
    }
    return rows.length;
  }

  /** Media are checked by content, then named by every entry that links them. One problem per
   *  entry: an entry already found reordered or changed is not reported again for its links. */
  private checkMedia(problems: VerifyProblem[]): number {
    const bad: string[] = [];
    let count = 0;
    for (const [sha, bytes] of this.media.iterate() as Iterable<[string, Buffer]>) {
      count++;
      if (sha256Hex(bytes) !== sha) bad.push(sha);
    }
    const flagged = new Set(problems.map((p) => p.entryId));
    const report = (p: VerifyProblem) => {
      if (flagged.has(p.entryId)) return;
      flagged.add(p.entryId);
      problems.push(p);
    };
    for (const sha of bad) {
      for (const entryId of this.linkedFrom.all(sha) as number[]) {
        report({ entryId, kind: 'changed', message: `Entry ${entryId}: its media ${sha} no longer matches that SHA-256.` });
      }
    }
    for (const entryId of this.linkCounts.all() as number[]) {
      report({ entryId, kind: 'changed', message: `Entry ${entryId}: its media links differ from what it recorded.` });
    }
    for (const entryId of this.danglingLinks.all() as number[]) {
      report({ entryId, kind: 'removed', message: `Entry ${entryId} links media that is missing.` });
    }
    return count;
  }
}

/** The fast pass over one chunk: the next chain position if every entry checks out, else null. */
function checkChunk(at: ChainPosition, count: number, minId: number, maxId: number, data: Buffer | null, lengths: string | null): ChainPosition | null {
  if (minId !== at.expectedId || maxId - minId + 1 !== count) return null;
  if (data === null || lengths === null) return null;
  const lens = lengths.split(',');
  if (lens.length !== 2 * count) return null;
  // The previous entry's stored hash, as a place in data (or, for the first entry, the position's hex).
  let prevAt = -1;
  let off = 0;
  for (let i = 0; i < count; i++) {
    const eLen = Number(lens[2 * i]);
    const pLen = Number(lens[2 * i + 1]);
    const pOff = off + eLen;
    const hOff = pOff + (pLen < 0 ? 0 : pLen);
    const end = hOff + HASH_BYTES * 3;
    if (!(eLen >= 0) || !(pLen >= -1) || end > data.length) return null;
    const prevOff = hOff + HASH_BYTES;
    const hashOff = prevOff + HASH_BYTES;
    if (prevAt < 0) {
      if (data.toString('hex', prevOff, hashOff) !== at.prevHash) return null;
    } else if (data.compare(data, prevAt, prevAt + HASH_BYTES, prevOff, hashOff) !== 0) return null;
    if (sha256Hex(data.subarray(off, pOff)) !== data.toString('hex', hashOff, end)) return null;
    if (pLen < 0) {
      if (data.compare(BLANK_HASH, 0, HASH_BYTES, hOff, prevOff) !== 0) return null;
    } else if (sha256Hex(data.subarray(pOff, hOff)) !== data.toString('hex', hOff, prevOff)) return null;
    prevAt = hashOff;
    off = end;
  }
  if (off !== data.length || prevAt < 0) return null;
  return { expectedId: maxId + 1, prevHash: data.toString('hex', prevAt, prevAt + HASH_BYTES) };
}
