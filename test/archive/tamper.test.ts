import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkpointMessage, createEphemeralSigner, type VerifyResult } from '../../main/archive';
import { entryEncodingSql } from '../../main/archive/encoding';
import type { CapturedObject } from '../../main/archive/types';
import { obj, tempArchive, type TestArchive } from './helpers';

/**
 * Someone with the file and the sqlite3 tool: triggers dropped, rows edited in place. verify() must
 * notice every such edit and name the entry.
 */
let t: TestArchive;
let raw: Database.Database;

beforeEach(() => {
  t = tempArchive();
  // Three batches, so there are checkpoints at entries 4, 8 and 12.
  for (let b = 0; b < 3; b++) {
    const batch: CapturedObject[] = [];
    for (let i = 0; i < 4; i++) batch.push(obj({ id: `c${b}-${i}`, text: `Comment ${b}-${i} about the library hours` }));
    if (b === 1) batch[0] = { ...batch[0], media: [{ bytes: new Uint8Array([1, 2, 3]), mediaType: 'image/jpeg' }] } as CapturedObject;
    t.archive.ingest(t.fbSite, batch, 'api');
  }
  expect(t.archive.verify()).toMatchObject({ ok: true, checked: 12, checkpoints: 3 });
  raw = new Database(t.file);
  for (const name of raw.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'archive_%'`).pluck().all() as string[]) {
    raw.exec(`DROP TRIGGER ${name}`);
  }
});
afterEach(() => {
  raw.close();
  t.cleanup();
});

const problems = (r: VerifyResult) => r.problems.map((p) => [p.entryId, p.kind]);
const fresh = () => t.reopen().verify();

describe('[REC-3] verify finds tampering done directly in the SQLite file', () => {
  it('[REC-3] one changed byte in a stored payload', () => {
    const payload = raw.prepare('SELECT payload FROM archive_entries WHERE id = 6').pluck().get() as Buffer;
    payload[10] = (payload[10] ?? 0) ^ 0x01;
    raw.prepare('UPDATE archive_entries SET payload = ? WHERE id = 6').run(payload);
    const r = fresh();
    expect(r.ok).toBe(false);
    expect(problems(r)).toEqual([[6, 'changed']]);
    expect(r.problems[0]?.message).toMatch(/payload/);
  });

  it('[REC-3] a changed field (author) and a changed hidden flag', () => {
    raw.prepare(`UPDATE archive_entries SET author = 'Someone Else' WHERE id = 3`).run();
    raw.prepare(`UPDATE archive_entries SET hidden = 1 WHERE id = 10`).run();
    expect(problems(fresh())).toEqual([
      [3, 'changed'],
      [10, 'changed'],
    ]);
  });

  it('[REC-3] a deleted entry, in the middle and at the end', () => {
    raw.prepare('DELETE FROM archive_entries WHERE id = 7').run();
    expect(problems(fresh())).toEqual([[7, 'removed']]);
    raw.prepare('DELETE FROM archive_entries WHERE id = 12').run();
    // The end of the chain has no successor to miss it; the signed checkpoint does.
    expect(problems(fresh())).toEqual([
      [7, 'removed'],
      [12, 'removed'],
    ]);
  });

  it('[REC-3] two entries swapped', () => {
    raw.exec('UPDATE archive_entries SET id = -1 WHERE id = 3; UPDATE archive_entries SET id = 3 WHERE id = 9; UPDATE archive_entries SET id = 9 WHERE id = -1;');
    const r = fresh();
    expect(problems(r)).toEqual([
      [3, 'reordered'],
      [9, 'reordered'],
    ]);
    expect(r.problems[0]?.message).toMatch(/entry 3 holds the record written as entry 9/i);
  });

  it('[REC-3] two entries swapped by content, ids left in place', () => {
    const cols = (raw.prepare(`SELECT name FROM pragma_table_xinfo('archive_entries') WHERE hidden = 0 AND name <> 'id'`).pluck().all() as string[]).join(', ');
    raw.exec(`
      CREATE TEMP TABLE swap AS SELECT id, ${cols} FROM archive_entries WHERE id IN (2, 5);
      UPDATE archive_entries SET (${cols}) = (SELECT ${cols} FROM swap WHERE swap.id = 7 - archive_entries.id) WHERE id IN (2, 5);`);
    expect(problems(fresh())).toEqual([
      [2, 'reordered'],
      [5, 'reordered'],
    ]);
  });

  it('[REC-3] a forged checkpoint: altered, or signed by a key slipped into the file', () => {
    raw.prepare(`UPDATE archive_checkpoints SET head_hash = ? WHERE entry_id = 8`).run('00'.repeat(32));
    expect(problems(fresh())).toEqual([[8, 'bad-signature']]);

    const mallory = createEphemeralSigner();
    const keyId = raw.prepare(`INSERT INTO archive_signing_keys (algorithm, public_key, added_at) VALUES ('ed25519', ?, 'now')`).run(Buffer.from(mallory.publicKey).toString('hex')).lastInsertRowid;
    const head = raw.prepare('SELECT lower(hex(entry_hash)) FROM archive_entries WHERE id = 12').pluck().get() as string;
    const forged = { entryId: 12, headHash: head, signedAt: '2026-06-09T00:00:00.000Z' };
    raw.prepare('INSERT INTO archive_checkpoints (entry_id, head_hash, signed_at, key_id, signature) VALUES (12, ?, ?, ?, ?)')
      .run(head, forged.signedAt, keyId, Buffer.from(mallory.sign(checkpointMessage(forged))).toString('hex'));
    const r = fresh();
    expect(problems(r)).toEqual([
      [8, 'bad-signature'],
      [12, 'bad-signature'],
    ]);
    expect(r.problems[1]?.message).toMatch(/not trusted/);
  });

  it('[REC-3] a chain recomputed after an edit is caught by the signed checkpoints', () => {
    // The attacker edits entry 5 and recomputes every hash after it, but has no signing key.
    raw.prepare(`UPDATE archive_entries SET text = 'nothing to see' WHERE id = 5`).run();
    const enc = raw.prepare(`SELECT CAST(${entryEncodingSql('e')} AS BLOB) FROM archive_entries e WHERE e.id = ?`).pluck();
    const set = raw.prepare('UPDATE archive_entries SET entry_hash = ? WHERE id = ?');
    const setPrev = raw.prepare('UPDATE archive_entries SET prev_hash = ? WHERE id = ?');
    for (let id = 5; id <= 12; id++) {
      const h = createHash('sha256').update(enc.get(id) as Buffer).digest();
      set.run(h, id);
      if (id < 12) setPrev.run(h, id + 1);
    }
    expect(problems(fresh())).toEqual([
      [8, 'changed'],
      [12, 'changed'],
    ]);
  });

  it('[REC-3] changed media bytes and a media link added after the fact', () => {
    raw.prepare(`UPDATE archive_media SET bytes = x'010204'`).run();
    expect(problems(fresh())).toEqual([[5, 'changed']]);
    raw.prepare(`INSERT INTO archive_entry_media (entry_id, ordinal, media_sha256, media_type) SELECT 2, 0, sha256, 'image/jpeg' FROM archive_media`).run();
    expect(problems(fresh())).toEqual([
      [2, 'changed'],
      [5, 'changed'],
    ]);
  });

  it('[REC-3] entries appended by hand after the last signed checkpoint', () => {
    // A well-formed entry, correctly chained, but nobody holding the key signed it.
    t.reopen({ signer: undefined, trustedPublicKeys: [t.signer.publicKey] }).ingest(t.fbSite, [obj({ id: 'late' })], 'import');
    const r = fresh();
    expect(problems(r)).toEqual([[13, 'bad-signature']]);
    expect(r.problems[0]?.message).toMatch(/not covered/);
  });

  it('a clean archive verifies, also with the public key passed in from outside', () => {
    raw.close();
    raw = new Database(t.file);
    expect(t.archive.verify({ trustedPublicKeys: [t.signer.publicKey] }).ok).toBe(true);
    expect(t.archive.verify({ trustedPublicKeys: [createEphemeralSigner().publicKey] }).ok).toBe(false);
  });
});
