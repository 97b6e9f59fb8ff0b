import { tokenAccount } from '../vault/keychain-layout';
import { inTransaction } from '../db/connection';
import { audit, isoNow, requireCapability, type DomainContext } from '../registry/context';
import { getSite } from '../registry/site-read';
import { AppError } from '../shared/errors';

export interface SiteConnection {
  siteId: number;
  baseUrl: string;
  accountId: string;
  /** 0 means capture only on demand. */
  captureMinutes: number;
  updatedAt: string;
}

interface Row { site_id: number; base_url: string; account_id: string; capture_minutes: number; updated_at: string }

const toConnection = (r: Row): SiteConnection =>
  ({ siteId: r.site_id, baseUrl: r.base_url, accountId: r.account_id, captureMinutes: r.capture_minutes, updatedAt: r.updated_at });

export function getConnection(ctx: DomainContext, siteId: number): SiteConnection | null {
  const row = ctx.db.prepare('SELECT * FROM site_connections WHERE site_id = ?').get(siteId) as Row | undefined;
  return row ? toConnection(row) : null;
}

export function listConnections(ctx: DomainContext): SiteConnection[] {
  return (ctx.db.prepare('SELECT * FROM site_connections ORDER BY site_id').all() as Row[]).map(toConnection);
}

/** Only real HTTPS endpoints, or the local simulator: a token is never sent in clear to a remote host. */
function checkBaseUrl(url: string): void {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError('invalid_input', `"${url}" is not an address.`);
  }
  const local = u.protocol === 'http:' && (u.hostname === '127.0.0.1' || u.hostname === 'localhost') && u.port !== '';
  if (u.protocol !== 'https:' && !local) throw new AppError('invalid_input', 'The API address must use https:// (or be the local simulator).');
}

export function setConnection(ctx: DomainContext, input: { siteId: number; baseUrl: string; accountId: string; captureMinutes?: number }): SiteConnection {
  requireCapability(ctx, 'registry.manage', 'change how sites are captured');
  checkBaseUrl(input.baseUrl);
  if (!/^[\w.:-]{1,100}$/.test(input.accountId)) throw new AppError('invalid_input', 'The account id is the platform\u2019s numeric id for the Page or account.');
  const minutes = input.captureMinutes ?? 60;
  if (!Number.isInteger(minutes) || minutes < 0 || minutes > 10_080) throw new AppError('invalid_input', 'Capture every 0 (on demand) to 10,080 minutes.');
  return inTransaction(ctx.db, () => {
    const site = getSite(ctx, input.siteId);
    if (site.platform !== 'facebook' && site.platform !== 'x') {
      throw new AppError('invalid_input', `${site.platformName}s cannot be captured yet; only Facebook Pages and X accounts.`);
    }
    const before = getConnection(ctx, site.id);
    ctx.db.prepare(
      `INSERT INTO site_connections (site_id, base_url, account_id, capture_minutes, updated_at) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT(site_id) DO UPDATE SET base_url = excluded.base_url, account_id = excluded.account_id,
         capture_minutes = excluded.capture_minutes, updated_at = excluded.updated_at`,
    ).run(site.id, input.baseUrl.replace(/\/+$/, ''), input.accountId, minutes, isoNow(ctx));
    const after = getConnection(ctx, site.id);
    audit(ctx, 'site.connection', 'site', site.id, before, after);
    return after as SiteConnection;
  });
}

/** The site's API token is one of the vault's named tokens: the one called "api". */
export const apiTokenAccount = (siteId: number): string => tokenAccount(siteId, 'api');
