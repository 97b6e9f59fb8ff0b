import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { obj, tempArchive, type TestArchive } from './helpers';

let t: TestArchive;
beforeEach(() => {
  t = tempArchive();
});
afterEach(() => t.cleanup());

describe('deletions and reconcile', () => {
  it('[REC-4] a comment gone from a later capture gets a deletion mark; its versions stay', () => {
    t.archive.ingest(t.fbSite, [obj({ id: 'c1' }), obj({ id: 'c2' }), obj({ id: 'c3', parent: 'post-2' })], 'api');
    t.setNow('2026-06-02T10:00:00.000Z');
    const seen = t.archive.reconcile({ siteId: t.fbSite, kind: 'comment', parentExternalId: 'post-1', seenExternalIds: ['c1', 'c2'], capturedAt: '2026-06-02T10:00:00Z' });
    expect(seen.deleted).toEqual([]);
    t.setNow('2026-06-03T10:00:00.000Z');
    const gone = t.archive.reconcile({ siteId: t.fbSite, kind: 'comment', parentExternalId: 'post-1', seenExternalIds: ['c1'], capturedAt: '2026-06-03T10:00:00Z' });
    expect(gone.deleted.map((d) => d.externalId)).toEqual(['c2']);

    const c2 = t.archive.getRecord(t.fbSite, 'facebook', 'c2');
    expect(c2?.deleted).toBe(true);
    expect(c2?.versions).toHaveLength(1);
    expect(c2?.deletions).toEqual([
      {
        entryId: gone.deleted[0]?.entryId,
        version: 1,
        // Seen by the reconcile of 2 June, gone by the one of 3 June.
        lastSeenAt: '2026-06-02T10:00:00.000Z',
        foundGoneAt: '2026-06-03T10:00:00.000Z',
        reconcileEntryId: gone.reconcileEntryId,
      },
    ]);
    // Other scopes are untouched; the reconcile itself is an entry holding the ids it saw.
    expect(t.archive.getRecord(t.fbSite, 'facebook', 'c3')?.deleted).toBe(false);
    const evidence = t.db.prepare('SELECT type, CAST(payload AS TEXT) AS seen FROM archive_entries WHERE id = ?').get(gone.reconcileEntryId);
    expect(evidence).toEqual({ type: 'reconcile', seen: JSON.stringify({ siteId: t.fbSite, kind: 'comment', parentExternalId: 'post-1', seen: ['c1'] }) });
    expect(t.archive.verify().ok).toBe(true);
  });

  it('[REC-4] marks a vanished object once, and a comeback is a new version', () => {
    t.archive.ingest(t.fbSite, [obj({ id: 'c1' })], 'api');
    const scope = { siteId: t.fbSite, kind: 'comment' as const, seenExternalIds: [], capturedAt: '2026-06-02T00:00:00Z' };
    expect(t.archive.reconcile(scope).deleted).toHaveLength(1);
    expect(t.archive.reconcile({ ...scope, capturedAt: '2026-06-03T00:00:00Z' }).deleted).toHaveLength(0);
    expect(t.archive.recordDeletion({ siteId: t.fbSite, platform: 'facebook', externalId: 'c1' })).toBeNull();
    expect(t.archive.recordDeletion({ siteId: t.fbSite, platform: 'facebook', externalId: 'never-seen' })).toBeNull();

    // The same bytes come back (the platform restored it): recorded, since the state changed.
    const back = t.archive.ingest(t.fbSite, [obj({ id: 'c1' })], 'api');
    expect(back).toMatchObject({ versions: 1, unchanged: 0 });
    const rec = t.archive.getRecord(t.fbSite, 'facebook', 'c1');
    expect(rec?.deleted).toBe(false);
    expect(rec?.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(t.archive.ingest(t.fbSite, [obj({ id: 'c1' })], 'api').unchanged).toBe(1);
  });

  it('[REC-4] recordDeletion takes explicit times and refuses bad ones', () => {
    t.archive.ingest(t.xSite, [obj({ id: '1790000000000000001', platform: 'x', kind: 'post', parent: null })], 'api');
    const id = t.archive.recordDeletion({
      siteId: t.xSite,
      platform: 'x',
      externalId: '1790000000000000001',
      lastSeenAt: '2026-06-01T16:00:00Z',
      foundGoneAt: '2026-06-01T18:00:00Z',
    });
    expect(id).toBeGreaterThan(0);
    expect(t.archive.getRecord(t.xSite, 'x', '1790000000000000001')?.deletions[0]).toMatchObject({
      lastSeenAt: '2026-06-01T16:00:00.000Z',
      foundGoneAt: '2026-06-01T18:00:00.000Z',
      reconcileEntryId: null,
    });
    expect(() => t.archive.reconcile({ siteId: t.xSite, kind: 'post', seenExternalIds: [], capturedAt: 'last tuesday' })).toThrow(/not a date/);
    expect(() => t.archive.reconcile({ siteId: 424242, kind: 'post', seenExternalIds: [], capturedAt: '2026-06-01' })).toThrow(/No site/);
  });
});

describe('moderation actions', () => {
  it('[CIV-1] archives the state a comment had right before it was hidden, then the action', () => {
    t.archive.ingest(t.fbSite, [obj({ id: 'c1', text: 'Vote for Smith on Tuesday!' })], 'api');
    t.setNow('2026-06-04T08:00:00.000Z');
    const before = t.archive.recordAction({
      siteId: t.fbSite,
      object: obj({ id: 'c1', text: 'Vote for Smith on Tuesday!' }),
      action: 'hide',
      actorId: t.personId,
      note: 'CIV-6(a) campaigning; policy 2015-04-20',
    });
    // Identical to the archived version: the action points at it, no new version.
    expect(before).toMatchObject({ version: 1, newVersion: false });
    const edited = t.archive.recordAction({ siteId: t.fbSite, object: obj({ id: 'c1', text: 'Vote for Smith!!' }), action: 'hide', actorId: t.personId });
    expect(edited).toMatchObject({ version: 2, newVersion: true });
    const rec = t.archive.getRecord(t.fbSite, 'facebook', 'c1');
    expect(rec?.versions[1]?.source).toBe('moderation');
    expect(rec?.actions).toEqual([
      { entryId: before.actionEntryId, at: '2026-06-04T08:00:00.000Z', action: 'hide', actorId: t.personId, note: 'CIV-6(a) campaigning; policy 2015-04-20', versionEntryId: before.versionEntryId },
      { entryId: edited.actionEntryId, at: '2026-06-04T08:00:00.000Z', action: 'hide', actorId: t.personId, note: null, versionEntryId: edited.versionEntryId },
    ]);
    expect(() => t.archive.recordAction({ siteId: t.fbSite, object: obj({ id: 'c1' }), action: ' ' })).toThrow(/action/);
    expect(() => t.archive.recordAction({ siteId: t.fbSite, object: obj({ id: 'c1' }), action: 'hide', actorId: 999 })).toThrow(/FOREIGN KEY/);
    expect(t.archive.verify().ok).toBe(true);
  });
});
