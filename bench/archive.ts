import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createArchive, createEphemeralSigner, type Archive, type SearchQuery } from '../main/archive';
import { sha256Hex } from '../main/archive/encoding';
import type { CapturedObject, ObjectKind } from '../main/archive/types';
import { openDatabase, type Db } from '../main/db/connection';
import type { BenchRow, BenchSuite } from './types';

/**
 * The archive at scale: import beside a plain SQLite insert of the same payloads, verify beside
 * plain SHA-256 of the same payloads, and search latency, all in one run on one machine.
 * BENCH_ARCHIVE_RECORDS sets the size (default 1,000,000).
 */

const BATCH = 5_000;
const enc = new TextEncoder();

// ---- deterministic data: Graph-API-shaped comments and posts, X-API-shaped tweets ----------------

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return (s >>> 0) / 4294967296;
  };
}

const COMMON = `the to and a of is in for on it this that you we be are with at not have was our they
  city park road water snow plow trash street council meeting please thank thanks why when will can
  about from but what kids pool library police fire bridge traffic permit budget tax school bus trail
  festival parade closure detour hearing mayor downtown winter summer crews great love need open`.split(/\s+/);
const SYLLABLES = 'ka li spe ll mon ta na fla th ead gla cier whi te fi sh ber ry co lum bia val ley'.split(' ');

/** ~12,000 words with Zipf frequencies, so search terms run from every tenth record to a handful. */
function vocabulary(): { words: string[]; cumulative: Float64Array } {
  const r = rng(7);
  const words = [...COMMON];
  const seen = new Set(words);
  while (words.length < 12_000) {
    let w = '';
    const n = 2 + Math.floor(r() * 3);
    for (let i = 0; i < n; i++) w += SYLLABLES[Math.floor(r() * SYLLABLES.length)];
    if (!seen.has(w)) {
      seen.add(w);
      words.push(w);
    }
  }
  const cumulative = new Float64Array(words.length);
  let sum = 0;
  for (let i = 0; i < words.length; i++) cumulative[i] = sum += 1 / (i + 1);
  for (let i = 0; i < words.length; i++) cumulative[i] = (cumulative[i] as number) / sum;
  return { words, cumulative };
}

const VOCAB = vocabulary();
const FIRST = 'Pat Sam Alex Jo Chris Dana Lee Kim Robin Terry Casey Jamie Morgan Avery Riley Quinn Drew Sky'.split(' ');
const LAST = 'Smith Olsen Nguyen Garcia Berg Hansen Clark Lewis Young Walker Hall Allen King Wright Scott Baker'.split(' ');

function pick(r: () => number): string {
  const x = r();
  let lo = 0;
  let hi = VOCAB.cumulative.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((VOCAB.cumulative[mid] as number) < x) lo = mid + 1;
    else hi = mid;
  }
  return VOCAB.words[lo] as string;
}

function sentence(r: () => number, min: number, max: number): string {
  const n = min + Math.floor(r() * (max - min));
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(pick(r));
  return out.join(' ');
}

function author(i: number): { id: string; name: string } {
  const a = i % 20_000;
  return { id: String(100_000_000 + a), name: `${FIRST[a % FIRST.length]} ${LAST[Math.floor(a / FIRST.length) % LAST.length]} ${a}` };
}

