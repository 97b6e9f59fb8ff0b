import type { Db } from '../db/connection';

/** Small facts about the workspace (its id, owner, watermarks, settings), one row per key. */
export function readMeta(db: Db, key: string): string | null {
  return (db.prepare('SELECT value FROM workspace_meta WHERE key = ?').get(key) as { value: string } | undefined)?.value ?? null;
}

export function writeMeta(db: Db, key: string, value: string): void {
  db.prepare('INSERT INTO workspace_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
}
