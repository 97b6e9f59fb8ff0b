import type { Db } from '../db/connection';
import { inTransaction } from '../db/connection';
import { audit, requireCapability, type DomainContext } from '../registry/context';
import { composeEmail, itDirectors } from './email';
import { countOpen, getAlert, openAlerts, recentlyCleared } from './store';
import type { AlertsView, PreparedEmail } from './types';

/**
 * Security alerts are for the people who act on them or oversee them: the CM, City Manager, City
 * Attorney, IT Director and Clerk, i.e. whoever may read the audit log.
 */
const READ = 'audit.read';

export function listAlerts(ctx: DomainContext, input: { siteId?: number; limit?: number } = {}): AlertsView {
  requireCapability(ctx, READ, 'see vandalism alerts');
  const limit = Math.min(Math.max(input.limit ?? 20, 1), 200);
  return { open: openAlerts(ctx.db, input.siteId), recent: recentlyCleared(ctx.db, limit, input.siteId) };
}

/** The email to the IT Director about one alert, prepared again on demand (nothing is sent). */
export function alertEmail(ctx: DomainContext, alertId: number): PreparedEmail {
  requireCapability(ctx, READ, 'prepare vandalism alert emails');
  return inTransaction(ctx.db, () => {
    const email = composeEmail(getAlert(ctx.db, alertId), itDirectors(ctx.db), ctx.now());
    audit(ctx, 'monitor.email', 'monitor_alert', alertId, null, { to: email.to.map((r) => r.email), subject: email.subject });
    return email;
  });
}

export interface PublishingBlock {
  blocked: boolean;
  siteStatus: string | null;
  openAlertIds: number[];
  reason: string | null;
}

/**
 * For the publisher: whether publishing to the site must be refused. Open alerts block it whatever
 * the registry says (someone could make the site active again by hand), and so does a suspension.
 */
export function publishingBlock(db: Db, siteId: number): PublishingBlock {
  const status = (db.prepare('SELECT status FROM sites WHERE id = ?').pluck().get(siteId) as string | undefined) ?? null;
  const open = openAlerts(db, siteId).map((a) => a.id);
  const reason = open.length
    ? `Possible vandalism (SEC-7): ${open.length} open alert${open.length === 1 ? '' : 's'} until the IT Director clears ${open.length === 1 ? 'it' : 'them'}.`
    : status === 'suspended' ? 'The site is suspended.' : status === null ? 'No such site.' : null;
  return { blocked: reason !== null, siteStatus: status, openAlertIds: open, reason };
}

export function isPublishingBlocked(db: Db, siteId: number): boolean {
  return countOpen(db, siteId) > 0 || publishingBlock(db, siteId).blocked;
}
