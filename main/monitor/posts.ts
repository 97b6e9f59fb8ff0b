/** What explains a post: a manual post the CM recorded, or (later) an approved publication. */
import { getConnection } from '../capture/connections';
import { inTransaction, type Db } from '../db/connection';
import { audit, isoNow, requireCapability, type DomainContext } from '../registry/context';
import { getSite } from '../registry/site-read';
import type { Site } from '../registry/types';
import { AppError } from '../shared/errors';
import { openAlerts } from './store';
import type { ManualPost } from './types';

/**
 * The platform's id for a post, from what a person pastes: the id itself, a post or status link,
 * or (on Facebook) the post number alone, which is completed with the Page id.
 */
export function normalizePostId(ctx: DomainContext, site: Site, raw: string): string {
  const input = raw.trim();
  if (!input) throw new AppError('invalid_input', 'Give the post\u2019s id or its link.');
  let id = input;
  if (/^https?:\/\//i.test(input)) {
    if (/pfbid/i.test(input)) {
      throw new AppError('invalid_input', 'Facebook\u2019s share links (pfbid\u2026) do not carry the post id: open the post from its date and copy that link, or give the id.');
    }
    const m = site.platform === 'x'
      ? /\/status(?:es)?\/(\d+)/.exec(input)
      : /\/posts\/(?:[\w.-]+\/)?(\d+)|[?&]story_fbid=(\d+)/.exec(input);
    const found = m?.[1] ?? m?.[2];
    if (!found) throw new AppError('invalid_input', `That link does not name a ${site.platform === 'x' ? 'post (…/status/123…)' : 'Page post (…/posts/123…)'}.`);
    id = found;
  }
  if (site.platform === 'facebook' && /^\d+$/.test(id)) {
    const pageId = getConnection(ctx, site.id)?.accountId;
    if (pageId) id = `${pageId}_${id}`;
  }
  if (!/^[\w.:-]{1,200}$/.test(id)) throw new AppError('invalid_input', `"${input.slice(0, 60)}" is not a post id.`);
  return id;
}

interface ManualRow { id: number; site_id: number; external_id: string; note: string; recorded_by: string; recorded_at: string }

function getManualPost(db: Db, id: number): ManualPost {
  const r = db.prepare(
    `SELECT m.id, m.site_id, m.external_id, m.note, p.name AS recorded_by, m.recorded_at
       FROM monitor_manual_posts m JOIN people p ON p.id = m.recorded_by WHERE m.id = ?`,
  ).get(id) as ManualRow;
  return { id: r.id, siteId: r.site_id, externalId: r.external_id, note: r.note, recordedBy: r.recorded_by, recordedAt: r.recorded_at };
}

/**
 * The CM records a post the city made on the platform outside the app, so the watch does not take
 * it for vandalism. Recorded before the capture that finds the post, it raises nothing. An alert
 * already raised about it stays open for the IT Director (a record made afterwards is exactly what
 * someone in control of the workspace would fake); the result names those alerts.
 */
export function recordManualPost(ctx: DomainContext, input: { siteId: number; externalId: string; note: string }): { manualPost: ManualPost; openAlertIds: number[] } {
  const actor = requireCapability(ctx, 'content.publish', 'record posts made outside the app');
  const note = input.note.trim();
  if (!note) throw new AppError('invalid_input', 'Say what the post was and why it was made outside the app.');
  if (note.length > 2000) throw new AppError('invalid_input', 'Keep the note under 2,000 characters.');
  return inTransaction(ctx.db, () => {
    const site = getSite(ctx, input.siteId);
    const externalId = normalizePostId(ctx, site, input.externalId);
    if (ctx.db.prepare('SELECT 1 FROM monitor_manual_posts WHERE site_id = ? AND external_id = ?').get(site.id, externalId)) {
      throw new AppError('conflict', `Post ${externalId} on ${site.name} is already recorded.`);
    }
    const at = isoNow(ctx);
    const id = Number(ctx.db.prepare('INSERT INTO monitor_manual_posts (site_id, external_id, note, recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?)')
      .run(site.id, externalId, note, actor.personId, at).lastInsertRowid);
    explainPost(ctx.db, { siteId: site.id, externalId, source: 'manual', refId: id, at, by: actor.personId });
    const manualPost = getManualPost(ctx.db, id);
    audit(ctx, 'monitor.manual_post', 'site', site.id, null, manualPost);
    const openAlertIds = openAlerts(ctx.db, site.id)
      .filter((a) => a.kind === 'unexplained_post' && a.evidence.externalId === externalId).map((a) => a.id);
    return { manualPost, openAlertIds };
  });
}

/**
 * Marks a post as explained. The publisher calls this with source 'publication' and its
 * publication id, in the same transaction as it records the id the platform gave the post, so a
 * capture can never see the post before its explanation. It is idempotent per source.
 */
export function explainPost(db: Db, e: { siteId: number; externalId: string; source: 'manual' | 'publication'; refId: number; at: string; by: number | null }): void {
  db.prepare(
    `INSERT INTO monitor_explained_posts (site_id, external_id, source, ref_id, explained_at, explained_by)
     VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (site_id, external_id, source) DO NOTHING`,
  ).run(e.siteId, e.externalId, e.source, e.refId, e.at, e.by);
}

export function listManualPosts(ctx: DomainContext, siteId?: number): ManualPost[] {
  requireCapability(ctx, 'audit.read', 'see recorded manual posts');
  const ids = ctx.db.prepare('SELECT id FROM monitor_manual_posts WHERE ? IS NULL OR site_id = ? ORDER BY id DESC').pluck().all(siteId ?? null, siteId ?? null) as number[];
  return ids.map((id) => getManualPost(ctx.db, id));
}
