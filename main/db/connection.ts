import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** Skip migrations; only the migration tests want a database at an older version. */
  migrateTo?: number;
  readonly?: boolean;
}

/**
 * Opens a workspace database with the pragmas every caller relies on. WAL lets the CLI read while
 * the app writes; synchronous=FULL because this file holds public records and a lost commit after
 * a power cut is worse than a slower write.
 */
export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ':memory:' && !options.readonly) mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) {
    // Takes effect only on a new, empty file (a WAL file keeps the size it was made with). Archive
    // entries are about 1 KB each: a 4 KB page holds three and wastes an eighth of itself, a 16 KB
    // page holds fifteen, and every page costs a WAL frame, a b-tree cell pointer and a checksum.
    db.pragma('page_size = 16384');
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = FULL');
  }
  db.pragma('foreign_keys = ON');
  if (!options.readonly) migrate(db, MIGRATIONS, options.migrateTo);
  return db;
}

/** Runs fn in an IMMEDIATE transaction so that two writers never interleave a read-modify-write. */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.transaction(fn).immediate();
}
