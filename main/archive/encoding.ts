import { hash } from 'node:crypto';
import type { EntryType } from './model';

/**
 * The canonical encoding an entry hash is taken over. Each field, in a fixed order, is its byte
 * length in decimal, a colon and its UTF-8 bytes (`5:hello`); NULL is a bare colon (a length always
 * has a digit, so NULL and '' differ). Integers are written in decimal, hashes in lowercase hex.
 * Length prefixes make the encoding unambiguous (no field can bleed into the next), and it is
 * plain enough to rebuild with nothing but the `sqlite3` tool: entryEncodingSql is exactly that
 * query, which verify uses and a test holds byte-equal to encodeEntry.
 */
export const ENCODING_TAG = 'csd-archive-entry/1';
export const GENESIS_HASH = '0'.repeat(64);

export interface EntryFields {
  id: number;
  type: EntryType;
  capturedAt: string;
  source: string;
  siteId: number;
  platform: string;
  kind: string;
  externalId: string | null;
  parentExternalId: string | null;
  author: string | null;
  createdAt: string | null;
  hidden: number | null;
  version: number | null;
  contentType: string | null;
  text: string | null;
  action: string | null;
  actorId: number | null;
  note: string | null;
  refEntryId: number | null;
  lastSeenAt: string | null;
  foundGoneAt: string | null;
  mediaCount: number;
  /** encodeMedia of the entry's media links, or null without media. */
  media: string | null;
  payloadSha256: string | null;
  prevHash: string;
}

export interface MediaLink {
  sha256: string;
  mediaType: string;
  sourceUrl: string | null;
}

function str(v: string | null): string {
  return v === null ? ':' : `${Buffer.byteLength(v, 'utf8')}:${v}`;
}

function int(v: number | null): string {
  if (v === null) return ':';
  const s = String(v);
  return `${s.length}:${s}`;
}

const TAG = str(ENCODING_TAG);

/** Field order here and in entryEncodingSql must match; test/archive/encoding.test.ts holds them equal. */
export function encodeEntry(e: EntryFields): string {
  return (
    TAG +
    int(e.id) +
    str(e.type) +
    str(e.capturedAt) +
    str(e.source) +
    int(e.siteId) +
    str(e.platform) +
    str(e.kind) +
    str(e.externalId) +
    str(e.parentExternalId) +
    str(e.author) +
    str(e.createdAt) +
    int(e.hidden) +
    int(e.version) +
    str(e.contentType) +
    str(e.text) +
    str(e.action) +
    int(e.actorId) +
    str(e.note) +
    int(e.refEntryId) +
    str(e.lastSeenAt) +
    str(e.foundGoneAt) +
    int(e.mediaCount) +
    str(e.media) +
    str(e.payloadSha256) +
    str(e.prevHash)
  );
}

export function encodeMedia(links: readonly MediaLink[]): string | null {
  if (links.length === 0) return null;
  let out = '';
  for (const m of links) out += str(m.sha256) + str(m.mediaType) + str(m.sourceUrl);
  return out;
}

/** Hex output: Node's one-shot hash returns hex markedly faster than a Buffer, and hex is what we store. */
export function sha256Hex(data: Uint8Array | string): string {
  return hash('sha256', data, 'hex');
}

export function entryHash(e: EntryFields): string {
  return sha256Hex(encodeEntry(e));
}

/** SQL for one field: concat() skips NULLs, so a NULL column leaves the bare colon. */
function sqlField(expr: string): string {
  return `octet_length(${expr}), ':', ${expr}`;
}

/** Hash columns are BLOBs; the encoding names them in hex, as people read them. */
function sqlHex(expr: string): string {
  return `nullif(lower(hex(${expr})), '')`;
}

/**
 * A hash column as one field. The usual 32 bytes take a shortcut that writes exactly what the
 * general form does (`64:` and 64 hex digits) but hexes the value once instead of twice; anything
 * else (NULL, or a value of another length after a raw edit) takes the general form.
 */
function sqlHashField(expr: string): string {
  return `CASE WHEN octet_length(${expr}) = 32 THEN '64:' || lower(hex(${expr})) ELSE concat(${sqlField(sqlHex(expr))}) END`;
}

const MEDIA_SQL = (alias: string) =>
  `CASE WHEN ${alias}.media_count = 0 THEN NULL ELSE (SELECT group_concat(concat(${sqlField('m.media_sha256')}, ${sqlField('m.media_type')}, ${sqlField('m.source_url')}), '' ORDER BY m.ordinal) FROM archive_entry_media m WHERE m.entry_id = ${alias}.id) END`;

/**
 * The same encoding built by SQLite from the stored row, so verify reads one value per entry
 * instead of two dozen, and an auditor can compute every entry hash with sqlite3 and sha256sum.
 * `alias` names archive_entries in the surrounding query. One concat() call: each || would build
 * an intermediate string.
 */
export function entryEncodingSql(alias: string): string {
  const c = (col: string) => `${alias}.${col}`;
  const fields = [
    sqlField(c('id')),
    sqlField(c('type')),
    sqlField(c('captured_at')),
    sqlField(c('source')),
    sqlField(c('site_id')),
    sqlField(c('platform')),
    sqlField(c('kind')),
    sqlField(c('external_id')),
    sqlField(c('parent_external_id')),
    sqlField(c('author')),
    sqlField(c('created_at')),
    sqlField(c('hidden')),
    sqlField(c('version')),
    sqlField(c('content_type')),
    sqlField(c('text')),
    sqlField(c('action')),
    sqlField(c('actor_id')),
    sqlField(c('note')),
    sqlField(c('ref_entry_id')),
    sqlField(c('last_seen_at')),
    sqlField(c('found_gone_at')),
    sqlField(c('media_count')),
    sqlField(`(${MEDIA_SQL(alias)})`),
    sqlHashField(c('payload_sha256')),
    sqlHashField(c('prev_hash')),
  ];
  return `concat('${TAG}', ${fields.join(', ')})`;
}

/**
 * SQLite stores TEXT as UTF-8, which cannot hold a lone UTF-16 surrogate; better-sqlite3 would
 * write bytes that read back differently from what we hashed. Replacing them first (as
 * String.prototype.toWellFormed does) makes what is stored, hashed and read back the same string.
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
const HAS_SURROGATE = /[\uD800-\uDFFF]/;

export function wellFormed(s: string): string;
export function wellFormed(s: string | null | undefined): string | null;
export function wellFormed(s: string | null | undefined): string | null {
  if (s === null || s === undefined) return null;
  return HAS_SURROGATE.test(s) ? s.replace(LONE_SURROGATE, '\uFFFD') : s;
}
