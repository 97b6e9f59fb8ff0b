import Database from 'better-sqlite3';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../main/db/connection';
import { migrate, MigrationError, type Migration } from '../../main/db/migrate';
import { MIGRATIONS } from '../../main/db/migrations';
import { tempDir } from '../helpers/workspace';

const dirs: string[] = [];
afterEach(() => { for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true }); });
function file(): string {
  const d = tempDir();
  dirs.push(d);
  return join(d, 'ws.sqlite');
}

const tables = (db: Database.Database) =>
  (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);

describe('database', () => {
  it('opens with WAL, foreign keys on, synchronous FULL and the latest user_version', () => {
    const db = openDatabase(file());
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('foreign_keys', { simple: true })).toBe(1);
    expect(db.pragma('synchronous', { simple: true })).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('migration 001 creates the registry tables with their rules', () => {
    const db = openDatabase(file(), { migrateTo: 1 });
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    for (const t of ['roles', 'departments', 'people', 'platforms', 'sites', 'evidence', 'approvals', 'admin_changes', 'terms_reviews', 'violation_reports', 'violation_steps', 'audit_log', 'workspace_meta']) {
      expect(tables(db)).toContain(t);
    }
    // Foreign keys are enforced, CHECKs reject bad states, the audit log refuses edits.
    expect(() => db.prepare("INSERT INTO people (name, role, email, created_at) VALUES ('A', 'nope', 'a@b.c', 'now')").run()).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO roles (key, name, capabilities, sort) VALUES ('r', 'R', '[]', 0)").run();
    expect(() => db.prepare("INSERT INTO roles (key, name, capabilities, sort) VALUES ('s', 'S', '{}', 1)").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO audit_log (at, action, entity) VALUES ('t', 'a', 'e')").run();
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/append-only/);
    db.close();
  });

  it('each later migration applies on top of a database left at the one before', () => {
    const path = file();
    openDatabase(path, { migrateTo: 1 }).close();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('reopening runs nothing twice', () => {
    const path = file();
    openDatabase(path).close();
    const db = openDatabase(path);
    expect(db.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    db.close();
  });

  it('refuses a workspace written by a newer version, without touching it', () => {
    const path = file();
    const raw = new Database(path);
    raw.pragma(`user_version = ${MIGRATIONS.length + 5}`);
    raw.close();
    expect(() => openDatabase(path)).toThrow(/newer version of Civic Social Desk/);
    const check = new Database(path);
    expect(check.pragma('user_version', { simple: true })).toBe(MIGRATIONS.length + 5);
    check.close();
  });

  it('a failing migration rolls back whole and leaves the previous version', () => {
    const db = new Database(':memory:');
    const broken: Migration[] = [
      { version: 1, name: 'one', up: (d) => d.exec('CREATE TABLE a (x)') },
      { version: 2, name: 'two', up: (d) => { d.exec('CREATE TABLE b (x)'); throw new Error('boom'); } },
    ];
    expect(() => migrate(db, broken)).toThrow('boom');
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    expect(tables(db)).toEqual(['a']);
    expect(() => migrate(db, [{ version: 2, name: 'gap', up: () => undefined }])).toThrow(MigrationError);
  });
});
