import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toFtsQuery } from '../../main/archive/fts-query';
import type { SearchHit, SearchQuery } from '../../main/archive';
import { obj, tempArchive, type TestArchive } from './helpers';

let t: TestArchive;
const ids = (q: SearchQuery) => t.archive.search(q).hits.map((h) => h.externalId);
const marked = (h: SearchHit | undefined) => (h?.snippet ?? []).filter((p) => p.match).map((p) => p.text);

beforeAll(() => {
  t = tempArchive();
  const a = t.archive;
  a.ingest(
    t.fbSite,
    [
      obj({ id: 'p1', kind: 'post', parent: null, author: 'City of Kalispell', text: 'Woodland Park pool opens Monday', createdAt: '2026-04-02T10:00:00Z' }),
      obj({ id: 'c1', author: 'Pat Resident', text: 'Will the pool have lifeguards on Monday?', createdAt: '2026-04-03T10:00:00Z' }),
      obj({ id: 'c2', author: 'Sam Neighbor', text: 'Snow plow missed Main Street again', createdAt: '2026-05-10T10:00:00Z' }),
      obj({ id: 'c3', author: 'Pat Resident', text: 'Buy cheap watches at spam.example', hidden: true, createdAt: '2026-05-11T10:00:00Z' }),
      obj({ id: 'c4', author: 'Dana Critic', text: 'The plow driver waved, thanks crews', createdAt: '2026-05-12T10:00:00Z' }),
      obj({ id: 'r1', kind: 'reply', parent: 'c1', author: 'City of Kalispell', text: 'Yes, lifeguards are on duty at the pool', createdAt: '2026-04-03T12:00:00Z' }),
      obj({ id: 'h1', author: 'Hostile <script>', text: '<script>alert("x")</script> "quoted" AND OR NOT NEAR(a b) col:val ^start * \u0000 café naïve pool' }),
    ],
    'api',
  );
  a.ingest(t.xSite, [obj({ id: '1790000000000000001', platform: 'x', kind: 'post', parent: null, author: 'City of Kalispell', text: 'Pool schedule posted on X', createdAt: '2026-04-02T11:00:00Z' })], 'api');
  t.setNow('2026-06-02T00:00:00.000Z');
  a.ingest(t.fbSite, [obj({ id: 'c2', author: 'Sam Neighbor', text: 'Snow plow missed Main Street again (edited: and Elm)', createdAt: '2026-05-10T10:00:00Z' })], 'api');
  a.reconcile({ siteId: t.fbSite, kind: 'comment', parentExternalId: 'post-1', seenExternalIds: ['c1', 'c2', 'c3', 'h1'], capturedAt: '2026-06-02T00:00:00Z' });
});
afterAll(() => t.cleanup());

