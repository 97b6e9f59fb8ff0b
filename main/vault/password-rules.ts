import { VaultInputError } from './errors';
import { hashSecret, verifySecret, type ScryptParams } from './scrypt';
import { estimateStrength, type StrengthScore } from './strength';

/**
 * SEC-8: a site's password differs from the other sites' passwords and from the city network
 * password, and is not weak. Comparisons go through salted scrypt hashes (see scrypt.ts), so this
 * module never needs any other password in clear; the lead keeps one hash per site in the keychain.
 */

/** Below this zxcvbn score a password is reported weak. */
export const MIN_SITE_PASSWORD_SCORE = 3;

export interface SiteHash {
  siteId: string;
  /** Shown to the person ("Facebook: City of Kalispell"). */
  label: string;
  /** A record from hashSecret / hashSitePassword. */
  hash: string;
}

export type PasswordFinding =
  | { kind: 'same_as_site'; siteId: string; label: string; message: string }
  | { kind: 'same_as_network'; message: string }
  | { kind: 'weak'; score: StrengthScore; warning: string | null; suggestions: string[]; message: string };

export interface PasswordCheckOptions {
  otherSites: readonly SiteHash[];
  /** Hash of the city network password, if IT has recorded it. */
  networkHash?: string | undefined;
  /** The site being edited; its own stored hash is skipped so changing nothing is not "reuse". */
  currentSiteId?: string | undefined;
  /** Words that make a password guessable here: site name, account handle. */
  userInputs?: readonly string[] | undefined;
}

export interface PasswordCheck {
  /** True when there are no findings. */
  ok: boolean;
  score: StrengthScore;
  findings: PasswordFinding[];
}

/**
 * Checks a candidate site password against SEC-8. Each stored hash costs one scrypt run (~0.3 s
 * at default parameters); they run one after another so memory stays at one scrypt's worth.
 */
export async function checkPassword(candidate: string, options: PasswordCheckOptions): Promise<PasswordCheck> {
  if (typeof candidate !== 'string' || candidate.length === 0) throw new VaultInputError('empty', 'The password is empty.');
  const findings: PasswordFinding[] = [];

  for (const site of options.otherSites) {
    if (options.currentSiteId !== undefined && site.siteId === options.currentSiteId) continue;
    if (await verifySecret(candidate, site.hash)) {
      findings.push({
        kind: 'same_as_site',
        siteId: site.siteId,
        label: site.label,
        message: `This is the same password as ${site.label}. Each site needs its own password (SEC-8).`,
      });
    }
  }

  if (options.networkHash !== undefined && (await verifySecret(candidate, options.networkHash))) {
    findings.push({
      kind: 'same_as_network',
      message: 'This is the city network password. Social media passwords must differ from it (SEC-8).',
    });
  }

  const strength = estimateStrength(candidate, options.userInputs ?? []);
  if (strength.score < MIN_SITE_PASSWORD_SCORE) {
    findings.push({
      kind: 'weak',
      score: strength.score,
      warning: strength.warning,
      suggestions: strength.suggestions,
      message: strength.warning ?? 'This password is too easy to guess.',
    });
  }

  return { ok: findings.length === 0, score: strength.score, findings };
}

/**
 * The hash to keep beside a site's password so later passwords can be checked against it.
 * Store it when the password is saved; replace it when the password changes.
 */
export async function hashSitePassword(siteId: string, label: string, password: string, params?: ScryptParams): Promise<SiteHash> {
  if (typeof siteId !== 'string' || siteId.length === 0) throw new VaultInputError('empty', 'The site id is empty.');
  return { siteId, label, hash: await hashSecret(password, params) };
}

/** The record to keep for the city network password; the password itself is never stored. */
export function hashNetworkPassword(password: string, params?: ScryptParams): Promise<string> {
  return hashSecret(password, params);
}