/** Record i, version v. About 3% of records are later versions of an earlier one (edits). */
export function record(i: number, fbSite: number, xSite: number): { siteId: number; object: CapturedObject } {
  const r = rng(i * 2654435761 + 1);
  const edit = i > 1000 && r() < 0.03;
  const base = edit ? i - 1 - Math.floor(r() * 1000) : i;
  const rb = rng(base * 2654435761 + 1);
  rb();
  const roll = rb();
  const who = author(Math.floor(rb() * 1e9));
  const created = new Date(Date.UTC(2020, 0, 1) + base * 60_000).toISOString();
  const text = sentence(edit ? r : rb, roll < 0.07 ? 20 : 5, roll < 0.07 ? 120 : 40);
  const hidden = rb() < 0.03;
  if (roll >= 0.9) {
    const kind: ObjectKind = roll < 0.93 ? 'post' : 'reply';
    const id = String(1_700_000_000_000_000_000n + BigInt(base));
    const parent = kind === 'reply' ? String(1_700_000_000_000_000_000n + BigInt(base - (base % 50))) : null;
    const json = `{"data":{"id":"${id}","text":${JSON.stringify(text)},"created_at":"${created}","author_id":"${who.id}","conversation_id":"${parent ?? id}","lang":"en","edit_history_tweet_ids":["${id}"],"public_metrics":{"retweet_count":${base % 7},"reply_count":${base % 11},"like_count":${base % 97},"quote_count":0,"bookmark_count":${base % 5},"impression_count":${base % 4099}},"possibly_sensitive":false,"reply_settings":"everyone","entities":{"urls":[{"start":0,"end":23,"url":"https://t.co/${id.slice(-10)}","expanded_url":"https://www.kalispell.com/news/${base}","display_url":"kalispell.com/news/${base}"}]}${parent ? `,"in_reply_to_user_id":"1234567890","referenced_tweets":[{"type":"replied_to","id":"${parent}"}]` : ''}},"includes":{"users":[{"id":"${who.id}","name":"${who.name}","username":"user${who.id}","verified":false}]}}`;
    return { siteId: xSite, object: { platform: 'x', kind, externalId: id, parentExternalId: parent, author: who.name, createdAt: created, text, hidden: false, payload: enc.encode(json), contentType: 'application/json' } };
  }
  const kind: ObjectKind = roll < 0.05 ? 'post' : roll < 0.7 ? 'comment' : 'reply';
  // Fixed-width numeric ids, as the Graph API's are, so index order follows time.
  const post = fbPostId(base - (base % 40));
  const id = kind === 'post' ? fbPostId(base) : `${post.slice(13)}_${2_000_000_000_000 + base}`;
  const parent = kind === 'post' ? null : kind === 'comment' ? post : `${post.slice(13)}_${2_000_000_000_000 + base - (base % 8)}`;
  const fields = `"id":"${id}","message":${JSON.stringify(text)},"created_time":"${created.slice(0, 19)}+0000","from":{"name":"${who.name}","id":"${who.id}"},"permalink_url":"https://www.facebook.com/kalispell/posts/${base}"`;
  const json =
    kind === 'post'
      ? `{${fields},"status_type":"added_photos","full_picture":"https://scontent.xx.fbcdn.net/v/t39.30808-6/${base}_n.jpg","attachments":{"data":[{"media_type":"photo","type":"photo","url":"https://www.facebook.com/photo.php?fbid=${base}","media":{"image":{"height":720,"width":960,"src":"https://scontent.xx.fbcdn.net/v/t39.30808-6/${base}_n.jpg"}}}]},"shares":{"count":${base % 13}},"reactions":{"data":[],"summary":{"total_count":${base % 211},"viewer_reaction":"NONE"}},"comments":{"data":[],"summary":{"order":"ranked","total_count":${base % 57},"can_comment":true}}}`
      : `{${fields},"like_count":${base % 17},"comment_count":${base % 3},"is_hidden":${hidden},"can_hide":true,"can_remove":true,"user_likes":false,"parent":{"id":"${parent}"}}`;
  return { siteId: fbSite, object: { platform: 'facebook', kind, externalId: id, parentExternalId: parent, author: who.name, createdAt: created, text, hidden, payload: enc.encode(json), contentType: 'application/json' } };
}

export function fbPostId(base: number): string {
  return `109876543210_${1_000_000_000_000 + base}`;
}

// ---- measurements ---------------------------------------------------------------------------------

function seed(db: Db): { fbSite: number; xSite: number } {
  db.exec(`
    INSERT INTO roles (key, name, capabilities, sort) VALUES ('cm', 'Communications Manager', '[]', 0);
    INSERT INTO platforms (key, name, offers_2fa) VALUES ('facebook', 'Facebook', 1), ('x', 'X', 1);
    INSERT INTO people (id, name, role, email, created_at) VALUES (1, 'Bench', 'cm', 'bench@city.test', '2026-01-01');
    INSERT INTO sites (id, platform, handle, name, scope, status, created_by, created_at)
      VALUES (1, 'facebook', 'kalispell', 'City of Kalispell', 'official', 'active', 1, '2026-01-01'),
             (2, 'x', 'kalispell', 'City of Kalispell', 'official', 'active', 1, '2026-01-01');
  `);
  return { fbSite: 1, xSite: 2 };
}

const now = () => process.hrtime.bigint();
const seconds = (from: bigint) => Number(process.hrtime.bigint() - from) / 1e9;
const round = (x: number, digits = 0) => Number(x.toFixed(digits));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

