import { openCredentialStore, type CredentialStore } from '../credentials/store';
import { inTransaction } from '../db/connection';
import { audit, requireCapability, type Actor, type DomainContext } from '../registry/context';
import { getSite } from '../registry/site-read';
import type { Site } from '../registry/types';
import { AppError } from '../shared/errors';
import {
  ACTIONS, buildEntries, entriesWithoutKeychain, guessableWords, networkState, siteRef, snapshot, type VaultSnapshot,
} from './entries';
import {
  applyWrites, EMPTY_META, NETWORK_HASH, serialized, serializeMeta, siteAccount, sitesWithHash, tokenAccount,
  type SiteMeta, type StoredHealth, type Write,
} from './keychain-layout';
import { checkPassword, hashNetworkPassword, hashSitePassword, MIN_SITE_PASSWORD_SCORE, type SiteHash } from './password-rules';
import { needsRehash, verifySecret } from './scrypt';
import { parseTotpSeed } from './seed';
import { estimateStrength } from './strength';
import { codeAt } from './totp';
import { seedFromSource, type TotpSource } from './totp-source';
import type {
  PasswordFindingView, RevealPurpose, SetNetworkResult, SetPasswordResult, SetTotpResult, StrengthView, TotpCodeView,
  VaultEntry, VaultOverview,
} from './view-types';

/**
 * The vault: each site's login, password, 2FA seed and API tokens, kept only in the OS keychain
 * (see keychain-layout.ts), with SEC-8 password rules and SEC-2 codes. Every function checks the
 * `vault.use` capability before it touches the keychain, and every change or reveal is audited
 * with what happened, never with the secret.
 */

const KEYCHAIN_OK = 'The OS keychain is available; the vault keeps secrets there and nowhere else.';

function requireVault(ctx: DomainContext, what: string): Actor {
  return requireCapability(ctx, 'vault.use', what);
}

function siteForChange(ctx: DomainContext, siteId: number): Site {
  const site = getSite(ctx, siteId);
  if (site.status === 'retired') {
    throw new AppError('invalid_input', `${site.name} is retired; nothing new is stored for it. Remove its secrets instead.`);
  }
  return site;
}

function entryOf(ctx: DomainContext, snap: VaultSnapshot, siteId: number): VaultEntry {
  const entry = buildEntries(ctx, snap).find((e) => e.siteId === siteId);
  if (!entry) throw new AppError('not_found', `No site with id ${siteId}.`);
  return entry;
}

async function freshEntry(ctx: DomainContext, store: CredentialStore, siteId: number): Promise<VaultEntry> {
  return entryOf(ctx, await snapshot(ctx, store), siteId);
}

function metaOf(snap: VaultSnapshot, siteId: number): SiteMeta {
  return snap.metas.get(siteId) ?? { ...EMPTY_META };
}

function metaWrite(siteId: number, meta: SiteMeta): Write {
  return { account: siteAccount(siteId, 'meta'), value: serializeMeta(meta) };
}

/** Writes the keychain and the audit row together (see applyWrites): a failed audit undoes the change. */
function commit(ctx: DomainContext, store: CredentialStore, writes: Write[], record: () => void): Promise<void> {
  return applyWrites(store, writes, () => inTransaction(ctx.db, record));
}

function normalizeLogin(login: string | null | undefined): string | null {
  const trimmed = (login ?? '').trim();
  if (trimmed.length > 320) throw new AppError('invalid_input', 'The login name is longer than 320 characters.');
  return trimmed === '' ? null : trimmed;
}

const UNKNOWN_HEALTH: StoredHealth = Object.freeze({ weak: null, score: null, warning: null, reusedWith: [], sameAsNetwork: false });

