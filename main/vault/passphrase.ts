import { VaultInputError } from './errors';
import { hashSecret, needsRehash, verifySecret, type ScryptParams } from './scrypt';
import { estimateStrength, type Strength } from './strength';

/**
 * The app-lock passphrase (SEC-3, SEC-5): the vault opens only after it is typed, every time;
 * nothing is remembered between runs. Only a salted scrypt record of it is stored.
 */

export const MIN_PASSPHRASE_LENGTH = 12;
export const MIN_PASSPHRASE_SCORE = 3;

/** A scrypt record (see scrypt.ts); a plain string so it can sit in the keychain as is. */
export type PassphraseRecord = string;

export interface PassphraseStrength extends Strength {
  acceptable: boolean;
  /** Why it is refused, in one sentence, or null when acceptable. */
  problem: string | null;
}

/** Live feedback for the "choose a passphrase" field; the same rule createPassphraseRecord enforces. */
export function assessPassphrase(pass: string, userInputs: readonly string[] = []): PassphraseStrength {
  if (typeof pass !== 'string' || pass.length === 0) {
    return { score: 0, warning: null, suggestions: [], acceptable: false, problem: 'Enter a passphrase.' };
  }
  const strength = estimateStrength(pass, userInputs);
  const length = [...pass].length;
  let problem: string | null = null;
  if (length < MIN_PASSPHRASE_LENGTH) {
    problem = `Use at least ${MIN_PASSPHRASE_LENGTH} characters (this has ${length}).`;
  } else if (strength.score < MIN_PASSPHRASE_SCORE) {
    problem = strength.warning ?? 'This passphrase is too easy to guess; add more uncommon words.';
  }
  return { ...strength, acceptable: problem === null, problem };
}

/** Makes the stored record for a new passphrase, refusing one that fails the strength rule. */
export async function createPassphraseRecord(
  pass: string,
  options: { userInputs?: readonly string[]; params?: ScryptParams } = {},
): Promise<PassphraseRecord> {
  const assessment = assessPassphrase(pass, options.userInputs ?? []);
  if (!assessment.acceptable) {
    throw new VaultInputError('weak_passphrase', `This passphrase is not strong enough: ${assessment.problem ?? ''}`.trim());
  }
  return hashSecret(pass, options.params);
}

/** True when `pass` is the passphrase behind `record`. Empty input is simply wrong, not an error. */
export async function checkPassphrase(pass: string, record: PassphraseRecord): Promise<boolean> {
  if (typeof pass !== 'string' || pass.length === 0) return false;
  return verifySecret(pass, record);
}

/** True when the record should be replaced (with the same passphrase) after a successful unlock. */
export function passphraseNeedsRehash(record: PassphraseRecord): boolean {
  return needsRehash(record);
}
