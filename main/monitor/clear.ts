import { createArchive, type PlatformKey } from '../archive';
import { inTransaction } from '../db/connection';
import { audit, isoNow, requireCapability, type DomainContext } from '../registry/context';
import { getSite } from '../registry/site-read';
import { setSiteStatus } from '../registry/sites';
import { AppError } from '../shared/errors';
import { watchedItems } from './profile-items';
import { approveItem, countOpen, getAlert, getSiteWatch, markCleared, updateSiteWatch } from './store';
import type { ClearResult, MonitorAlert } from './types';

/**
 * Clearing a picture or profile alert approves the item as it was last captured: if the IT
 * Director restored it first, that is the original again; if the change was the city's own, it
 * is the new value. Either way a later change of it is compared with what the IT Director saw.
 */
function reapprove(ctx: DomainContext, alert: MonitorAlert, personId: number): { item: string; value: string | null } | null {
  const item = typeof alert.evidence.item === 'string' ? alert.evidence.item : null;
  if (item === null || (alert.kind !== 'picture_changed' && alert.kind !== 'profile_changed')) return null;
  const platform = alert.platform as PlatformKey;
  const versions = (createArchive(ctx.db).getRecord(alert.siteId, platform, 'profile')?.versions ?? []).filter((v) => v.source === 'api');
  const latest = versions.at(-1);
  if (!latest) return null;
  const current = watchedItems(platform, latest).find((i) => i.item === item);
  if (!current || current.value === undefined) return null;
  approveItem(ctx.db, alert.siteId, { item, value: current.value, entryId: latest.entryId, at: isoNow(ctx), by: personId, alertId: alert.id });
  return { item, value: current.value };
}

/**
 * Suspended → active when the IT Director cleared the last alert. The registry lets only
 * `registry.manage` (the CM) make that move; SEC-7 makes it the IT Director's call for a site the
 * watch took out of use, so when the registry refuses the role, this records the move itself,
 * audited under the IT Director's name as the registry would.
 */
function reactivate(ctx: DomainContext, siteId: number, note: string, alertId: number): void {
  try {
    setSiteStatus(ctx, siteId, 'active', note);
    return;
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'forbidden') throw err;
  }
  const changed = ctx.db.prepare("UPDATE sites SET status = 'active' WHERE id = ? AND status = 'suspended'").run(siteId).changes;
  if (changed === 1) {
    audit(ctx, 'site.active', 'site', siteId, { status: 'suspended' },
      { status: 'active', note, via: 'monitor.clear', alertId, clearedBy: ctx.actor?.name ?? null });
  }
}

/**
 * Only the IT Director (monitor.clear) clears an alert, with a note saying what was found and done.
 * When it was the site's last open alert and the watch suspended the site, the site is active again.
 * A site someone suspended by hand stays suspended.
 */
export function clearAlert(ctx: DomainContext, input: { alertId: number; note: string }): ClearResult {
  const actor = requireCapability(ctx, 'monitor.clear', 'clear vandalism alerts');
  const note = input.note.trim();
  if (!note) throw new AppError('invalid_input', 'Say what you found and did: a note is required to clear an alert.');
  if (note.length > 4000) throw new AppError('invalid_input', 'Keep the note under 4,000 characters.');
  return inTransaction(ctx.db, () => {
    const before = getAlert(ctx.db, input.alertId);
    if (before.clearedAt) throw new AppError('conflict', `Alert ${before.id} was already cleared by ${before.clearedBy?.name ?? 'someone'} on ${before.clearedAt}.`);
    markCleared(ctx.db, before.id, isoNow(ctx), actor.personId, note);
    const approved = reapprove(ctx, before, actor.personId);
    const alert = getAlert(ctx.db, before.id);
    audit(ctx, 'monitor.clear', 'monitor_alert', alert.id, { clearedAt: null }, { note, clearedBy: actor.name, siteId: alert.siteId, kind: alert.kind, approved });
    const openOnSite = countOpen(ctx.db, alert.siteId);
    let reactivated = false;
    if (openOnSite === 0) {
      const watch = getSiteWatch(ctx.db, alert.siteId);
      if (watch?.suspendedByMonitor && getSite(ctx, alert.siteId).status === 'suspended') {
        reactivate(ctx, alert.siteId, `Vandalism alerts cleared (SEC-7): ${note}`.slice(0, 2000), alert.id);
        reactivated = getSite(ctx, alert.siteId).status === 'active';
      }
      if (watch) updateSiteWatch(ctx.db, alert.siteId, { suspendedByMonitor: false });
    }
    return { alert, openOnSite, siteStatus: getSite(ctx, alert.siteId).status, reactivated };
  });
}