/** Every site's stored hash but `exceptSiteId`'s, skipping damaged records so one bad item cannot block every change. */
async function siteHashes(store: CredentialStore, snap: VaultSnapshot, exceptSiteId: number | null): Promise<SiteHash[]> {
  const byId = new Map(snap.sites.map((s) => [s.id, s]));
  const out: SiteHash[] = [];
  for (const id of sitesWithHash(snap.accounts)) {
    const site = byId.get(id);
    if (id === exceptSiteId || !site) continue;
    const hash = await store.get(siteAccount(id, 'password-hash'));
    if (hash === null) continue;
    try {
      needsRehash(hash);
    } catch {
      continue;
    }
    out.push({ siteId: String(id), label: siteRef(site).siteName, hash });
  }
  return out;
}

async function networkHash(store: CredentialStore): Promise<string | undefined> {
  const hash = await store.get(NETWORK_HASH);
  if (hash === null) return undefined;
  try {
    needsRehash(hash);
    return hash;
  } catch {
    return undefined;
  }
}

/** The list: every site in the registry with what the vault holds for it, or a clear "keychain missing". */
export async function vaultOverview(ctx: DomainContext, workspaceId: string): Promise<VaultOverview> {
  requireVault(ctx, 'use the vault');
  let snap: VaultSnapshot;
  try {
    snap = await snapshot(ctx, await openCredentialStore(workspaceId));
  } catch (err) {
    if (err instanceof AppError && err.code === 'keychain_unavailable') {
      return { keychain: { available: false, message: err.message }, network: null, entries: entriesWithoutKeychain(ctx) };
    }
    throw err;
  }
  return { keychain: { available: true, message: KEYCHAIN_OK }, network: networkState(ctx, snap.accounts), entries: buildEntries(ctx, snap) };
}

export async function setLogin(ctx: DomainContext, workspaceId: string, siteId: number, login: string | null): Promise<VaultEntry> {
  requireVault(ctx, 'change the vault');
  siteForChange(ctx, siteId);
  const value = normalizeLogin(login);
  return serialized(workspaceId, async () => {
    const store = await openCredentialStore(workspaceId);
    const snap = await snapshot(ctx, store);
    const meta = metaOf(snap, siteId);
    if (meta.login !== value) {
      await commit(ctx, store, [metaWrite(siteId, { ...meta, login: value })], () =>
        audit(ctx, ACTIONS.loginSet, 'site', siteId, { login: meta.login }, { login: value }));
    }
    return freshEntry(ctx, store, siteId);
  });
}

/** Live feedback while a password is typed; nothing is stored or compared with other passwords. */
export function passwordStrength(ctx: DomainContext, password: string, login: string | null = null): StrengthView {
  requireVault(ctx, 'use the vault');
  const s = estimateStrength(password, guessableWords(ctx, normalizeLogin(login)));
  return { score: s.score, weak: s.score < MIN_SITE_PASSWORD_SCORE, warning: s.warning, suggestions: s.suggestions };
}

export interface SetPasswordInput {
  siteId: number;
  password: string;
  /** Changes the login name too when given. */
  login?: string | null | undefined;
  /** Stores a password that breaks SEC-8 anyway; it stays flagged in the list until changed. */
  confirm?: boolean | undefined;
}

/**
 * SEC-8. A password equal to another site's or to the network password is not stored unless the
 * person confirms (it may already be the account's real password, and the vault must hold what
 * is true); once stored it stays flagged on both sites until one of them changes. Weak passwords
 * are stored and flagged. Comparison runs against salted hashes, never other sites' passwords.
 */
