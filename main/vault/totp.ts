import { createGuardrails, generate, type HashAlgorithm } from 'otplib';
import { decodeBase32, MIN_SECRET_BYTES } from './base32';
import { VaultInputError } from './errors';
import { parseTotpSeed, type TotpAlgorithm, type TotpSeed } from './seed';

/**
 * otplib 13 refuses secrets under 16 bytes (RFC 4226's recommendation) by default, but X issues
 * 10-byte secrets, so the floor is lowered to exactly what X needs and no further. Every other
 * guardrail keeps otplib's default.
 */
const GUARDRAILS = createGuardrails({ MIN_SECRET_BYTES });

const OTPLIB_ALGORITHM: Record<TotpAlgorithm, HashAlgorithm> = {
  SHA1: 'sha1',
  SHA256: 'sha256',
  SHA512: 'sha512',
};

function wholeSeconds(atUnixSeconds: number): number {
  if (typeof atUnixSeconds !== 'number' || !Number.isFinite(atUnixSeconds) || atUnixSeconds < 0) {
    throw new VaultInputError('bad_time', `The time must be a non-negative number of Unix seconds, not ${String(atUnixSeconds)}.`);
  }
  return Math.floor(atUnixSeconds);
}

/**
 * The code a site expects at `atUnixSeconds` (RFC 6238, T0 = 0). The seed is validated on every
 * call because it comes back from the keychain as JSON and a corrupt one must not yield a
 * plausible-looking wrong code.
 */
export async function generateCode(seed: TotpSeed, atUnixSeconds: number): Promise<string> {
  const valid = parseTotpSeed(seed);
  return generate({
    secret: decodeBase32(valid.secret),
    algorithm: OTPLIB_ALGORITHM[valid.algorithm],
    digits: valid.digits,
    period: valid.period,
    epoch: wholeSeconds(atUnixSeconds),
    guardrails: GUARDRAILS,
  });
}

function validPeriod(period: number): number {
  if (!Number.isInteger(period) || period < 1) {
    throw new VaultInputError('bad_period', `The period must be a whole number of seconds, not ${String(period)}.`);
  }
  return period;
}

/** Seconds until the code shown at `atUnixSeconds` changes: `period` right at a boundary, down to 1. */
export function secondsRemaining(seed: Pick<TotpSeed, 'period'>, atUnixSeconds: number): number {
  const period = validPeriod(seed.period);
  return period - (wholeSeconds(atUnixSeconds) % period);
}

/** The RFC 6238 time step (counter) for `atUnixSeconds`; two times with the same step show the same code. */
export function timeStep(seed: Pick<TotpSeed, 'period'>, atUnixSeconds: number): number {
  return Math.floor(wholeSeconds(atUnixSeconds) / validPeriod(seed.period));
}

export interface CodeView {
  code: string;
  secondsRemaining: number;
  period: number;
}

/** What a countdown view needs in one call, so the code and its remaining time agree. */
export async function codeAt(seed: TotpSeed, atUnixSeconds: number): Promise<CodeView> {
  const code = await generateCode(seed, atUnixSeconds);
  return { code, secondsRemaining: secondsRemaining(seed, atUnixSeconds), period: seed.period };
}
