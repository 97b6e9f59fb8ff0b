import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeEntry, encodeMedia, entryEncodingSql, entryHash, sha256Hex, wellFormed, type EntryFields } from '../../main/archive/encoding';
import { checkpointMessage, createEphemeralSigner, signerFromPrivateKey, verifyCheckpointSignature } from '../../main/archive/signer';
import { tempArchive, type TestArchive } from './helpers';

let t: TestArchive;
beforeAll(() => {
  t = tempArchive();
});
afterAll(() => t.cleanup());

const text = fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' }), fc.constant(''), fc.constant('a\u0000b'));
const maybe = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null });
const hex32 = fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex'));

describe('canonical entry encoding', () => {
  it('[REC-3] SQLite rebuilds byte for byte the encoding the writer hashed, for any field values', () => {
    const sql = t.db.prepare(`SELECT CAST(${entryEncodingSql('e')} AS BLOB) AS enc FROM archive_entries e WHERE e.id = ?`).pluck();
    const insert = t.db.prepare(`
      INSERT INTO archive_entries (id, type, captured_at, source, site_id, platform, kind, external_id, parent_external_id,
        author, created_at, hidden, version, content_type, text, action, actor_id, note, ref_entry_id, last_seen_at,
        found_gone_at, media_count, payload_sha256, prev_hash, entry_hash, payload)
      VALUES (@id, 'capture', @capturedAt, @source, @siteId, @platform, @kind, @externalId, @parentExternalId, @author,
        @createdAt, @hidden, @version, @contentType, @text, @action, NULL, @note, @refEntryId, @lastSeenAt, @foundGoneAt,
        @mediaCount, @sha, @prev, @hash, @payload)`);
    const link = t.db.prepare(
      `INSERT INTO archive_entry_media (entry_id, ordinal, media_sha256, media_type, source_url) VALUES (?, ?, ?, ?, ?)`,
    );
    const media = t.db.prepare(
      `INSERT INTO archive_media (sha256, media_type, size, added_at, bytes) VALUES (?, 'image/png', 1, 'now', x'00') ON CONFLICT DO NOTHING`,
    );
    let id = 1000;
    fc.assert(
      fc.property(
        fc.record({
          capturedAt: text,
          source: fc.constantFrom('api', 'import', 'moderation'),
          kind: text,
          externalId: text,
          parentExternalId: maybe(text),
          author: maybe(text),
          createdAt: maybe(text),
          hidden: fc.constantFrom(0, 1),
          version: fc.integer({ min: 1, max: 2 ** 40 }),
          contentType: text,
          text: maybe(text),
          action: maybe(text),
          note: maybe(text),
          refEntryId: maybe(fc.integer({ min: -(2 ** 50), max: 2 ** 50 })),
          lastSeenAt: maybe(text),
          foundGoneAt: maybe(text),
          media: fc.array(fc.record({ sha256: hex32, mediaType: text, sourceUrl: maybe(text) }), { maxLength: 3 }),
          payloadSha256: hex32,
          prevHash: hex32,
        }),
        (r) => {
          id++;
          const s = (v: string) => wellFormed(v);
          const n = (v: string | null) => wellFormed(v);
          const links = r.media.map((m) => ({ sha256: m.sha256, mediaType: s(m.mediaType), sourceUrl: n(m.sourceUrl) }));
          const fields: EntryFields = {
            id,
            type: 'capture',
            capturedAt: s(r.capturedAt),
            source: r.source,
            siteId: t.fbSite,
            platform: 'facebook',
            kind: s(r.kind),
            externalId: s(r.externalId),
            parentExternalId: n(r.parentExternalId),
            author: n(r.author),
            createdAt: n(r.createdAt),
            hidden: r.hidden,
            version: r.version,
            contentType: s(r.contentType),
            text: n(r.text),
            action: n(r.action),
            actorId: null,
            note: n(r.note),
            refEntryId: r.refEntryId,
            lastSeenAt: n(r.lastSeenAt),
            foundGoneAt: n(r.foundGoneAt),
            mediaCount: links.length,
            media: encodeMedia(links),
            payloadSha256: r.payloadSha256,
            prevHash: r.prevHash,
          };
          insert.run({
            ...fields,
            sha: Buffer.from(r.payloadSha256, 'hex'),
            prev: Buffer.from(r.prevHash, 'hex'),
            hash: Buffer.from(entryHash(fields), 'hex'),
            payload: Buffer.from('{}'),
          });
          links.forEach((m, i) => {
            media.run(m.sha256);
            link.run(id, i, m.sha256, m.mediaType, m.sourceUrl);
          });
          const fromSql = sql.get(id) as Buffer;
          expect(fromSql.equals(Buffer.from(encodeEntry(fields), 'utf8'))).toBe(true);
          expect(sha256Hex(fromSql)).toBe(entryHash(fields));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps NULL and the empty string apart, and no field can bleed into the next', () => {
    const base: EntryFields = {
      id: 1, type: 'capture', capturedAt: 't', source: 'api', siteId: 1, platform: 'x', kind: 'post', externalId: 'a',
      parentExternalId: null, author: 'ab', createdAt: null, hidden: 0, version: 1, contentType: 'c', text: null,
      action: null, actorId: null, note: null, refEntryId: null, lastSeenAt: null, foundGoneAt: null, mediaCount: 0,
      media: null, payloadSha256: null, prevHash: '00',
    };
    expect(entryHash({ ...base, parentExternalId: '' })).not.toBe(entryHash(base));
    expect(entryHash({ ...base, externalId: 'ab', author: 'b' })).not.toBe(entryHash({ ...base, externalId: 'a', author: 'bb' }));
    expect(encodeEntry(base)).toContain('2:ab');
  });

  it('replaces lone surrogates so what is stored reads back as what was hashed', () => {
    expect(wellFormed('a\uD800b')).toBe('a\uFFFDb');
    expect(wellFormed('a\uDC00')).toBe('a\uFFFD');
    expect(wellFormed('😀 ok')).toBe('😀 ok');
    expect(wellFormed(null)).toBeNull();
  });
});

describe('checkpoint signatures', () => {
  it('[REC-3] signs with Ed25519 and verifies with only the raw public key', () => {
    const signer = createEphemeralSigner();
    expect(signer.publicKey).toHaveLength(32);
    const c = { entryId: 7, headHash: 'ab'.repeat(32), signedAt: '2026-06-01T00:00:00.000Z' };
    const sig = signer.sign(checkpointMessage(c));
    expect(verifyCheckpointSignature(signer.publicKey, c, sig)).toBe(true);
    expect(verifyCheckpointSignature(signer.publicKey, { ...c, entryId: 8 }, sig)).toBe(false);
    expect(verifyCheckpointSignature(createEphemeralSigner().publicKey, c, sig)).toBe(false);
    expect(verifyCheckpointSignature(new Uint8Array(3), c, sig)).toBe(false);
    const again = signerFromPrivateKey(signer.privateKeyPem);
    expect(Buffer.from(again.publicKey).equals(Buffer.from(signer.publicKey))).toBe(true);
  });
});