export async function setPassword(ctx: DomainContext, workspaceId: string, input: SetPasswordInput): Promise<SetPasswordResult> {
  requireVault(ctx, 'store site passwords');
  const site = siteForChange(ctx, input.siteId);
  if (typeof input.password !== 'string' || input.password.length === 0) throw new AppError('invalid_input', 'The password is empty.');
  return serialized(workspaceId, async () => {
    const store = await openCredentialStore(workspaceId);
    const snap = await snapshot(ctx, store);
    const meta = metaOf(snap, site.id);
    const login = input.login !== undefined ? normalizeLogin(input.login) : meta.login;
    const others = await siteHashes(store, snap, site.id);
    const check = await checkPassword(input.password, {
      otherSites: others, networkHash: await networkHash(store), currentSiteId: String(site.id), userInputs: guessableWords(ctx, login),
    });
    const findings: PasswordFindingView[] = check.findings.map((f) =>
      f.kind === 'same_as_site' ? { kind: f.kind, siteId: Number(f.siteId), siteName: f.label, message: f.message } : f);
    const breaksRule = findings.some((f) => f.kind !== 'weak');
    if (breaksRule && !input.confirm) return { stored: false, findings, entry: entryOf(ctx, snap, site.id) };

    const hash = await hashSitePassword(String(site.id), siteRef(site).siteName, input.password);
    const reused = new Set(findings.flatMap((f) => (f.kind === 'same_as_site' ? [f.siteId] : [])));
    const weak = findings.find((f) => f.kind === 'weak');
    const health: StoredHealth = {
      weak: weak !== undefined, score: check.score, warning: weak?.kind === 'weak' ? weak.warning ?? weak.message : null,
      reusedWith: [...reused], sameAsNetwork: findings.some((f) => f.kind === 'same_as_network'),
    };
    const writes: Write[] = [
      { account: siteAccount(site.id, 'password'), value: input.password },
      { account: siteAccount(site.id, 'password-hash'), value: hash.hash },
      metaWrite(site.id, { ...meta, login, health }),
      ...reuseUpdates(snap, others.map((o) => Number(o.siteId)), site.id, reused),
    ];
    const replaced = snap.accounts.includes(siteAccount(site.id, 'password'));
    await commit(ctx, store, writes, () => {
      if (login !== meta.login) audit(ctx, ACTIONS.loginSet, 'site', site.id, { login: meta.login }, { login });
      audit(ctx, ACTIONS.passwordSet, 'site', site.id, null, {
        secret: 'password', replaced,
        findings: findings.map((f) => (f.kind === 'same_as_site' ? `same_as_site:${f.siteId}` : f.kind)),
        confirmed: breaksRule,
      });
    });
    return { stored: true, findings, entry: await freshEntry(ctx, store, site.id) };
  });
}

/** Reuse is mutual: the other sites' health gains or loses this site as its password changes. */
function reuseUpdates(snap: VaultSnapshot, otherIds: number[], siteId: number, reusedNow: ReadonlySet<number>): Write[] {
  return otherIds.flatMap((id) => {
    const meta = metaOf(snap, id);
    const was = meta.health?.reusedWith.includes(siteId) ?? false;
    const is = reusedNow.has(id);
    if (was === is) return [];
    const health = meta.health ?? UNKNOWN_HEALTH;
    const reusedWith = is ? [...health.reusedWith, siteId] : health.reusedWith.filter((x) => x !== siteId);
    return [metaWrite(id, { ...meta, health: { ...health, reusedWith } })];
  });
}

export async function deletePassword(ctx: DomainContext, workspaceId: string, siteId: number): Promise<VaultEntry> {
  requireVault(ctx, 'remove site passwords');
  const site = getSite(ctx, siteId);
  return serialized(workspaceId, async () => {
    const store = await openCredentialStore(workspaceId);
    const snap = await snapshot(ctx, store);
    if (!snap.accounts.includes(siteAccount(siteId, 'password'))) throw new AppError('not_found', `No password is stored for ${site.name}.`);
    const others = sitesWithHash(snap.accounts).filter((id) => id !== siteId);
    const writes: Write[] = [
      { account: siteAccount(siteId, 'password'), value: null },
      { account: siteAccount(siteId, 'password-hash'), value: null },
      metaWrite(siteId, { ...metaOf(snap, siteId), health: null }),
      ...reuseUpdates(snap, others, siteId, new Set()),
    ];
    await commit(ctx, store, writes, () => audit(ctx, ACTIONS.passwordDelete, 'site', siteId, { secret: 'password' }, null));
    return freshEntry(ctx, store, siteId);
  });
}

