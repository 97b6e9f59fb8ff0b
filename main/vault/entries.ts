import type { CredentialStore } from '../credentials/store';
import type { DomainContext } from '../registry/context';
import { listSites } from '../registry/site-read';
import { listPlatforms } from '../registry/sites';
import type { Site } from '../registry/types';
import { readMeta, siteAccount, sitesWithHash, tokenNames, NETWORK_HASH, type SiteMeta } from './keychain-layout';
import type { NetworkPasswordState, PasswordHealth, SecretStamp, SiteRef, VaultEntry } from './view-types';

/** The audit actions the vault writes; the list reads "when and by whom" back from them. */
export const ACTIONS = {
  loginSet: 'vault.login.set',
  passwordSet: 'vault.password.set',
  passwordDelete: 'vault.password.delete',
  passwordReveal: 'vault.password.reveal',
  totpSet: 'vault.totp.set',
  totpDelete: 'vault.totp.delete',
  tokenSet: 'vault.token.set',
  tokenDelete: 'vault.token.delete',
  tokenReveal: 'vault.token.reveal',
  networkSet: 'vault.network.set',
} as const;

const NO_STAMP: SecretStamp = { setAt: null, setBy: null };

/** Latest "set" per secret, keyed "<siteId>:password", "<siteId>:totp", "<siteId>:token:<name>", "network". */
export function readStamps(ctx: DomainContext): Map<string, SecretStamp> {
  const rows = ctx.db.prepare(
    `SELECT a.action, a.at, a.entity_id, a.after, p.name AS actor_name
       FROM audit_log a LEFT JOIN people p ON p.id = a.actor_id
      WHERE ((a.entity = 'site' AND a.action IN (?, ?, ?)) OR (a.entity = 'vault' AND a.action = ?))
      ORDER BY a.id DESC`,
  ).all(ACTIONS.passwordSet, ACTIONS.totpSet, ACTIONS.tokenSet, ACTIONS.networkSet) as
    { action: string; at: string; entity_id: string | null; after: string | null; actor_name: string | null }[];
  const stamps = new Map<string, SecretStamp>();
  for (const r of rows) {
    let key: string;
    if (r.action === ACTIONS.networkSet) key = 'network';
    else if (r.action === ACTIONS.passwordSet) key = `${r.entity_id}:password`;
    else if (r.action === ACTIONS.totpSet) key = `${r.entity_id}:totp`;
    else {
      const name = (JSON.parse(r.after ?? '{}') as { tokenName?: unknown }).tokenName;
      if (typeof name !== 'string') continue;
      key = `${r.entity_id}:token:${name}`;
    }
    if (!stamps.has(key)) stamps.set(key, { setAt: r.at, setBy: r.actor_name });
  }
  return stamps;
}

export function siteRef(site: Pick<Site, 'id' | 'name'>): SiteRef {
  return { siteId: site.id, siteName: site.name };
}

function healthView(meta: SiteMeta, sites: ReadonlyMap<number, Site>, hashed: ReadonlySet<number>): PasswordHealth {
  const h = meta.health;
  if (!h) return { weak: null, score: null, warning: null, reusedWith: [], sameAsNetwork: false };
  const reusedWith = h.reusedWith.flatMap((id) => {
    const other = sites.get(id);
    // A site whose password was removed since no longer shares it.
    return other && hashed.has(id) ? [siteRef(other)] : [];
  });
  return { weak: h.weak, score: h.score, warning: h.warning, reusedWith, sameAsNetwork: h.sameAsNetwork };
}

export interface VaultSnapshot {
  sites: Site[];
  accounts: string[];
  metas: Map<number, SiteMeta>;
}

/** Everything the list needs, read once: the registry's sites, the keychain's items and metadata. */
export async function snapshot(ctx: DomainContext, store: CredentialStore): Promise<VaultSnapshot> {
  const sites = listSites(ctx);
  const accounts = await store.accounts();
  const metas = new Map<number, SiteMeta>();
  for (const site of sites) metas.set(site.id, await readMeta(store, site.id));
  return { sites, accounts, metas };
}

