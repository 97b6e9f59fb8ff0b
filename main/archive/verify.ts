import type { Db } from '../db/connection';
import { Diagnosis, type ChainPosition } from './diagnose';
import { entryEncodingSql, GENESIS_HASH, sha256Hex } from './encoding';
import type { VerifyOptions, VerifyProblem, VerifyResult } from './model';
import { verifyCheckpointSignature } from './signer';

const CHUNK = 1000;
const HASH_WIDTH = 64;
/** A NULL payload hash reads as 32 zero bytes in the fast pass. */
const BLANK_HASH = '0'.repeat(HASH_WIDTH);

type ChunkRow = [number, number | null, number | null, Buffer | null, string | null, Buffer | null, string | null, Buffer | null];

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
    this.chunk = db
      .prepare(`
        SELECT count(*), min(id), max(id),
          CAST(group_concat(enc, '') AS BLOB), group_concat(octet_length(enc)),
          CAST(group_concat(payload, '') AS BLOB), group_concat(coalesce(length(payload), -1)),
          CAST(group_concat(coalesce(payload_sha256, zeroblob(32)) || prev_hash || entry_hash, '') AS BLOB)
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
      const [count, minId, maxId, encs, encLens, payloads, payloadLens, hashes] = this.chunk.get(position.expectedId - 1, CHUNK) as ChunkRow;
      if (count === 0 || minId === null || maxId === null) break;
      checked += count;
      const fast = checkChunk(position, count, minId, maxId, encs, encLens, payloads, payloadLens, hashes?.toString('hex') ?? null);
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
function checkChunk(
  at: ChainPosition,
  count: number,
  minId: number,
  maxId: number,
  encs: Buffer | null,
  encLens: string | null,
  payloads: Buffer | null,
  payloadLens: string | null,
  hashes: string | null,
): ChainPosition | null {
  if (minId !== at.expectedId || maxId - minId + 1 !== count) return null;
  if (encs === null || encLens === null || payloadLens === null || hashes === null) return null;
  if (hashes.length !== count * HASH_WIDTH * 3) return null;
  const eLens = encLens.split(',');
  const pLens = payloadLens.split(',');
  if (eLens.length !== count || pLens.length !== count) return null;
  let prevHash = at.prevHash;
  let eOff = 0;
  let pOff = 0;
  for (let i = 0; i < count; i++) {
    const base = i * HASH_WIDTH * 3;
    const storedPayloadSha = hashes.slice(base, base + HASH_WIDTH);
    const storedPrev = hashes.slice(base + HASH_WIDTH, base + 2 * HASH_WIDTH);
    const storedHash = hashes.slice(base + 2 * HASH_WIDTH, base + 3 * HASH_WIDTH);
    if (storedPrev !== prevHash) return null;
    const eLen = Number(eLens[i]);
    if (sha256Hex(encs.subarray(eOff, eOff + eLen)) !== storedHash) return null;
    eOff += eLen;
    const pLen = Number(pLens[i]);
    if (pLen < 0) {
      if (storedPayloadSha !== BLANK_HASH) return null;
    } else {
      if (payloads === null || sha256Hex(payloads.subarray(pOff, pOff + pLen)) !== storedPayloadSha) return null;
      pOff += pLen;
    }
    prevHash = storedHash;
  }
  if (eOff !== encs.length || pOff !== (payloads?.length ?? 0)) return null;
  return { expectedId: maxId + 1, prevHash };
}
