import type Database from 'better-sqlite3';
import type { Db } from '../db/connection';
import { ftsString, monthsBetween, SnippetMarkers, toFtsQuery } from './fts-query';
import { wellFormed } from './encoding';
import { ArchiveInputError, KINDS } from './input';
import type { SearchHit, SearchQuery, SearchResult } from './model';
import type { ObjectKind, PlatformKey } from './types';

const SAME_OBJECT = (a: string) => `${a}.site_id = e.site_id AND ${a}.external_id = e.external_id`;
/** Gone from the platform now: for a version, a deletion after the latest version; for a deletion
 *  mark, no version after it. */
const GONE_SQL = `CASE WHEN e.type = 'deletion'
  THEN NOT EXISTS (SELECT 1 FROM archive_entries c WHERE ${SAME_OBJECT('c')} AND c.type = 'capture' AND c.id > e.id)
  ELSE EXISTS (SELECT 1 FROM archive_entries d WHERE ${SAME_OBJECT('d')} AND d.type = 'deletion'
    AND d.id > (SELECT max(c.id) FROM archive_entries c WHERE ${SAME_OBJECT('c')} AND c.type = 'capture')) END`;
const LATEST_VERSION_SQL = `(SELECT max(x.version) FROM archive_entries x WHERE ${SAME_OBJECT('x')} AND x.type = 'capture')`;
const COLUMNS = `e.id, e.type, e.site_id, e.platform, e.kind, e.external_id, e.parent_external_id, e.author, e.created_at,
  e.captured_at, e.version, e.hidden, ${GONE_SQL}, ${LATEST_VERSION_SQL}`;

type HitRow = [
  number, 'capture' | 'deletion', number, PlatformKey, ObjectKind, string, string | null, string | null, string | null,
  string, number, number, number, number, string | null,
];

const MAX_LIMIT = 200;
const SNIPPET_TOKENS = 16;

/**
 * Hits come newest first. Ranking by bm25 would score every match of a common word before
 * returning the first twenty; walking the FTS5 doclist backwards by rowid stops after twenty.
 * Selective filters become FTS5 terms too (author, month, rare kinds, hidden, edited, deleted are
 * words in the facets column), so "a common word by one author" is a doclist intersection, not a
 * scan of every row with the common word. Each filter is then checked exactly on the rows that
 * come out, since a month word can only approximate a date range.
 */
export class Search {
  private readonly markers = new SnippetMarkers();
  private readonly cache = new Map<string, Database.Statement>();

  constructor(private readonly db: Db) {}

  search(q: SearchQuery): SearchResult {
    checkQuery(q);
    const limit = Math.min(Math.max(Math.trunc(q.limit ?? 20), 1), MAX_LIMIT);
    const offset = Math.max(Math.trunc(q.offset ?? 0), 0);
    const text = q.query.trim();
    const words = text === '' ? null : toFtsQuery(text);
    if (text !== '' && words === null) return { hits: [], hasMore: false };
    const match = matchExpression(q, words);
    const where: string[] = [q.deleted === true ? `e.type = 'deletion'` : `e.type = 'capture'`];
    const params: unknown[] = [];
    let sql: string;
    if (match !== null) {
      // CROSS JOIN pins FTS5 as the outer loop, so its rowid order serves ORDER BY with no sort.
      sql = `SELECT ${COLUMNS}, snippet(archive_fts, 0, ?, ?, '…', ${SNIPPET_TOKENS})
        FROM archive_fts CROSS JOIN archive_entries e ON e.id = archive_fts.rowid`;
      params.push(this.markers.open, this.markers.close, match);
      where.unshift('archive_fts MATCH ?');
    } else {
      sql = `SELECT ${COLUMNS}, substr(e.text, 1, 240) FROM archive_entries e`;
    }
    exactFilters(q, where, params);
    const order = match !== null ? 'archive_fts.rowid DESC' : 'e.id DESC';
    const full = `${sql} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ? OFFSET ?`;
    params.push(limit + 1, offset);
    const rows = this.statement(full).all(...params) as HitRow[];
    return { hits: rows.slice(0, limit).map((r) => this.toHit(r, words !== null)), hasMore: rows.length > limit };
  }

