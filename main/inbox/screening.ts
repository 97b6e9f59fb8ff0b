import { readMeta, writeMeta } from '../workspace/meta';
import type { Db } from '../db/connection';
import { inTransaction } from '../db/connection';
import { createFeed, type FeedEntry } from '../archive/feed';
import { screen, type Verdict } from '../moderation';
import { activePolicy, learnedAdjustments } from './policy-store';

const WATERMARK = 'inbox_watermark';

function watermark(db: Db): number {
  return Number(readMeta(db, WATERMARK) ?? 0);
}

/**
 * Follows the archive: every newly captured comment or reply (or new version of one) is screened
 * against the policy in force and put in the inbox; a deletion marks the item gone. Idempotent and
 * incremental: a watermark in the workspace says how far it has read.
 */
export function screenNewComments(db: Db, now: () => Date = () => new Date()): { screened: number; gone: number } {
  const feed = createFeed(db);
  const policy = activePolicy(db);
  const learned = learnedAdjustments(db);
  let screened = 0;
  let gone = 0;
  // The name each site's own account posts under, looked up once per site rather than per comment.
  const own = new Map<number, string | null>();
  const ownAuthor = (siteId: number) => {
    if (!own.has(siteId)) own.set(siteId, feed.ownAuthor(siteId));
    return own.get(siteId) ?? null;
  };
  for (;;) {
    const from = watermark(db);
    const batch = feed.since(from, ['comment', 'reply'], 2000);
    if (batch.length === 0) break;
    inTransaction(db, () => {
      for (const e of batch) {
        if (e.type === 'deletion') gone += markGone(db, e, now);
        else if (e.author !== null && e.author === ownAuthor(e.siteId)) {
          // The city's own replies are not public comments to moderate.
          continue;
        } else {
          upsert(db, e, feed, policy, learned, now);
          screened += 1;
        }
      }
      writeMeta(db, WATERMARK, String(batch.at(-1)?.entryId ?? from));
    });
  }
  return { screened, gone };
}

function markGone(db: Db, e: FeedEntry, now: () => Date): number {
  return db.prepare("UPDATE inbox_comments SET state = 'gone', updated_at = ? WHERE site_id = ? AND platform = ? AND external_id = ? AND state <> 'gone'")
    .run(now().toISOString(), e.siteId, e.platform, e.externalId).changes;
}

function postOf(db: Db, e: FeedEntry): string | null {
  if (e.kind === 'comment') return e.parentExternalId;
  // A reply's parent is a comment; the post is that comment's parent.
  const parent = db.prepare('SELECT post_external_id FROM inbox_comments WHERE site_id = ? AND platform = ? AND external_id = ?')
    .get(e.siteId, e.platform, e.parentExternalId) as { post_external_id: string | null } | undefined;
  return parent?.post_external_id ?? null;
}

function upsert(db: Db, e: FeedEntry, feed: ReturnType<typeof createFeed>, policy: ReturnType<typeof activePolicy>, learned: ReturnType<typeof learnedAdjustments>, now: () => Date): void {
  const postId = postOf(db, e);
  const postText = postId ? feed.latestText(e.siteId, e.platform, postId) ?? '' : '';
  const text = e.text ?? '';
  const verdict: Verdict = screen({ id: e.externalId, post: postText, text, platform: e.platform }, policy, learned);
  const existing = db.prepare('SELECT id, state, text FROM inbox_comments WHERE site_id = ? AND platform = ? AND external_id = ?')
    .get(e.siteId, e.platform, e.externalId) as { id: number; state: string; text: string } | undefined;
  const at = now().toISOString();
  const values = [e.entryId, e.parentExternalId, postId, postText, e.author, text, e.createdAt, e.capturedAt, verdict.action,
    JSON.stringify(verdict.labels), JSON.stringify(verdict.evidence), verdict.confidence, verdict.policyVersion,
    verdict.referral ? JSON.stringify(verdict.referral) : null, e.hidden ? 1 : 0, at];
  if (!existing) {
    db.prepare(`INSERT INTO inbox_comments (entry_id, parent_external_id, post_external_id, post_text, author, text, created_at, captured_at,
        verdict, labels, evidence, confidence, policy_version, referral, hidden, updated_at, site_id, platform, external_id, kind, state)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(...values, e.siteId, e.platform, e.externalId, e.kind, e.hidden ? 'hidden' : 'open');
    return;
  }
  // An edited comment is a new thing to judge: an earlier "allow" does not cover the new words.
  const reopen = existing.text !== text && (existing.state === 'allowed' || existing.state === 'replied');
  db.prepare(`UPDATE inbox_comments SET entry_id = ?, parent_external_id = ?, post_external_id = ?, post_text = ?, author = ?, text = ?,
      created_at = ?, captured_at = ?, verdict = ?, labels = ?, evidence = ?, confidence = ?, policy_version = ?, referral = ?, hidden = ?,
      updated_at = ?, state = ? WHERE id = ?`)
    .run(...values, reopen ? 'open' : existing.state === 'gone' ? 'open' : existing.state, existing.id);
}
