import { inTransaction } from '../db/connection';
import { AppError } from '../shared/errors';
import { audit, isoNow, requireCapability, type DomainContext } from './context';
import { getSite, getSiteDetail } from './site-read';
import type { Platform, Site, SiteDetail, SiteScope, SiteStatus } from './types';

export function listPlatforms(ctx: DomainContext): Platform[] {
  const rows = ctx.db.prepare('SELECT key, name, offers_2fa FROM platforms ORDER BY name').all() as
    { key: string; name: string; offers_2fa: number }[];
  return rows.map((r) => ({ key: r.key, name: r.name, offers2fa: r.offers_2fa === 1 }));
}

export interface SiteInput {
  platform: string;
  handle: string;
  name: string;
  url?: string | null;
  purpose?: string;
  departmentId?: number | null;
  scope?: SiteScope;
}

export function normalizeHandle(handle: string): string {
  return handle.trim().replace(/^@/, '');
}

function checkUrl(url: string | null | undefined, what: string): void {
  if (url == null || url === '') return;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new AppError('invalid_input', `${what} is not a web address: ${url}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new AppError('invalid_input', `${what} must start with https:// or http://.`);
  }
}

/**
 * REG-2: a new site starts as proposed and has no standing until the City Manager's approval is
 * recorded (approvals.ts moves it to approved).
 */
export function createSite(ctx: DomainContext, input: SiteInput): Site {
  const handle = normalizeHandle(input.handle);
  if (!handle) throw new AppError('invalid_input', 'A site needs a handle.');
  if (!input.name.trim()) throw new AppError('invalid_input', 'A site needs a name.');
  checkUrl(input.url, 'The site address');
  return inTransaction(ctx.db, () => {
    if (!ctx.db.prepare('SELECT 1 FROM platforms WHERE key = ?').get(input.platform)) {
      throw new AppError('invalid_input', `Unknown platform "${input.platform}".`);
    }
    if (ctx.db.prepare('SELECT 1 FROM sites WHERE platform = ? AND handle = ?').get(input.platform, handle)) {
      throw new AppError('conflict', `A ${input.platform} site with the handle "${handle}" is already in the registry.`);
    }
    const actor = requireCapability(ctx, 'registry.manage', 'propose new sites');
    const id = Number(ctx.db.prepare(
      `INSERT INTO sites (platform, handle, name, url, purpose, department_id, scope, status, created_by, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, 'proposed', ?, ?)`,
    ).run(input.platform, handle, input.name.trim(), input.url || null, input.purpose?.trim() ?? '',
      input.departmentId ?? null, input.scope ?? 'official', actor.personId, isoNow(ctx)).lastInsertRowid);
    const site = getSite(ctx, id);
    audit(ctx, 'site.create', 'site', id, null, site);
    return site;
  });
}

export interface SitePatch {
  name?: string;
  url?: string | null;
  purpose?: string;
  departmentId?: number | null;
  scope?: SiteScope;
  twofaEnabled?: boolean;
  policyLinked?: boolean;
  policyUrl?: string | null;
}

export function updateSite(ctx: DomainContext, id: number, patch: SitePatch): SiteDetail {
  requireCapability(ctx, 'registry.manage', 'change sites');
  checkUrl(patch.url, 'The site address');
  checkUrl(patch.policyUrl, 'The policy link');
  if (patch.name !== undefined && !patch.name.trim()) throw new AppError('invalid_input', 'A site needs a name.');
  return inTransaction(ctx.db, () => {
    const before = getSite(ctx, id);
    const policyLinked = patch.policyLinked ?? before.policyLinked;
    const policyUrl = patch.policyUrl !== undefined ? patch.policyUrl || null : before.policyUrl;
    // CMT-1 asks for a prominent link: "linked" without saying where it is cannot be checked.
    if (policyLinked && !policyUrl) throw new AppError('invalid_input', 'Say where the Civility and Acceptable Use Policy is linked (its address).');
    ctx.db.prepare(
      `UPDATE sites SET name = ?, url = ?, purpose = ?, department_id = ?, scope = ?, twofa_enabled = ?,
              policy_linked = ?, policy_url = ? WHERE id = ?`,
    ).run(patch.name?.trim() ?? before.name, patch.url !== undefined ? patch.url || null : before.url,
      patch.purpose ?? before.purpose, patch.departmentId !== undefined ? patch.departmentId : before.departmentId,
      patch.scope ?? before.scope, (patch.twofaEnabled ?? before.twofaEnabled) ? 1 : 0, policyLinked ? 1 : 0, policyUrl, id);
    const after = getSite(ctx, id);
    audit(ctx, 'site.update', 'site', id, before, after);
    return getSiteDetail(ctx, id);
  });
}

/** Which moves a person may make by hand; proposed → approved only happens by recording an approval. */
const TRANSITIONS: Record<SiteStatus, Partial<Record<SiteStatus, 'registry.manage' | 'site.suspend'>>> = {
  proposed: { retired: 'registry.manage' },
  approved: { active: 'registry.manage', retired: 'registry.manage' },
  active: { suspended: 'site.suspend', retired: 'registry.manage' },
  suspended: { active: 'registry.manage', retired: 'registry.manage' },
  retired: {},
};

export function setSiteStatus(ctx: DomainContext, id: number, status: SiteStatus, note: string): SiteDetail {
  return inTransaction(ctx.db, () => {
    const before = getSite(ctx, id);
    const capability = TRANSITIONS[before.status][status];
    if (!capability) {
      const hint = before.status === 'proposed' && status !== 'retired'
        ? ' Record the City Manager\u2019s approval first (REG-2).' : '';
      throw new AppError('invalid_input', `A ${before.status} site cannot become ${status}.${hint}`);
    }
    requireCapability(ctx, capability, `make a site ${status}`);
    if ((status === 'suspended' || status === 'retired') && !note.trim()) {
      throw new AppError('invalid_input', `Say why the site is being ${status}.`);
    }
    ctx.db.prepare('UPDATE sites SET status = ? WHERE id = ?').run(status, id);
    audit(ctx, `site.${status}`, 'site', id, { status: before.status }, { status, note: note.trim() });
    return getSiteDetail(ctx, id);
  });
}
