import type { Db } from '../db/connection';
import { AppError } from '../shared/errors';
import type { DomainContext } from './context';
import type { AdminChange, Approval, Site, SiteDetail, TermsReview } from './types';

interface SiteRow {
  id: number; platform: string; platform_name: string; handle: string; name: string; url: string | null;
  purpose: string; department_id: number | null; department_name: string | null; scope: Site['scope'];
  status: Site['status']; twofa_enabled: number; policy_linked: number; policy_url: string | null; created_at: string;
}

const SITE_SELECT = `
  SELECT s.id, s.platform, pl.name AS platform_name, s.handle, s.name, s.url, s.purpose, s.department_id,
         d.name AS department_name, s.scope, s.status, s.twofa_enabled, s.policy_linked, s.policy_url, s.created_at
    FROM sites s
    JOIN platforms pl ON pl.key = s.platform
    LEFT JOIN departments d ON d.id = s.department_id`;

/** The administrators in force: approved adds minus approved removals, in approval order. */
export function effectiveAdmins(db: Db, siteId: number): Site['admins'] {
  const rows = db.prepare(
    `SELECT c.person_id, c.action, p.name, p.role
       FROM admin_changes c
       JOIN approvals a ON a.id = c.approval_id
       JOIN people p ON p.id = c.person_id
      WHERE c.site_id = ? AND c.cancelled_at IS NULL
      ORDER BY a.recorded_at, a.id`,
  ).all(siteId) as { person_id: number; action: 'add' | 'remove'; name: string; role: string }[];
  const admins = new Map<number, Site['admins'][number]>();
  for (const r of rows) {
    if (r.action === 'add') admins.set(r.person_id, { personId: r.person_id, name: r.name, role: r.role });
    else admins.delete(r.person_id);
  }
  return [...admins.values()].sort((a, b) => a.name.localeCompare(b.name));
}

function termsReviews(db: Db, siteId: number): TermsReview[] {
  const rows = db.prepare(
    `SELECT t.id, t.reviewed_on, p.name AS reviewer_name, t.outcome, t.note
       FROM terms_reviews t JOIN people p ON p.id = t.reviewer_id
      WHERE t.site_id = ? ORDER BY t.reviewed_on DESC, t.id DESC`,
  ).all(siteId) as { id: number; reviewed_on: string; reviewer_name: string; outcome: TermsReview['outcome']; note: string }[];
  return rows.map((r) => ({ id: r.id, reviewedOn: r.reviewed_on, reviewerName: r.reviewer_name, outcome: r.outcome, note: r.note }));
}

function toSite(db: Db, r: SiteRow): Site {
  return {
    id: r.id, platform: r.platform, platformName: r.platform_name, handle: r.handle, name: r.name, url: r.url,
    purpose: r.purpose, departmentId: r.department_id, departmentName: r.department_name, scope: r.scope,
    status: r.status, twofaEnabled: r.twofa_enabled === 1, policyLinked: r.policy_linked === 1,
    policyUrl: r.policy_url, createdAt: r.created_at, lastTermsReview: termsReviews(db, r.id)[0] ?? null,
    admins: effectiveAdmins(db, r.id),
  };
}

export function listSites(ctx: DomainContext): Site[] {
  const rows = ctx.db.prepare(`${SITE_SELECT} ORDER BY s.status = 'retired', s.name`).all() as SiteRow[];
  return rows.map((r) => toSite(ctx.db, r));
}

export function getSite(ctx: DomainContext, id: number): Site {
  const row = ctx.db.prepare(`${SITE_SELECT} WHERE s.id = ?`).get(id) as SiteRow | undefined;
  if (!row) throw new AppError('not_found', `No site with id ${id}.`);
  return toSite(ctx.db, row);
}

/** A site by id, or by handle (with or without @) when the CLI is given one. */
export function findSite(ctx: DomainContext, idOrHandle: string): Site {
  if (/^\d+$/.test(idOrHandle)) return getSite(ctx, Number(idOrHandle));
  const handle = idOrHandle.replace(/^@/, '');
  const rows = ctx.db.prepare('SELECT id FROM sites WHERE handle = ?').all(handle) as { id: number }[];
  if (rows.length === 0) throw new AppError('not_found', `No site with handle "${handle}".`);
  if (rows.length > 1) throw new AppError('invalid_input', `More than one site has the handle "${handle}"; use its id.`);
  return getSite(ctx, (rows[0] as { id: number }).id);
}

interface ApprovalRow {
  id: number; approver_id: number; approver_name: string; approved_on: string; evidence_id: number; file_name: string;
  media_type: string; sha256: string; size: number; note: string; recorded_by_name: string; recorded_at: string;
}

export function getApproval(db: Db, subject: 'site' | 'admin_change', subjectId: number): Approval | null {
  const r = db.prepare(
    `SELECT a.id, a.approver_id, ap.name AS approver_name, a.approved_on, a.evidence_id, e.file_name, e.media_type,
            e.sha256, length(e.bytes) AS size, a.note, rb.name AS recorded_by_name, a.recorded_at
       FROM approvals a
       JOIN people ap ON ap.id = a.approver_id
       JOIN people rb ON rb.id = a.recorded_by
       JOIN evidence e ON e.id = a.evidence_id
      WHERE a.subject = ? AND a.subject_id = ?`,
  ).get(subject, subjectId) as ApprovalRow | undefined;
  if (!r) return null;
  return {
    id: r.id, approverId: r.approver_id, approverName: r.approver_name, approvedOn: r.approved_on,
    evidence: { id: r.evidence_id, fileName: r.file_name, mediaType: r.media_type, sha256: r.sha256, size: r.size },
    note: r.note, recordedBy: r.recorded_by_name, recordedAt: r.recorded_at,
  };
}

export function adminChanges(db: Db, siteId: number | null): AdminChange[] {
  const rows = db.prepare(
    `SELECT c.id, c.site_id, c.person_id, p.name AS person_name, p.role AS person_role, c.action, c.reason,
            rq.name AS requested_by, c.requested_at, c.cancelled_at, c.approval_id
       FROM admin_changes c
       JOIN people p ON p.id = c.person_id
       JOIN people rq ON rq.id = c.requested_by
      WHERE (? IS NULL OR c.site_id = ?)
      ORDER BY c.requested_at DESC, c.id DESC`,
  ).all(siteId, siteId) as {
    id: number; site_id: number; person_id: number; person_name: string; person_role: string; action: 'add' | 'remove';
    reason: string; requested_by: string; requested_at: string; cancelled_at: string | null; approval_id: number | null;
  }[];
  return rows.map((r) => ({
    id: r.id, siteId: r.site_id, personId: r.person_id, personName: r.person_name, personRole: r.person_role,
    action: r.action, reason: r.reason, requestedBy: r.requested_by, requestedAt: r.requested_at,
    state: r.cancelled_at ? 'cancelled' : r.approval_id ? 'approved' : 'pending',
    approval: r.approval_id ? getApproval(db, 'admin_change', r.id) : null,
  }));
}

export function getSiteDetail(ctx: DomainContext, id: number): SiteDetail {
  const site = getSite(ctx, id);
  return {
    ...site,
    approval: getApproval(ctx.db, 'site', id),
    adminChanges: adminChanges(ctx.db, id),
    termsReviews: termsReviews(ctx.db, id),
  };
}