/** The one way a password leaves main: on an explicit request, audited with its purpose. */
export async function revealPassword(ctx: DomainContext, workspaceId: string, siteId: number, purpose: RevealPurpose): Promise<{ password: string }> {
  requireVault(ctx, 'see site passwords');
  const site = getSite(ctx, siteId);
  const store = await openCredentialStore(workspaceId);
  const password = await store.get(siteAccount(siteId, 'password'));
  if (password === null) throw new AppError('not_found', `No password is stored for ${site.name}.`);
  inTransaction(ctx.db, () => audit(ctx, ACTIONS.passwordReveal, 'site', siteId, null, { secret: 'password', purpose }));
  return { password };
}

/** SEC-2: stores the seed; offers (never makes) the registry change that records 2FA as on. */
export async function setTotp(ctx: DomainContext, workspaceId: string, siteId: number, source: TotpSource): Promise<SetTotpResult> {
  const actor = requireVault(ctx, 'store 2FA seeds');
  const site = siteForChange(ctx, siteId);
  return serialized(workspaceId, async () => {
    const store = await openCredentialStore(workspaceId);
    const snap = await snapshot(ctx, store);
    const meta = metaOf(snap, siteId);
    const seed = await seedFromSource(source, { issuer: site.platformName, account: meta.login ?? `@${site.handle}` });
    const info = { issuer: seed.issuer ?? null, account: seed.account ?? null, algorithm: seed.algorithm, digits: seed.digits, period: seed.period };
    const replaced = snap.accounts.includes(siteAccount(siteId, 'totp'));
    await commit(ctx, store, [
      { account: siteAccount(siteId, 'totp'), value: JSON.stringify(seed) },
      metaWrite(siteId, { ...meta, totp: info }),
    ], () => audit(ctx, ACTIONS.totpSet, 'site', siteId, null, { secret: 'totp', source: source.kind, replaced, ...info }));
    const entry = await freshEntry(ctx, store, siteId);
    return { entry, offerTwofa: !site.twofaEnabled && entry.offers2fa && actor.capabilities.has('registry.manage') };
  });
}

export async function deleteTotp(ctx: DomainContext, workspaceId: string, siteId: number): Promise<VaultEntry> {
  requireVault(ctx, 'remove 2FA seeds');
  const site = getSite(ctx, siteId);
  return serialized(workspaceId, async () => {
    const store = await openCredentialStore(workspaceId);
    const snap = await snapshot(ctx, store);
    if (!snap.accounts.includes(siteAccount(siteId, 'totp'))) throw new AppError('not_found', `No 2FA seed is stored for ${site.name}.`);
    await commit(ctx, store, [
      { account: siteAccount(siteId, 'totp'), value: null },
      metaWrite(siteId, { ...metaOf(snap, siteId), totp: null }),
    ], () => audit(ctx, ACTIONS.totpDelete, 'site', siteId, { secret: 'totp' }, null));
    return freshEntry(ctx, store, siteId);
  });
}

/** The code for `atUnixSeconds` (RFC 6238) and how long it has left; the seed itself never leaves main. */
export async function totpCode(ctx: DomainContext, workspaceId: string, siteId: number, atUnixSeconds: number): Promise<TotpCodeView> {
  requireVault(ctx, 'see 2FA codes');
  const site = getSite(ctx, siteId);
  const raw = await (await openCredentialStore(workspaceId)).get(siteAccount(siteId, 'totp'));
  if (raw === null) throw new AppError('not_found', `No 2FA seed is stored for ${site.name}.`);
  let stored: unknown;
  try {
    stored = JSON.parse(raw);
  } catch {
    throw new AppError('invalid_input', `The 2FA seed stored for ${site.name} is damaged; add it again from the site's setup page.`);
  }
  const seed = parseTotpSeed(stored);
  const view = await codeAt(seed, atUnixSeconds);
  const at = Math.floor(atUnixSeconds);
  const msRemaining = Math.max(0, Math.round((at + view.secondsRemaining - atUnixSeconds) * 1000));
  return { ...view, msRemaining, digits: seed.digits, at };
}

/**
 * SEC-8's other half: the city network password is never stored, only its salted hash. Setting it
 * re-marks which sites' passwords equal it, which needs only the new password and their hashes.
 */
