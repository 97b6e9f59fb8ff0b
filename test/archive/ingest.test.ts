import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ArchiveInputError } from '../../main/archive';
import type { CapturedObject } from '../../main/archive/types';
import { obj, tempArchive, type TestArchive } from './helpers';

let t: TestArchive;
beforeEach(() => {
  t = tempArchive();
});
afterEach(() => t.cleanup());

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('ingest', () => {
  it('[REC-1] keeps the exact bytes the platform returned, readable with plain SQLite and no app', () => {
    // Deliberately odd bytes: key order, whitespace, escapes and a non-UTF-8 byte must all survive.
    const payload = Buffer.concat([Buffer.from('{ "message":"Caf\\u00e9  ", "id":"p1" ,"z":1}\n'), Buffer.from([0xff, 0x00])]);
    const post: CapturedObject = { ...obj({ id: 'p1', kind: 'post', parent: null }), payload, contentType: 'application/json' };
    const r = t.archive.ingest(t.fbSite, [post], 'api');
    expect(r).toMatchObject({ new: 1, versions: 0, unchanged: 0 });

    const raw = new Database(t.file, { readonly: true });
    const row = raw
      .prepare(
        `SELECT payload, lower(hex(payload_sha256)) AS sha, site_id, platform, kind, external_id, source, captured_at, hidden
         FROM archive_entries WHERE external_id = 'p1'`,
      )
      .get() as { payload: Buffer; sha: string; site_id: number; platform: string; kind: string; external_id: string; source: string; captured_at: string; hidden: number };
    raw.close();
    expect(row.payload.equals(payload)).toBe(true);
    expect(row.sha).toBe(sha(payload));
    expect(row).toMatchObject({ site_id: t.fbSite, platform: 'facebook', kind: 'post', source: 'api', captured_at: '2026-06-01T15:00:00.000Z', hidden: 0 });
    const record = t.archive.getRecord(t.fbSite, 'facebook', 'p1');
    expect(Buffer.from(record?.versions[0]?.payload ?? []).equals(payload)).toBe(true);
  });

  it('[CIV-1] archives every comment and reply with its author, parent, time and hidden flag', () => {
    const r = t.archive.ingest(
      t.fbSite,
      [
        obj({ id: 'post-1', kind: 'post', parent: null, author: 'City of Kalispell' }),
        obj({ id: 'c1', author: 'Pat Resident', hidden: true }),
        obj({ id: 'r1', kind: 'reply', parent: 'c1', author: 'Sam Neighbor' }),
      ],
      'api',
    );
    expect(r.new).toBe(3);
    const reply = t.archive.getRecord(t.fbSite, 'facebook', 'r1');
    expect(reply?.versions[0]).toMatchObject({ kind: 'reply', parentExternalId: 'c1', author: 'Sam Neighbor', createdAt: '2026-05-01T12:00:00Z', hidden: false, version: 1 });
    expect(t.archive.getRecord(t.fbSite, 'facebook', 'c1')?.hidden).toBe(true);
    expect(t.archive.getRecord(t.fbSite, 'facebook', 'nope')).toBeNull();
    expect(t.archive.getRecord(t.xSite, 'x', 'c1')).toBeNull();
  });

  it('[REC-2] a changed payload becomes a new version; the old one is kept byte for byte', () => {
    t.archive.ingest(t.fbSite, [obj({ id: 'c1', text: 'The pool opens Monday' })], 'api');
    t.setNow('2026-06-02T09:00:00.000Z');
    const r = t.archive.ingest(t.fbSite, [obj({ id: 'c1', text: 'The pool opens Tuesday (edited)' })], 'api');
    expect(r).toMatchObject({ new: 0, versions: 1, unchanged: 0 });
    t.setNow('2026-06-03T09:00:00.000Z');
    t.archive.ingest(t.fbSite, [obj({ id: 'c1', text: 'The pool opens Tuesday (edited)', hidden: true })], 'moderation');
    const rec = t.archive.getRecord(t.fbSite, 'facebook', 'c1');
    expect(rec?.versions.map((v) => [v.version, v.text, v.hidden, v.source, v.capturedAt])).toEqual([
      [1, 'The pool opens Monday', false, 'api', '2026-06-01T15:00:00.000Z'],
      [2, 'The pool opens Tuesday (edited)', false, 'api', '2026-06-02T09:00:00.000Z'],
      [3, 'The pool opens Tuesday (edited)', true, 'moderation', '2026-06-03T09:00:00.000Z'],
    ]);
    expect(Buffer.from(rec?.versions[0]?.payload ?? []).toString()).toContain('Monday');
    expect(rec?.hidden).toBe(true);
  });

  it('[REC-4] an identical re-capture, or re-importing the same archive, adds nothing', () => {
    const batch = [obj({ id: 'c1' }), obj({ id: 'c2' }), obj({ id: 'c3', kind: 'reply', parent: 'c1' })];
    const first = t.archive.ingest(t.fbSite, batch, 'import');
    const before = t.archive.stats();
    const again = t.archive.ingest(t.fbSite, batch, 'import');
    expect(again).toEqual({ new: 0, versions: 0, unchanged: 3, entryIds: first.entryIds });
    const after = t.archive.stats();
    expect(after.entries).toBe(before.entries);
    expect(after.lastCheckpoint).toEqual(before.lastCheckpoint);
    // Duplicates inside one batch are one object too.
    const dup = t.archive.ingest(t.fbSite, [obj({ id: 'c9' }), obj({ id: 'c9' })], 'import');
    expect(dup).toMatchObject({ new: 1, unchanged: 1 });
    expect(dup.entryIds[0]).toBe(dup.entryIds[1]);
  });

  it('[REC-4] a batch is one transaction: one bad object and nothing of the batch is archived', () => {
    t.archive.ingest(t.fbSite, [obj({ id: 'kept' })], 'api');
    const before = t.archive.stats();
    const bad = { ...obj({ id: 'bad' }), payload: 'not bytes' as unknown as Uint8Array };
    expect(() => t.archive.ingest(t.fbSite, [obj({ id: 'new1' }), bad], 'api')).toThrow(ArchiveInputError);
    expect(() => t.archive.ingest(t.fbSite, [obj({ id: 'new2', platform: 'x' })], 'api')).toThrow(/cannot belong/);
    expect(() => t.archive.ingest(t.fbSite, [{ ...obj({ id: '' }) }], 'api')).toThrow(/externalId/);
    expect(() => t.archive.ingest(9999, [obj({ id: 'new3' })], 'api')).toThrow(/No site/);
    expect(() => t.archive.ingest(t.fbSite, [obj({ id: 'new4' })], 'scraped' as 'api')).toThrow(/source/);
    expect(t.archive.stats()).toEqual(before);
    expect(t.archive.getRecord(t.fbSite, 'facebook', 'new1')).toBeNull();
    expect(t.archive.verify().ok).toBe(true);
  });

  it('[REC-2] stores media once by content and links it to every version that carried it', () => {
    const photo = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3, 4]);
    const withPhoto = (id: string, text: string): CapturedObject => ({
      ...obj({ id, kind: 'post', parent: null, text }),
      media: [{ bytes: photo, mediaType: 'image/png', sourceUrl: `https://cdn.example/${id}.png` }],
    });
    t.archive.ingest(t.fbSite, [withPhoto('p1', 'Snow plow schedule'), withPhoto('p2', 'Same photo, other post')], 'api');
    t.archive.ingest(t.fbSite, [withPhoto('p1', 'Snow plow schedule, updated')], 'api');
    const stats = t.archive.stats();
    expect(stats.media).toEqual({ count: 1, bytes: photo.length });
    const p1 = t.archive.getRecord(t.fbSite, 'facebook', 'p1');
    expect(p1?.versions).toHaveLength(2);
    expect(p1?.versions[1]?.media).toEqual([{ ordinal: 0, sha256: sha(photo), mediaType: 'image/png', sourceUrl: 'https://cdn.example/p1.png', size: 8 }]);
    expect(Buffer.from(t.archive.getMedia(sha(photo))?.bytes ?? []).equals(Buffer.from(photo))).toBe(true);
    // Same payload, no media handed over this time: not a change (the producer did not fetch it).
    expect(t.archive.ingest(t.fbSite, [obj({ id: 'p2', kind: 'post', parent: null, text: 'Same photo, other post' })], 'api').unchanged).toBe(1);
    // Same payload, different media bytes: a new version, since what was captured differs.
    const other = { ...withPhoto('p2', 'Same photo, other post'), media: [{ bytes: new Uint8Array([9]), mediaType: 'image/png' }] };
    expect(t.archive.ingest(t.fbSite, [other], 'api').versions).toBe(1);
    expect(t.archive.verify()).toMatchObject({ ok: true, media: 2 });
  });

  it('[REC-4] nothing is overwritten: entries only ever grow, and every one is in the chain', () => {
    for (let round = 0; round < 3; round++) {
      t.archive.ingest(t.fbSite, [obj({ id: 'c1', text: `round ${round}` }), obj({ id: `c-${round}` })], 'api');
    }
    const ids = t.db.prepare('SELECT id FROM archive_entries ORDER BY id').pluck().all() as number[];
    expect(ids).toEqual([1, 2, 3, 4, 5, 6]);
    const bytes = t.db.prepare('SELECT sum(length(payload)) FROM archive_entries').pluck().get();
    expect(t.archive.stats({ payloadBytes: true })).toMatchObject({ entries: 6, objects: 4, versions: 6, deletions: 0, payloadBytes: bytes });
    expect(t.archive.stats().payloadBytes).toBeNull();
    expect(t.archive.verify()).toMatchObject({ ok: true, checked: 6, checkpoints: 3 });
  });
});
