/**
 * What the vault shows about its secrets, as every layer sees it (the contract re-exports these).
 * Nothing here carries a secret: passwords, seeds and tokens only cross IPC through the explicit
 * reveal channels, and the 2FA code through its own channel.
 */
import type { StrengthScore } from './strength';
import type { TotpAlgorithm, TotpDigits } from './seed';

export interface KeychainState {
  available: boolean;
  message: string;
}

export interface SiteRef {
  siteId: number;
  siteName: string;
}

/**
 * SEC-8 health, worked out when a password (or the network password) is set, the only moments
 * its plaintext is at hand; the list reads this back rather than touching any password.
 */
export interface PasswordHealth {
  /** null when it is not known (the record predates the check or was damaged). */
  weak: boolean | null;
  score: StrengthScore | null;
  warning: string | null;
  reusedWith: SiteRef[];
  sameAsNetwork: boolean;
}

export interface SecretStamp {
  /** From the audit log: the last time this secret was stored, and by whom (null if unknown). */
  setAt: string | null;
  setBy: string | null;
}

export interface TotpInfo extends SecretStamp {
  issuer: string | null;
  account: string | null;
  algorithm: TotpAlgorithm;
  digits: TotpDigits;
  period: number;
}

export interface VaultSecrets {
  login: string | null;
  password: (SecretStamp & { health: PasswordHealth }) | null;
  totp: TotpInfo | null;
  tokens: (SecretStamp & { name: string })[];
}

export interface VaultEntry {
  siteId: number;
  siteName: string;
  handle: string;
  platform: string;
  platformName: string;
  status: string;
  /** Whether the platform offers 2FA at all (SEC-2 applies only where the host offers it). */
  offers2fa: boolean;
  /** What the registry records; the vault never changes it by itself. */
  twofaEnabled: boolean;
  lastTermsReview: { reviewedOn: string; outcome: 'acceptable' | 'it_consulted' } | null;
  /** null when the keychain cannot be read: unknown, not empty. */
  secrets: VaultSecrets | null;
}

export interface NetworkPasswordState extends SecretStamp {
  set: boolean;
}

export interface VaultOverview {
  keychain: KeychainState;
  /** null when the keychain cannot be read. */
  network: NetworkPasswordState | null;
  entries: VaultEntry[];
}

export type PasswordFindingView =
  | { kind: 'same_as_site'; siteId: number; siteName: string; message: string }
  | { kind: 'same_as_network'; message: string }
  | { kind: 'weak'; score: StrengthScore; warning: string | null; suggestions: string[]; message: string };

export interface SetPasswordResult {
  /**
   * False when the password breaks SEC-8 (same as another site's or the network password) and
   * the caller did not confirm: nothing was stored.
   */
  stored: boolean;
  findings: PasswordFindingView[];
  entry: VaultEntry;
}

export interface StrengthView {
  score: StrengthScore;
  weak: boolean;
  warning: string | null;
  suggestions: string[];
}

export interface SetTotpResult {
  entry: VaultEntry;
  /**
   * True when the registry still records 2FA as off for the site and the person may change the
   * registry: the app offers to mark it on, and changes nothing until they say so.
   */
  offerTwofa: boolean;
}

export interface TotpCodeView {
  code: string;
  secondsRemaining: number;
  /** Exact time left, so a countdown can wait for the next code without trusting its own clock to agree with main's. */
  msRemaining: number;
  period: number;
  digits: TotpDigits;
  /** The Unix time (seconds) the code was computed for. */
  at: number;
}

export interface SetNetworkResult {
  network: NetworkPasswordState;
  /** Sites whose stored password is the network password (SEC-8). */
  sameAsNetwork: SiteRef[];
}

export type RevealPurpose = 'show' | 'copy';