  private statement(sql: string): Database.Statement {
    let st = this.cache.get(sql);
    if (!st) {
      st = this.db.prepare(sql).raw();
      this.cache.set(sql, st);
    }
    return st;
  }

  private toHit(r: HitRow, highlighted: boolean): SearchHit {
    const snippet = r[14];
    return {
      entryId: r[0],
      entryType: r[1],
      siteId: r[2],
      platform: r[3],
      kind: r[4],
      externalId: r[5],
      parentExternalId: r[6],
      author: r[7],
      createdAt: r[8],
      capturedAt: r[9],
      version: r[10],
      hidden: r[11] === 1,
      deleted: r[12] === 1,
      edited: r[10] > 1,
      latestVersion: r[13],
      snippet: highlighted ? this.markers.parse(snippet) : snippet ? [{ text: snippet, match: false }] : [],
    };
  }
}

function checkQuery(q: SearchQuery): void {
  if (typeof q.query !== 'string') throw new ArchiveInputError('A search needs a query string (it may be empty).');
  if (q.siteId !== undefined && !Number.isInteger(q.siteId)) throw new ArchiveInputError('siteId must be an integer.');
  if (q.kind !== undefined && !KINDS.has(q.kind)) throw new ArchiveInputError(`Unknown kind ${String(q.kind)}.`);
  for (const key of ['deleted', 'edited', 'hidden'] as const) {
    if (q[key] !== undefined && typeof q[key] !== 'boolean') throw new ArchiveInputError(`${key} must be true or false.`);
  }
}

/** The FTS5 expression: the words in the text column AND every filter that has a word. */
function matchExpression(q: SearchQuery, words: string | null): string | null {
  const parts: string[] = [];
  if (words !== null) parts.push(`{text} : (${words})`);
  if (q.kind !== undefined && q.kind !== 'comment' && q.kind !== 'reply') parts.push(`{facets} : ${ftsString(`k${q.kind}`)}`);
  if (q.hidden === true) parts.push('{facets} : "hidden"');
  if (q.edited === true) parts.push('{facets} : "edited"');
  if (q.deleted === true) parts.push('{facets} : "deleted"');
  // The same token the facets column makes: 'a' and the author's UTF-8 bytes in hex.
  if (q.author !== undefined) parts.push(`{facets} : ${ftsString(`a${Buffer.from(wellFormed(q.author), 'utf8').toString('hex')}`)}`);
  const months = q.from !== undefined && q.to !== undefined ? monthsBetween(q.from, q.to) : null;
  if (months !== null) parts.push(months.length === 0 ? '{facets} : "m-none"' : `{facets} : (${months.map((m) => `"m${m}"`).join(' OR ')})`);
  return parts.length === 0 ? null : parts.join(' AND ');
}

function exactFilters(q: SearchQuery, where: string[], params: unknown[]): void {
  if (q.siteId !== undefined) {
    where.push('e.site_id = ?');
    params.push(q.siteId);
  }
  if (q.kind !== undefined) {
    where.push('e.kind = ?');
    params.push(q.kind);
  }
  if (q.author !== undefined) {
    where.push('e.author = ?');
    params.push(wellFormed(q.author));
  }
  if (q.from !== undefined) {
    where.push('coalesce(e.created_at, e.captured_at) >= ?');
    params.push(q.from);
  }
  if (q.to !== undefined) {
    // Compare on the bound's own length, so to='2024-05-31' includes that whole day.
    where.push('substr(coalesce(e.created_at, e.captured_at), 1, length(?)) <= ?');
    params.push(q.to, q.to);
  }
  if (q.hidden !== undefined) where.push(q.hidden ? 'e.hidden = 1' : 'e.hidden = 0');
  if (q.edited !== undefined) where.push(q.edited ? 'e.version > 1' : 'e.version = 1');
  if (q.deleted !== undefined) where.push(q.deleted ? GONE_SQL : `NOT (${GONE_SQL})`);
}
