import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/connection';
import { migrate } from '../../main/db/migrate';
import { MIGRATIONS } from '../../main/db/migrations';
import { m002Archive } from '../../main/db/migrations/002_archive';
import { seedRegistry } from './helpers';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
function file(): string {
  const d = mkdtempSync(join(tmpdir(), 'civicdesk-archive-mig-'));
  dirs.push(d);
  return join(d, 'ws.sqlite');
}

const names = (db: Database.Database, type: string) =>
  (db.prepare('SELECT name FROM sqlite_master WHERE type = ? ORDER BY name').all(type) as { name: string }[]).map((r) => r.name);

const ARCHIVE_TABLES = ['archive_entries', 'archive_media', 'archive_entry_media', 'archive_signing_keys', 'archive_checkpoints'];

describe('migration 002_archive', () => {
  it('[REC-3] takes a version-1 workspace to version 2 with the archive tables, indexes and search index', () => {
    const f = file();
    const v1 = openDatabase(f, { migrateTo: 1 });
    expect(v1.pragma('user_version', { simple: true })).toBe(1);
    expect(names(v1, 'table')).not.toContain('archive_entries');
    seedRegistry(v1);
    v1.close();

    const raw = new Database(f);
    expect(migrate(raw, MIGRATIONS, 2)).toBe(2);
    expect(MIGRATIONS[1]).toBe(m002Archive);
    const tables = names(raw, 'table');
    for (const t of [...ARCHIVE_TABLES, 'capture_runs', 'archive_fts']) expect(tables).toContain(t);
    const indexes = names(raw, 'index');
    for (const i of ['archive_entries_object', 'archive_entries_scope', 'archive_entries_reconcile', 'archive_entries_events', 'capture_runs_scope']) {
      expect(indexes).toContain(i);
    }
    // The registry rows written at version 1 are untouched.
    expect(raw.prepare('SELECT count(*) AS n FROM sites').get()).toEqual({ n: 2 });
    raw.close();
  });

  it('[REC-4] triggers block UPDATE and DELETE on every archive table, and on finished capture runs', () => {
    const db = openDatabase(file());
    const { fbSite } = seedRegistry(db);
    const triggers = names(db, 'trigger');
    for (const t of ARCHIVE_TABLES) {
      expect(triggers).toContain(`${t}_no_update`);
      expect(triggers).toContain(`${t}_no_delete`);
    }
    const hash = Buffer.alloc(32, 1);
    db.prepare(
      `INSERT INTO archive_entries (id, type, captured_at, source, site_id, platform, kind, external_id, version, hidden,
         content_type, payload, payload_sha256, prev_hash, entry_hash)
       VALUES (1, 'capture', 'now', 'api', ?, 'facebook', 'comment', 'c1', 1, 0, 'application/json', x'7b7d', ?, ?, ?)`,
    ).run(fbSite, hash, hash, hash);
    expect(() => db.prepare(`UPDATE archive_entries SET author = 'someone else'`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM archive_entries').run()).toThrow(/append-only/);
    db.prepare(`INSERT INTO archive_media (sha256, media_type, size, added_at, bytes) VALUES ('ab', 'image/png', 1, 'now', x'00')`).run();
    expect(() => db.prepare(`UPDATE archive_media SET bytes = x'01'`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM archive_media').run()).toThrow(/append-only/);
    db.prepare(`INSERT INTO archive_signing_keys (algorithm, public_key, added_at) VALUES ('ed25519', 'aa', 'now')`).run();
    db.prepare(`INSERT INTO archive_checkpoints (entry_id, head_hash, signed_at, key_id, signature) VALUES (1, 'h', 'now', 1, 's')`).run();
    expect(() => db.prepare(`UPDATE archive_checkpoints SET signature = 't'`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM archive_signing_keys').run()).toThrow(/append-only/);
    expect(db.prepare('SELECT count(*) AS n FROM archive_entries').get()).toEqual({ n: 1 });

    db.prepare(`INSERT INTO capture_runs (site_id, scope, source, started_at, status) VALUES (?, 'all', 'api', 'now', 'running')`).run(fbSite);
    db.prepare(`UPDATE capture_runs SET batches = 1`).run();
    db.prepare(`UPDATE capture_runs SET status = 'succeeded', finished_at = 'later'`).run();
    expect(() => db.prepare(`UPDATE capture_runs SET error = 'rewritten'`).run()).toThrow(/never changed/);
    expect(() => db.prepare('DELETE FROM capture_runs').run()).toThrow(/append-only/);
    db.close();
  });

  it('[REC-3] rejects entries that break the shape of a record', () => {
    const db = openDatabase(file());
    const { fbSite } = seedRegistry(db);
    const hash = Buffer.alloc(32, 1);
    const insert = (type: string, payload: Buffer | null, sha: Buffer | null, site = fbSite) =>
      db
        .prepare(
          `INSERT INTO archive_entries (type, captured_at, source, site_id, platform, kind, external_id, version, hidden,
             content_type, payload, payload_sha256, prev_hash, entry_hash)
           VALUES (?, 'now', 'api', ?, 'facebook', 'comment', 'c1', 1, 0, 'application/json', ?, ?, ?, ?)`,
        )
        .run(type, site, payload, sha, hash, hash);
    expect(() => insert('capture', null, null)).toThrow(/CHECK/);
    expect(() => insert('capture', Buffer.from('{}'), Buffer.alloc(31))).toThrow(/CHECK/);
    expect(() => insert('rumour', Buffer.from('{}'), hash)).toThrow(/CHECK/);
    expect(() => insert('capture', Buffer.from('{}'), hash, 999)).toThrow(/FOREIGN KEY/);
    db.close();
  });
});