export async function setNetworkPassword(ctx: DomainContext, workspaceId: string, password: string): Promise<SetNetworkResult> {
  requireVault(ctx, 'record the city network password');
  if (typeof password !== 'string' || password.length === 0) throw new AppError('invalid_input', 'The network password is empty.');
  return serialized(workspaceId, async () => {
    const store = await openCredentialStore(workspaceId);
    const snap = await snapshot(ctx, store);
    const record = await hashNetworkPassword(password);
    const same: number[] = [];
    for (const other of await siteHashes(store, snap, null)) {
      if (await verifySecret(password, other.hash)) same.push(Number(other.siteId));
    }
    const writes: Write[] = [{ account: NETWORK_HASH, value: record }];
    for (const id of sitesWithHash(snap.accounts)) {
      const meta = metaOf(snap, id);
      const health = meta.health ?? UNKNOWN_HEALTH;
      if (health.sameAsNetwork !== same.includes(id)) writes.push(metaWrite(id, { ...meta, health: { ...health, sameAsNetwork: same.includes(id) } }));
    }
    const replaced = snap.accounts.includes(NETWORK_HASH);
    await commit(ctx, store, writes, () =>
      audit(ctx, ACTIONS.networkSet, 'vault', 'network', null, { secret: 'network-password-hash', replaced, sameAsNetwork: same }));
    const after = await snapshot(ctx, store);
    const byId = new Map(after.sites.map((s) => [s.id, s]));
    return {
      network: networkState(ctx, after.accounts),
      sameAsNetwork: same.flatMap((id) => {
        const s = byId.get(id);
        return s ? [siteRef(s)] : [];
      }),
    };
  });
}

/** Windows' Credential Manager holds at most 2,560 bytes per item; a larger token would work here and fail there. */
const MAX_TOKEN_BYTES = 2560;

export async function setToken(ctx: DomainContext, workspaceId: string, siteId: number, name: string, token: string): Promise<VaultEntry> {
  requireVault(ctx, 'store API tokens');
  siteForChange(ctx, siteId);
  const account = tokenAccount(siteId, name);
  const value = token.trim();
  if (value.length === 0) throw new AppError('invalid_input', 'The token is empty.');
  if (Buffer.byteLength(value, 'utf8') > MAX_TOKEN_BYTES) {
    throw new AppError('invalid_input', `The token is longer than ${MAX_TOKEN_BYTES} bytes, more than the keychain can hold on every system.`);
  }
  return serialized(workspaceId, async () => {
    const store = await openCredentialStore(workspaceId);
    const replaced = (await store.get(account)) !== null;
    await commit(ctx, store, [{ account, value }], () =>
      audit(ctx, ACTIONS.tokenSet, 'site', siteId, null, { secret: 'token', tokenName: name, replaced }));
    return freshEntry(ctx, store, siteId);
  });
}

export async function deleteToken(ctx: DomainContext, workspaceId: string, siteId: number, name: string): Promise<VaultEntry> {
  requireVault(ctx, 'remove API tokens');
  const site = getSite(ctx, siteId);
  const account = tokenAccount(siteId, name);
  return serialized(workspaceId, async () => {
    const store = await openCredentialStore(workspaceId);
    if ((await store.get(account)) === null) throw new AppError('not_found', `No token named "${name}" is stored for ${site.name}.`);
    await commit(ctx, store, [{ account, value: null }], () =>
      audit(ctx, ACTIONS.tokenDelete, 'site', siteId, { secret: 'token', tokenName: name }, null));
    return freshEntry(ctx, store, siteId);
  });
}

export async function revealToken(ctx: DomainContext, workspaceId: string, siteId: number, name: string, purpose: RevealPurpose): Promise<{ token: string }> {
  requireVault(ctx, 'see API tokens');
  const site = getSite(ctx, siteId);
  const token = await (await openCredentialStore(workspaceId)).get(tokenAccount(siteId, name));
  if (token === null) throw new AppError('not_found', `No token named "${name}" is stored for ${site.name}.`);
  inTransaction(ctx.db, () => audit(ctx, ACTIONS.tokenReveal, 'site', siteId, null, { secret: 'token', tokenName: name, purpose }));
  return { token };
}
