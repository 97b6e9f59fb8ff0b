import { requireCapability, type DomainContext } from './context';
import { adminChanges, listSites } from './site-read';
import type { Finding, Site } from './types';

const TERMS_REVIEW_MONTHS = 12;

function termsDue(site: Site, now: Date): boolean {
  if (!site.lastTermsReview) return true;
  const due = new Date(`${site.lastTermsReview.reviewedOn}T00:00:00Z`);
  due.setUTCMonth(due.getUTCMonth() + TERMS_REVIEW_MONTHS);
  return due.getTime() <= now.getTime();
}

function siteFindings(ctx: DomainContext, site: Site, offers2fa: Map<string, boolean>): Finding[] {
  const at = (requirement: string, kind: Finding['kind'], message: string): Finding =>
    ({ requirement, siteId: site.id, siteName: site.name, kind, message });
  if (site.status === 'retired') return [];
  if (site.status === 'proposed') {
    return [at('REG-2', 'site_not_approved', `${site.name} is not approved: record the City Manager's approval before it is used.`)];
  }
  const out: Finding[] = [];
  if (!site.admins.some((a) => a.role === 'it_director')) {
    out.push(at('REG-6', 'it_director_not_admin', `The IT Director is not an administrator of ${site.name}.`));
  }
  if (offers2fa.get(site.platform) && !site.twofaEnabled) {
    out.push(at('SEC-2', 'twofa_off', `Two-factor authentication is off on ${site.name}.`));
  }
  if (termsDue(site, ctx.now())) {
    out.push(at('SEC-1', 'terms_not_reviewed', site.lastTermsReview
      ? `The terms of service of ${site.name} were last reviewed on ${site.lastTermsReview.reviewedOn}, over ${TERMS_REVIEW_MONTHS} months ago.`
      : `The terms of service and privacy terms of ${site.name} have never been reviewed.`));
  }
  if (!site.policyLinked) {
    out.push(at('CMT-1', 'policy_not_linked', `The Civility and Acceptable Use Policy is not linked on ${site.name}.`));
  }
  for (const change of adminChanges(ctx.db, site.id)) {
    if (change.state !== 'pending') continue;
    out.push(at('REG-5', 'admin_not_approved', change.action === 'add'
      ? `${change.personName} is waiting to be made an administrator of ${site.name} without the City Manager's approval.`
      : `Removing ${change.personName} as administrator of ${site.name} awaits the City Manager's approval.`));
  }
  return out;
}

/** REG-4/CNT-1: a designee on the submitters' list needs an active director to approve for them. */
function peopleFindings(ctx: DomainContext): Finding[] {
  const rows = ctx.db.prepare(
    `SELECT p.name FROM people p LEFT JOIN people d ON d.id = p.approver_id
      WHERE p.active = 1 AND p.may_submit = 1 AND p.role = 'designee' AND (d.id IS NULL OR d.active = 0)`,
  ).all() as { name: string }[];
  return rows.map((r) => ({
    requirement: 'REG-4', siteId: null, siteName: null, kind: 'designee_without_director',
    message: `${r.name} may submit content but has no active Department Director to approve it.`,
  }));
}

/** The live list of ways the registry falls short of the policy, each citing its requirement. */
export function complianceFindings(ctx: DomainContext): Finding[] {
  requireCapability(ctx, 'registry.read', 'read compliance findings');
  const offers2fa = new Map((ctx.db.prepare('SELECT key, offers_2fa FROM platforms').all() as { key: string; offers_2fa: number }[])
    .map((r) => [r.key, r.offers_2fa === 1]));
  return [...listSites(ctx).flatMap((s) => siteFindings(ctx, s, offers2fa)), ...peopleFindings(ctx)];
}
