import type { Db } from '../db/connection';
import type { ObjectKind, PlatformKey } from './types';

/** A capture or deletion entry, as the moderation inbox follows the archive. */
export interface FeedEntry {
  entryId: number;
  type: 'capture' | 'deletion';
  siteId: number;
  platform: PlatformKey;
  kind: ObjectKind;
  externalId: string;
  parentExternalId: string | null;
  author: string | null;
  createdAt: string | null;
  capturedAt: string;
  text: string | null;
  hidden: boolean;
}

/**
 * Read-only views of the chain for other domains: entries after an id (the inbox keeps its own
 * watermark), and the latest text of an object (the post a comment answers).
 */
export function createFeed(db: Db) {
  const since = db.prepare(`
    SELECT id AS entryId, type, site_id AS siteId, platform, kind, external_id AS externalId,
           parent_external_id AS parentExternalId, author, created_at AS createdAt, captured_at AS capturedAt,
           text, coalesce(hidden, 0) AS hidden
      FROM archive_entries
     WHERE id > ? AND type IN ('capture', 'deletion') AND kind IN (${'?, '.repeat(5)}?)
     ORDER BY id LIMIT ?`);
  const latestText = db.prepare(`
    SELECT text FROM archive_entries
     WHERE site_id = ? AND platform = ? AND external_id = ? AND type = 'capture'
     ORDER BY id DESC LIMIT 1`).pluck();
  const head = db.prepare('SELECT coalesce(max(id), 0) FROM archive_entries').pluck();
  const profileAuthor = db.prepare(`
    SELECT author FROM archive_entries WHERE site_id = ? AND external_id = 'profile' AND kind = 'profile' AND type = 'capture'
     ORDER BY id DESC LIMIT 1`).pluck();
  return {
    since(afterId: number, kinds: readonly ObjectKind[], limit = 5000): FeedEntry[] {
      const k = [...kinds, ...Array(6 - kinds.length).fill('')].slice(0, 6);
      return (since.all(afterId, ...k, limit) as (Omit<FeedEntry, 'hidden'> & { hidden: number })[]).map((r) => ({ ...r, hidden: r.hidden === 1 }));
    },
    latestText(siteId: number, platform: PlatformKey, externalId: string): string | null {
      return (latestText.get(siteId, platform, externalId) as string | null | undefined) ?? null;
    },
    /** The name the site's own account posts under, as its latest profile capture gives it. */
    ownAuthor(siteId: number): string | null {
      return (profileAuthor.get(siteId) as string | null | undefined) ?? null;
    },
    head(): number {
      return head.get() as number;
    },
  };
}

export type Feed = ReturnType<typeof createFeed>;