export function searchMix(): SearchQuery[] {
  const w = (rank: number) => VOCAB.words[rank] as string;
  const q: SearchQuery[] = [];
  for (let k = 0; k < 10; k++) {
    q.push({ query: w(k) });
    q.push({ query: w(40 + k * 7) });
    q.push({ query: w(900 + k * 131) });
    q.push({ query: w(6000 + k * 400) });
    q.push({ query: `${w(30 + k)} ${w(200 + k * 3)}` });
    q.push({ query: `"${w(k)} ${w(k + 1)}"` });
    q.push({ query: `${w(60 + k).slice(0, 4)}*` });
    q.push({ query: w(100 + k), siteId: 1, kind: 'comment' });
    q.push({ query: w(20 + k), hidden: true });
    q.push({ query: w(5 + k), edited: true });
    q.push({ query: w(10 + k), from: '2020-06-01', to: '2021-06-30' });
    q.push({ query: w(k), author: author(k * 37).name });
    q.push({ query: w(k * 3), deleted: true });
    q.push({ query: '', kind: 'post', siteId: 1 });
  }
  return q;
}

interface Timings {
  /** Making the records in memory (not part of any rate). */
  make: number;
  archive: number;
  payloads: number;
  rows: number;
  payloadBytes: number;
}

/** Imports every record in batches, each batch also into two plain tables, alternating the order. */
function importAll(archive: Archive, plain: Database.Database, total: number, sites: { fbSite: number; xSite: number }): Timings {
  plain.exec(`
    CREATE TABLE plain_payloads (id INTEGER PRIMARY KEY, payload BLOB NOT NULL);
    CREATE TABLE plain_rows (id INTEGER PRIMARY KEY, site_id INTEGER, platform TEXT, kind TEXT, external_id TEXT,
      parent_external_id TEXT, author TEXT, created_at TEXT, hidden INTEGER, content_type TEXT, text TEXT, payload BLOB);`);
  const payloadInsert = plain.prepare('INSERT INTO plain_payloads (payload) VALUES (?)');
  const rowInsert = plain.prepare('INSERT INTO plain_rows (site_id, platform, kind, external_id, parent_external_id, author, created_at, hidden, content_type, text, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
  const payloads = plain.transaction((objects: CapturedObject[]) => {
    for (const o of objects) payloadInsert.run(o.payload);
  });
  const rows = plain.transaction((batch: { siteId: number; object: CapturedObject }[]) => {
    for (const { siteId, object: o } of batch) {
      rowInsert.run(siteId, o.platform, o.kind, o.externalId, o.parentExternalId ?? null, o.author ?? null, o.createdAt ?? null, o.hidden ? 1 : 0, o.contentType, o.text ?? null, o.payload);
    }
  });
  const t: Timings = { make: 0, archive: 0, payloads: 0, rows: 0, payloadBytes: 0 };
  for (let start = 0, n = 0; start < total; start += BATCH, n++) {
    const made = now();
    const batch: { siteId: number; object: CapturedObject }[] = [];
    const bySite = new Map<number, CapturedObject[]>();
    for (let i = start; i < Math.min(total, start + BATCH); i++) {
      const r = record(i, sites.fbSite, sites.xSite);
      batch.push(r);
      const list = bySite.get(r.siteId);
      if (list) list.push(r.object);
      else bySite.set(r.siteId, [r.object]);
      t.payloadBytes += r.object.payload.length;
    }
    const all = batch.map((r) => r.object);
    t.make += seconds(made);
    const steps: [keyof Omit<Timings, 'payloadBytes' | 'make'>, () => void][] = [
      ['archive', () => bySite.forEach((objects, siteId) => archive.ingest(siteId, objects, 'import'))],
      ['payloads', () => payloads(all)],
      ['rows', () => rows(batch)],
    ];
    // Rotate who goes first, so no one always meets a cold cache or a pending checkpoint.
    for (let k = 0; k < steps.length; k++) {
      const [name, step] = steps[(n + k) % steps.length] as (typeof steps)[number];
      const at = now();
      step();
      t[name] += seconds(at);
    }
  }
  return t;
}

/** The same payload bytes, hashed one by one (as verify must) and as one stream. */
function hashAll(total: number, sites: { fbSite: number; xSite: number }): { each: number; stream: number } {
  const out = { each: 0, stream: 0 };
  for (let start = 0; start < total; start += BATCH) {
    const payloads: Uint8Array[] = [];
    for (let i = start; i < Math.min(total, start + BATCH); i++) payloads.push(record(i, sites.fbSite, sites.xSite).object.payload);
    let at = now();
    for (const p of payloads) sha256Hex(p);
    out.each += seconds(at);
    at = now();
    const h = createHash('sha256');
    for (const p of payloads) h.update(p);
    h.digest();
    out.stream += seconds(at);
  }
  return out;
}

function searchTimes(archive: Archive): { times: number[]; hits: number } {
  const queries = searchMix();
  for (const q of queries) archive.search(q);
  const times: number[] = [];
  let hits = 0;
  for (let rep = 0; rep < 5; rep++) {
    for (const q of queries) {
      const at = now();
      hits += archive.search({ ...q, limit: 20 }).hits.length;
      times.push(seconds(at) * 1000);
    }
  }
  return { times: times.sort((a, b) => a - b), hits };
}

async function run(): Promise<BenchRow[]> {
  const total = Number(process.env.BENCH_ARCHIVE_RECORDS ?? 1_000_000);
  const count = total.toLocaleString('en-US');
  const dir = mkdtempSync(join(tmpdir(), 'civicdesk-bench-archive-'));
  const loadBefore = loadavg()[0] ?? 0;
  try {
    const db = openDatabase(join(dir, 'archive.sqlite'));
    const sites = seed(db);
    const archive = createArchive(db, { signer: createEphemeralSigner() });
    const plain = new Database(join(dir, 'plain.sqlite'));
    plain.pragma('journal_mode = WAL');
    plain.pragma('synchronous = FULL');

    const imported = importAll(archive, plain, total, sites);
    // Generating the archive: making the records and ingesting them; the baselines are extra.
    const generateSeconds = imported.make + imported.archive;
    plain.close();
    // Some deletions, for the 'deleted' filter: a few posts' comments vanish.
    for (let p = 0; p < 50; p++) {
      archive.reconcile({ siteId: sites.fbSite, kind: 'comment', parentExternalId: fbPostId(p * 40 * 97), seenExternalIds: [], capturedAt: new Date().toISOString() });
    }

    const at = now();
    const verified = archive.verify();
    const verifySeconds = seconds(at);
    if (!verified.ok) throw new Error(`verify failed on a clean archive: ${JSON.stringify(verified.problems.slice(0, 3))}`);
    const hashed = hashAll(total, sites);
    const searched = searchTimes(archive);
    const fileMb = statSync(join(dir, 'archive.sqlite')).size / 1e6;
    db.close();

    const mb = imported.payloadBytes / 1e6;
    const rate = (s: number) => round(total / s);
    const importRate = total / imported.archive;
    const verifyMbs = mb / verifySeconds;
    const p95 = percentile(searched.times, 95);
    return [
      { name: `generate an archive of ${count} records (make + ingest)`, value: round(generateSeconds, 1), unit: 's', target: '< 120 s', met: generateSeconds < 120 },
      {
        name: 'import (ingest)',
        value: round(importRate),
        unit: 'records/s',
        baseline: { name: 'plain SQLite insert of the same payloads', value: rate(imported.payloads) },
        target: '>= 50,000 records/s and >= 1/3 of baseline',
        met: importRate >= 50_000 && importRate >= total / imported.payloads / 3,
      },
      { name: 'import (ingest), second baseline', value: round(importRate), unit: 'records/s', baseline: { name: 'plain SQLite insert of the same rows (metadata + text + payload, no hash/index/FTS)', value: rate(imported.rows) } },
      {
        name: 'verify',
        value: round(verifyMbs, 1),
        unit: 'MB/s of payload',
        baseline: { name: 'plain SHA-256 of each payload', value: round(mb / hashed.each, 1) },
        target: '>= 1/2 of baseline',
        met: verifyMbs >= mb / hashed.each / 2,
      },
      { name: 'verify, second baseline', value: round(verifyMbs, 1), unit: 'MB/s of payload', baseline: { name: 'SHA-256 of all payloads as one stream', value: round(mb / hashed.stream, 1) } },
      { name: 'verify', value: round(verified.checked / verifySeconds), unit: 'entries/s' },
      { name: `search p50 at ${count} records`, value: round(percentile(searched.times, 50), 2), unit: 'ms' },
      { name: `search p95 at ${count} records`, value: round(p95, 2), unit: 'ms', target: '< 20 ms', met: p95 < 20 },
      { name: `search max at ${count} records (${searched.times.length} queries, ${searched.hits} hits)`, value: round(searched.times.at(-1) ?? 0, 2), unit: 'ms' },
      { name: 'average payload', value: round(imported.payloadBytes / total), unit: 'bytes' },
      { name: 'archive file size', value: round(fileMb), unit: 'MB', baseline: { name: 'payload bytes', value: round(mb) } },
      { name: 'machine load average (1 min), start and end: the 2 cores are shared', value: round(loadBefore, 2), unit: 'load', baseline: { name: 'at end', value: round(loadavg()[0] ?? 0, 2) } },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export const suite: BenchSuite = { name: 'archive', run };