describe('search', () => {
  it('[REC-1] finds archived text with highlighted snippets, newest first', () => {
    const r = t.archive.search({ query: 'pool' });
    expect(r.hits.map((h) => h.externalId)).toEqual(['1790000000000000001', 'h1', 'r1', 'c1', 'p1']);
    const c1 = r.hits.find((h) => h.externalId === 'c1');
    expect(marked(c1)).toEqual(['pool']);
    expect(c1?.snippet.map((p) => p.text).join('')).toBe('Will the pool have lifeguards on Monday?');
    expect(c1).toMatchObject({ entryType: 'capture', siteId: t.fbSite, platform: 'facebook', kind: 'comment', author: 'Pat Resident', version: 1, hidden: false, deleted: false, edited: false, latestVersion: 1 });
    // Several words all match; phrases and prefixes work; diacritics fold.
    expect(ids({ query: 'pool monday' })).toEqual(['c1', 'p1']);
    expect(ids({ query: '"main street"' })).toEqual(['c2', 'c2']);
    expect(ids({ query: 'lifeguard*' })).toEqual(['r1', 'c1']);
    expect(ids({ query: 'cafe naive' })).toEqual(['h1']);
    expect(ids({ query: 'nothinglikethis' })).toEqual([]);
  });

  it('[REC-1] narrows by site, kind, author and dates (inclusive)', () => {
    expect(ids({ query: 'pool', siteId: t.xSite })).toEqual(['1790000000000000001']);
    expect(ids({ query: 'pool', kind: 'post' })).toEqual(['1790000000000000001', 'p1']);
    expect(ids({ query: 'pool', kind: 'reply' })).toEqual(['r1']);
    expect(ids({ query: 'pool', author: 'City of Kalispell' })).toEqual(['1790000000000000001', 'r1', 'p1']);
    expect(ids({ query: '', author: 'Pat Resident' })).toEqual(['c3', 'c1']);
    expect(ids({ query: 'pool', from: '2026-04-03', to: '2026-04-03' })).toEqual(['r1', 'c1']);
    expect(ids({ query: 'pool', from: '2026-04-02T10:30:00Z', to: '2026-04-03T11:00:00Z' })).toEqual(['1790000000000000001', 'c1']);
    expect(ids({ query: '', from: '2026-05', to: '2026-05' })).toEqual(['c2', 'h1', 'c4', 'c3', 'c2']);
    expect(ids({ query: 'pool', siteId: t.fbSite, kind: 'comment', author: 'Pat Resident', from: '2026-01-01', to: '2026-12-31' })).toEqual(['c1']);
  });

  it('[CIV-1] narrows to hidden, edited and deleted comments', () => {
    expect(ids({ query: '', hidden: true })).toEqual(['c3']);
    expect(ids({ query: 'watches', hidden: false })).toEqual([]);
    const edited = t.archive.search({ query: 'plow', edited: true }).hits;
    expect(edited.map((h) => [h.externalId, h.version, h.edited, h.latestVersion])).toEqual([['c2', 2, true, 2]]);
    expect(ids({ query: 'plow', edited: false })).toEqual(['c4', 'c2']);
    const gone = t.archive.search({ query: 'plow', deleted: true }).hits;
    expect(gone.map((h) => [h.externalId, h.entryType, h.deleted])).toEqual([['c4', 'deletion', true]]);
    expect(marked(gone[0])).toEqual(['plow']);
    expect(ids({ query: 'plow', deleted: false })).toEqual(['c2', 'c2']);
    expect(ids({ query: 'plow' })).toEqual(['c2', 'c4', 'c2']);
    expect(t.archive.search({ query: 'plow' }).hits.find((h) => h.externalId === 'c4')?.deleted).toBe(true);
  });

  it('pages with limit and offset', () => {
    const first = t.archive.search({ query: 'pool', limit: 2 });
    expect(first).toMatchObject({ hasMore: true });
    const second = t.archive.search({ query: 'pool', limit: 2, offset: 2 });
    const rest = t.archive.search({ query: 'pool', limit: 2, offset: 4 });
    expect([...first.hits, ...second.hits, ...rest.hits].map((h) => h.externalId)).toEqual(ids({ query: 'pool' }));
    expect(rest.hasMore).toBe(false);
    expect(t.archive.search({ query: 'pool', limit: 100000 }).hits.length).toBe(5);
  });

  it('[REC-3] treats hostile text as text: no FTS syntax, no markup, exact snippets', () => {
    const hostile = ['"', '""', 'AND', 'OR NOT', 'NEAR(a b)', 'col:val', 'text:pool', '^start', '*', '(', ')', "'; DROP TABLE archive_entries; --", 'pool"', '{text}: pool', '\u0000', '\uD800'];
    for (const q of hostile) expect(() => t.archive.search({ query: q })).not.toThrow();
    expect(ids({ query: 'NEAR(a b)' })).toEqual(['h1']);
    expect(ids({ query: 'AND OR NOT' })).toEqual(['h1']);
    expect(ids({ query: 'text:pool' })).toEqual([]);
    expect(ids({ query: '<script>' })).toEqual(['h1']);
    expect(ids({ query: '***' })).toEqual([]);
    const h = t.archive.search({ query: 'script' }).hits[0];
    // The snippet comes back as plain runs of the stored text, markup and all, never as HTML.
    expect(h?.snippet.map((p) => p.text).join('')).toContain('<script>alert("x")</script>');
    expect(marked(h)).toEqual(['script', 'script']);
    expect(ids({ query: 'pool', author: 'Hostile <script>' })).toEqual(['h1']);
    expect(ids({ query: 'pool', author: '" OR 1=1 --' })).toEqual([]);
    expect(t.db.prepare('SELECT count(*) FROM archive_entries').pluck().get()).toBeGreaterThan(0);
  });

  it('[REC-3] never throws on arbitrary queries', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), fc.boolean(), (q, withAuthor) => {
        const r = t.archive.search({ query: q, ...(withAuthor ? { author: q } : {}), limit: 5 });
        expect(Array.isArray(r.hits)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('[REC-1] the search index is derived: rebuilt from the entries, it answers the same', () => {
    const queries: SearchQuery[] = [{ query: 'pool' }, { query: 'plow', deleted: true }, { query: '', author: 'Pat Resident' }, { query: 'plow', edited: true }];
    const before = queries.map((q) => t.archive.search(q).hits);
    t.archive.rebuildSearchIndex();
    expect(queries.map((q) => t.archive.search(q).hits)).toEqual(before);
  });

  it('turns typed words into FTS5 strings only', () => {
    expect(toFtsQuery('water main')).toBe('"water" "main"');
    expect(toFtsQuery('"water main" break*')).toBe('"water main" "break"*');
    expect(toFtsQuery('say "hi')).toBe('"say" "hi"');
    expect(toFtsQuery('a"b')).toBe('"a""b"');
    expect(toFtsQuery('--- ** ""')).toBeNull();
    expect(() => t.archive.search({ query: 'pool', kind: 'tweet' as 'post' })).toThrow(/kind/);
  });
});
