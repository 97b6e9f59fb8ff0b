import type { Db } from '../db/connection';
import { requireCapability, type DomainContext } from '../registry/context';
import { AppError } from '../shared/errors';
import type { InboxCounts, InboxItem, InboxQuery, ModerationActionRecord } from './types';

interface Row {
  id: number; site_id: number; site_name: string; platform: InboxItem['platform']; external_id: string; kind: InboxItem['kind'];
  parent_external_id: string | null; post_external_id: string | null;
  author: string | null; text: string; post_text: string; created_at: string | null; captured_at: string; verdict: InboxItem['verdict'];
  labels: string; evidence: string; confidence: number; policy_version: string; referral: string | null; state: InboxItem['state'];
  hidden: number; flags: number;
}

const SELECT = `
  SELECT c.id, c.site_id, s.name AS site_name, c.platform, c.external_id, c.kind, c.parent_external_id, c.post_external_id, c.author, c.text, c.post_text, c.created_at,
         c.captured_at, c.verdict, c.labels, c.evidence, c.confidence, c.policy_version, c.referral, c.state, c.hidden,
         (SELECT count(*) FROM moderation_flags f WHERE f.inbox_id = c.id AND f.resolved_at IS NULL) AS flags
    FROM inbox_comments c JOIN sites s ON s.id = c.site_id`;

function toItem(r: Row): InboxItem {
  return {
    id: r.id, siteId: r.site_id, siteName: r.site_name, platform: r.platform, externalId: r.external_id, kind: r.kind, parentExternalId: r.parent_external_id, postExternalId: r.post_external_id, author: r.author,
    text: r.text, postText: r.post_text, createdAt: r.created_at, capturedAt: r.captured_at, verdict: r.verdict,
    labels: JSON.parse(r.labels) as InboxItem['labels'], evidence: JSON.parse(r.evidence) as InboxItem['evidence'], confidence: r.confidence,
    policyVersion: r.policy_version, referral: r.referral ? (JSON.parse(r.referral) as InboxItem['referral']) : null, state: r.state,
    hidden: r.hidden === 1, flags: r.flags,
  };
}

export function getInboxItem(db: Db, id: number): InboxItem {
  const row = db.prepare(`${SELECT} WHERE c.id = ?`).get(id) as Row | undefined;
  if (!row) throw new AppError('not_found', `No inbox item with id ${id}.`);
  return toItem(row);
}

/** Newest capture first, paged by (captured_at, id) so 100,000 items page as fast as 100. */
export function listInbox(ctx: DomainContext, q: InboxQuery = {}): InboxItem[] {
  requireCapability(ctx, 'comment.flag', 'see the moderation inbox');
  const where: string[] = [];
  const args: (string | number)[] = [];
  if (q.siteId !== undefined) { where.push('c.site_id = ?'); args.push(q.siteId); }
  if (q.verdict) { where.push('c.verdict = ?'); args.push(q.verdict); }
  if (q.label) { where.push('EXISTS (SELECT 1 FROM json_each(c.labels) WHERE value = ?)'); args.push(q.label); }
  if (q.state === 'waiting') where.push("c.state IN ('open', 'with_attorney')");
  else if (q.state) { where.push('c.state = ?'); args.push(q.state); }
  if (q.text?.trim()) { where.push("(c.text LIKE ? ESCAPE '\\' OR c.author LIKE ? ESCAPE '\\')"); const like = `%${q.text.trim().replace(/[\\%_]/g, (m) => `\\${m}`)}%`; args.push(like, like); }
  if (q.before) { where.push('(c.captured_at < ? OR (c.captured_at = ? AND c.id < ?))'); args.push(q.before.capturedAt, q.before.capturedAt, q.before.id); }
  const limit = Math.min(Math.max(q.limit ?? 200, 1), 1000);
  const sql = `${SELECT} ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY c.captured_at DESC, c.id DESC LIMIT ${limit}`;
  return (ctx.db.prepare(sql).all(...args) as Row[]).map(toItem);
}

export function inboxCounts(ctx: DomainContext, siteId?: number): InboxCounts {
  requireCapability(ctx, 'comment.flag', 'see the moderation inbox');
  const filter = siteId === undefined ? '' : 'WHERE site_id = ?';
  const args = siteId === undefined ? [] : [siteId];
  const byState = Object.fromEntries((ctx.db.prepare(`SELECT state, count(*) AS n FROM inbox_comments ${filter} GROUP BY state`).all(...args) as { state: string; n: number }[]).map((r) => [r.state, r.n]));
  const byVerdict = Object.fromEntries((ctx.db.prepare(`SELECT verdict, count(*) AS n FROM inbox_comments ${filter} ${filter ? 'AND' : 'WHERE'} state = 'open' GROUP BY verdict`).all(...args) as { verdict: string; n: number }[]).map((r) => [r.verdict, r.n]));
  const total = Object.values(byState).reduce((a, b) => a + b, 0);
  return { total, byState, byVerdict };
}

export function actionHistory(ctx: DomainContext, inboxId: number): ModerationActionRecord[] {
  requireCapability(ctx, 'comment.flag', 'see the moderation inbox');
  return (ctx.db.prepare(`
    SELECT a.id, a.action, a.labels, a.note, a.policy_version AS policyVersion, p.name AS actorName, a.at,
           a.archive_entry_id AS archiveEntryId, a.reply_text AS replyText, a.state_before AS stateBefore
      FROM moderation_actions a JOIN people p ON p.id = a.actor_id WHERE a.inbox_id = ? ORDER BY a.id`).all(inboxId) as (Omit<ModerationActionRecord, 'labels'> & { labels: string })[])
    .map((r) => ({ ...r, labels: JSON.parse(r.labels) as ModerationActionRecord['labels'] }));
}