function baseEntry(site: Site, offers2fa: ReadonlyMap<string, boolean>): Omit<VaultEntry, 'secrets'> {
  const review = site.lastTermsReview;
  return {
    siteId: site.id, siteName: site.name, handle: site.handle, platform: site.platform, platformName: site.platformName,
    status: site.status, offers2fa: offers2fa.get(site.platform) ?? true, twofaEnabled: site.twofaEnabled,
    lastTermsReview: review ? { reviewedOn: review.reviewedOn, outcome: review.outcome } : null,
  };
}

function platforms2fa(ctx: DomainContext): Map<string, boolean> {
  return new Map(listPlatforms(ctx).map((p) => [p.key, p.offers2fa]));
}

/** The registry's side of the list, for when the keychain cannot be read: secrets unknown. */
export function entriesWithoutKeychain(ctx: DomainContext): VaultEntry[] {
  const offers = platforms2fa(ctx);
  return listSites(ctx).map((s) => ({ ...baseEntry(s, offers), secrets: null }));
}

export function buildEntries(ctx: DomainContext, snap: VaultSnapshot): VaultEntry[] {
  const stamps = readStamps(ctx);
  const offers = platforms2fa(ctx);
  const has = new Set(snap.accounts);
  const hashed = new Set(sitesWithHash(snap.accounts));
  const byId = new Map(snap.sites.map((s) => [s.id, s]));
  return snap.sites.map((site) => {
    const meta = snap.metas.get(site.id) ?? { login: null, health: null, totp: null };
    const stamp = (key: string) => stamps.get(`${site.id}:${key}`) ?? NO_STAMP;
    const hasPassword = has.has(siteAccount(site.id, 'password'));
    const hasTotp = has.has(siteAccount(site.id, 'totp'));
    return {
      ...baseEntry(site, offers),
      secrets: {
        login: meta.login,
        password: hasPassword ? { ...stamp('password'), health: healthView(meta, byId, hashed) } : null,
        totp: hasTotp
          ? { ...stamp('totp'), issuer: meta.totp?.issuer ?? null, account: meta.totp?.account ?? null,
            algorithm: meta.totp?.algorithm ?? 'SHA1', digits: meta.totp?.digits ?? 6, period: meta.totp?.period ?? 30 }
          : null,
        tokens: tokenNames(snap.accounts, site.id).map((name) => ({ name, ...stamp(`token:${name}`) })),
      },
    };
  });
}

export function networkState(ctx: DomainContext, accounts: readonly string[]): NetworkPasswordState {
  const set = accounts.includes(NETWORK_HASH);
  return { set, ...(set ? readStamps(ctx).get('network') ?? NO_STAMP : NO_STAMP) };
}

/**
 * Words that make a password guessable for this workspace (zxcvbn's user inputs): every site's
 * handle and name, run together as people type them into passwords, then their single words,
 * then the login. Taken from the registry, so another city's names count there as Kalispell's do
 * here. Order matters: zxcvbn ranks earlier inputs as likelier, so whole names come first.
 */
export function guessableWords(ctx: DomainContext, login: string | null = null): string[] {
  const sites = listSites(ctx);
  const compact = (text: string) => text.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const words = (text: string) => text.split(/[^\p{L}\p{N}]+|(?<=\p{Ll})(?=\p{Lu})/u).map((w) => w.toLowerCase());
  const all = [
    ...sites.map((s) => compact(s.handle)),
    ...sites.map((s) => compact(s.name)),
    ...sites.map((s) => compact(s.platformName)),
    ...sites.flatMap((s) => [...words(s.name), ...words(s.handle), ...words(s.platformName)]),
    ...(login ? [compact(login), ...words(login)] : []),
  ];
  return [...new Set(all.filter((w) => w.length >= 3))];
}
