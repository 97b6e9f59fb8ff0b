import { inTransaction } from '../db/connection';
import { AppError } from '../shared/errors';
import { audit, isoNow, requireCapability, type DomainContext } from './context';
import { getPerson } from './people';
import { effectiveAdmins, getSite, getSiteDetail } from './site-read';
import type { SiteDetail } from './types';

export interface AdminChangeInput {
  siteId: number;
  personId: number;
  action: 'add' | 'remove';
  reason?: string;
}

/**
 * REG-2/REG-5: the CM asks for an administrator to be added or removed; nothing changes on the
 * registry's list of admins until the City Manager's approval of this request is recorded.
 */
export function requestAdminChange(ctx: DomainContext, input: AdminChangeInput): SiteDetail {
  const actor = requireCapability(ctx, 'registry.manage', 'change site administrators');
  return inTransaction(ctx.db, () => {
    const site = getSite(ctx, input.siteId);
    if (site.status === 'retired') throw new AppError('conflict', `${site.name} is retired.`);
    const person = getPerson(ctx, input.personId);
    if (!person.active && input.action === 'add') throw new AppError('invalid_input', `${person.name} is no longer active.`);
    const isAdmin = effectiveAdmins(ctx.db, site.id).some((a) => a.personId === person.id);
    if (input.action === 'add' && isAdmin) throw new AppError('conflict', `${person.name} is already an administrator of ${site.name}.`);
    if (input.action === 'remove' && !isAdmin) throw new AppError('conflict', `${person.name} is not an administrator of ${site.name}.`);
    const pending = ctx.db.prepare(
      'SELECT 1 FROM admin_changes WHERE site_id = ? AND person_id = ? AND approval_id IS NULL AND cancelled_at IS NULL',
    ).get(site.id, person.id);
    if (pending) throw new AppError('conflict', `A change for ${person.name} on ${site.name} is already waiting for approval.`);
    const id = Number(ctx.db.prepare(
      `INSERT INTO admin_changes (site_id, person_id, action, reason, requested_by, requested_at)
       VALUES (?, ?, ?, ?, ?, ?)`,
    ).run(site.id, person.id, input.action, input.reason?.trim() ?? '', actor.personId, isoNow(ctx)).lastInsertRowid);
    audit(ctx, `admin_change.request_${input.action}`, 'admin_change', id, null,
      { siteId: site.id, site: site.name, personId: person.id, person: person.name, action: input.action });
    return getSiteDetail(ctx, site.id);
  });
}

export function cancelAdminChange(ctx: DomainContext, changeId: number): SiteDetail {
  requireCapability(ctx, 'registry.manage', 'cancel administrator changes');
  return inTransaction(ctx.db, () => {
    const row = ctx.db.prepare('SELECT site_id, approval_id, cancelled_at FROM admin_changes WHERE id = ?').get(changeId) as
      { site_id: number; approval_id: number | null; cancelled_at: string | null } | undefined;
    if (!row) throw new AppError('not_found', `No administrator change with id ${changeId}.`);
    if (row.approval_id) throw new AppError('conflict', 'An approved change cannot be cancelled; request the opposite change instead.');
    if (row.cancelled_at) throw new AppError('conflict', 'That change is already cancelled.');
    ctx.db.prepare('UPDATE admin_changes SET cancelled_at = ? WHERE id = ?').run(isoNow(ctx), changeId);
    audit(ctx, 'admin_change.cancel', 'admin_change', changeId, { state: 'pending' }, { state: 'cancelled' });
    return getSiteDetail(ctx, row.site_id);
  });
}
