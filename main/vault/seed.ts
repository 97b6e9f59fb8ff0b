import { z } from 'zod';
import { normalizeSecret } from './base32';
import { VaultInputError } from './errors';

export const TOTP_ALGORITHMS = ['SHA1', 'SHA256', 'SHA512'] as const;
export type TotpAlgorithm = (typeof TOTP_ALGORITHMS)[number];
export type TotpDigits = 6 | 8;

/** Longest period accepted; sites use 30 s, a few 60 s, and anything beyond minutes is a typo. */
export const MAX_PERIOD_SECONDS = 300;
/** Bounds issuer and account text, which ends up in window titles and lists. */
export const MAX_LABEL_LENGTH = 200;

/**
 * What the vault keeps (in the keychain, never in SQLite) to produce a site's 2FA codes.
 * `secret` is canonical Base32: upper case, no spaces, no padding.
 */
export interface TotpSeed {
  secret: string;
  algorithm: TotpAlgorithm;
  digits: TotpDigits;
  period: number;
  issuer?: string;
  account?: string;
}

// Control characters in a label would let a crafted QR code spoof text in the UI or logs.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

// A lone surrogate cannot be put in a URI (encodeURIComponent throws), so it is refused up front.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const labelText = z
  .string()
  .trim()
  .max(MAX_LABEL_LENGTH, `must be at most ${MAX_LABEL_LENGTH} characters`)
  .refine((s) => !CONTROL.test(s), 'must not contain control characters')
  .refine((s) => !LONE_SURROGATE.test(s), 'must be well-formed text');

export const totpSeedSchema = z.strictObject({
  secret: z.string(),
  algorithm: z.enum(TOTP_ALGORITHMS),
  digits: z.union([z.literal(6), z.literal(8)]),
  period: z.number().int('must be a whole number of seconds').min(1).max(MAX_PERIOD_SECONDS),
  issuer: labelText.optional(),
  account: labelText.optional(),
});

/**
 * Validates a seed from anywhere (keychain JSON, IPC) and returns it with a canonical secret.
 * Throws VaultInputError with the first problem named.
 */
export function parseTotpSeed(input: unknown): TotpSeed {
  const parsed = totpSeedSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? issue.path.join('.') : 'seed';
    throw new VaultInputError('bad_seed', `Invalid 2FA seed: ${where} ${issue?.message ?? 'is invalid'}.`);
  }
  const seed = parsed.data;
  const out: TotpSeed = {
    secret: normalizeSecret(seed.secret),
    algorithm: seed.algorithm,
    digits: seed.digits,
    period: seed.period,
  };
  if (seed.issuer !== undefined && seed.issuer !== '') out.issuer = seed.issuer;
  if (seed.account !== undefined && seed.account !== '') out.account = seed.account;
  return out;
}
