import { z } from 'zod';
import type { CredentialStore } from '../credentials/store';
import { AppError } from '../shared/errors';
import { TOTP_ALGORITHMS } from './seed';

/**
 * How the vault lays its items out in the workspace's keychain service. Secrets and the little
 * metadata the vault needs (login name, SEC-8 health, which 2FA parameters a seed uses) all live
 * there, so the vault adds no table to the workspace database; when and by whom each secret was
 * set comes from the audit log, which records every change anyway.
 *
 *   site:<id>:password        the password
 *   site:<id>:password-hash   salted scrypt hash of it, for SEC-8 reuse checks
 *   site:<id>:totp            the 2FA seed, as JSON (TotpSeed)
 *   site:<id>:token:<name>    an API token
 *   site:<id>:meta            JSON: login, health, 2FA parameters (no secret)
 *   network-password-hash     salted scrypt hash of the city network password (never the password)
 */

export type SiteItem = 'password' | 'password-hash' | 'totp' | 'meta';

export const NETWORK_HASH = 'network-password-hash';

export function siteAccount(siteId: number, item: SiteItem): string {
  return `site:${siteId}:${item}`;
}

/** Token names end up in a keychain account name, which allows only a narrow alphabet. */
export const TOKEN_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$/;

export function tokenAccount(siteId: number, name: string): string {
  if (!TOKEN_NAME.test(name)) {
    throw new AppError('invalid_input', 'A token name uses letters, digits, ".", "_" and "-" (at most 60), starting with a letter or digit.');
  }
  return `site:${siteId}:token:${name}`;
}

const HASH_ACCOUNT = /^site:(\d+):password-hash$/;
const TOKEN_ACCOUNT = /^site:(\d+):token:(.+)$/;

/** Site ids that have a stored password hash, from a listing of the service's accounts. */
export function sitesWithHash(accounts: readonly string[]): number[] {
  return accounts.flatMap((a) => {
    const m = HASH_ACCOUNT.exec(a);
    return m ? [Number(m[1])] : [];
  });
}

export function tokenNames(accounts: readonly string[], siteId: number): string[] {
  return accounts.flatMap((a) => {
    const m = TOKEN_ACCOUNT.exec(a);
    return m && Number(m[1]) === siteId && m[2] ? [m[2]] : [];
  }).sort();
}

const healthSchema = z.object({
  weak: z.boolean().nullable(),
  score: z.union([z.literal(0), z.literal(1), z.literal(2), z.literal(3), z.literal(4)]).nullable(),
  warning: z.string().max(500).nullable(),
  reusedWith: z.array(z.number().int().positive()),
  sameAsNetwork: z.boolean(),
});

const totpInfoSchema = z.object({
  issuer: z.string().max(200).nullable(),
  account: z.string().max(200).nullable(),
  algorithm: z.enum(TOTP_ALGORITHMS),
  digits: z.union([z.literal(6), z.literal(8)]),
  period: z.number().int().min(1).max(300),
});

const metaSchema = z.object({
  login: z.string().max(320).nullable().default(null),
  health: healthSchema.nullable().default(null),
  totp: totpInfoSchema.nullable().default(null),
});

export type StoredHealth = z.infer<typeof healthSchema>;
export type StoredTotpInfo = z.infer<typeof totpInfoSchema>;
export type SiteMeta = z.infer<typeof metaSchema>;

export const EMPTY_META: SiteMeta = Object.freeze({ login: null, health: null, totp: null });

/**
 * Metadata is derived and replaceable, so a damaged record reads as empty rather than locking the
 * person out of the site's secrets; the health then shows as unknown until the password is set again.
 */
export function parseMeta(raw: string | null): SiteMeta {
  if (raw === null) return { ...EMPTY_META };
  try {
    const parsed = metaSchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : { ...EMPTY_META };
  } catch {
    return { ...EMPTY_META };
  }
}

/** An empty record is deleted rather than stored, so a site with nothing in the vault leaves no trace. */
export function serializeMeta(meta: SiteMeta): string | null {
  if (meta.login === null && meta.health === null && meta.totp === null) return null;
  return JSON.stringify(meta);
}

export async function readMeta(store: CredentialStore, siteId: number): Promise<SiteMeta> {
  return parseMeta(await store.get(siteAccount(siteId, 'meta')));
}

/** One keychain change: a value to store, or null to delete the item. */
export interface Write {
  account: string;
  value: string | null;
}

/**
 * The keychain has no transactions, so a change that spans several items (a password, its hash
 * and the health of every site it matches) records what it replaces and puts it back if any step
 * fails, or if `commit` (the audit row) fails afterwards. Either all of it is kept, or none.
 */
export async function applyWrites<T>(store: CredentialStore, writes: readonly Write[], commit: () => T): Promise<T> {
  const previous = await Promise.all(writes.map(async (w) => ({ account: w.account, value: await store.get(w.account) })));
  const done: typeof previous = [];
  try {
    for (const [i, w] of writes.entries()) {
      // Recorded before the write: a write that fails half-way is put back too.
      done.push(previous[i] as (typeof previous)[number]);
      if (w.value === null) await store.delete(w.account);
      else await store.set(w.account, w.value);
    }
    return commit();
  } catch (err) {
    for (const p of done.reverse()) {
      try {
        if (p.value === null) await store.delete(p.account);
        else await store.set(p.account, p.value);
      } catch {
        // Best effort: the original error is what the person needs to see.
      }
    }
    throw err;
  }
}

/**
 * One change at a time per workspace: two overlapping password changes would each read the
 * other sites' health before the other wrote it, and one update would be lost.
 */
const queues = new Map<string, Promise<unknown>>();

export function serialized<T>(key: string, work: () => Promise<T>): Promise<T> {
  const previous = queues.get(key) ?? Promise.resolve();
  const next = previous.then(work, work);
  const settled = next.then(() => undefined, () => undefined);
  queues.set(key, settled);
  void settled.then(() => {
    if (queues.get(key) === settled) queues.delete(key);
  });
  return next;
}
