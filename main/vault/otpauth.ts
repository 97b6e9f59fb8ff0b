import { normalizeSecret } from './base32';
import { VaultInputError } from './errors';
import { parseTotpSeed, MAX_PERIOD_SECONDS, TOTP_ALGORITHMS, type TotpAlgorithm, type TotpDigits, type TotpSeed } from './seed';

/** Real setup URIs are under 300 characters; the cap keeps pasted garbage from reaching the parser. */
export const MAX_URI_LENGTH = 2048;

const DEFAULTS = { algorithm: 'SHA1', digits: 6, period: 30 } as const;

function fail(reason: ConstructorParameters<typeof VaultInputError>[0], message: string): never {
  throw new VaultInputError(reason, message);
}

function decodePart(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    return fail('bad_label', 'The link\'s label has a broken %-escape; copy the link again or type the key instead.');
  }
}

/**
 * Splits "Issuer:account" per Google's Key URI Format. The separator is a literal colon, or an
 * encoded one (%3A) when no literal colon is present; an issuer or account that contains a colon
 * is encoded by formatOtpauthUri, so its own literal colon is always the separator.
 */
function splitLabel(rawPath: string): { issuer?: string; account?: string } {
  let cut = rawPath.indexOf(':');
  let width = 1;
  if (cut < 0) {
    cut = rawPath.search(/%3a/i);
    width = 3;
  }
  const rawIssuer = cut < 0 ? '' : rawPath.slice(0, cut);
  const rawAccount = cut < 0 ? rawPath : rawPath.slice(cut + width);
  const issuer = decodePart(rawIssuer).trim();
  const account = decodePart(rawAccount).trim();
  return { ...(issuer ? { issuer } : {}), ...(account ? { account } : {}) };
}

/** Reads one query parameter, refusing duplicates: two `secret=` values mean a tampered or broken link. */
function single(params: URLSearchParams, name: string): string | undefined {
  const values = params.getAll(name);
  if (values.length > 1) fail('duplicate_param', `The link gives "${name}" ${values.length} times; it must appear once.`);
  return values[0];
}

function parseAlgorithm(raw: string | undefined): TotpAlgorithm {
  if (raw === undefined) return DEFAULTS.algorithm;
  const name = raw.toUpperCase().replace(/-/g, '');
  const known = TOTP_ALGORITHMS.find((a) => a === name);
  if (!known) fail('bad_algorithm', `Unsupported algorithm "${raw.slice(0, 20)}"; expected SHA1, SHA256 or SHA512.`);
  return known;
}

function parseDigits(raw: string | undefined): TotpDigits {
  if (raw === undefined) return DEFAULTS.digits;
  if (raw === '6') return 6;
  if (raw === '8') return 8;
  return fail('bad_digits', `Unsupported number of digits "${raw.slice(0, 20)}"; expected 6 or 8.`);
}

function parsePeriod(raw: string | undefined): number {
  if (raw === undefined) return DEFAULTS.period;
  const period = /^\d{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!(period >= 1 && period <= MAX_PERIOD_SECONDS)) {
    fail('bad_period', `Unsupported period "${raw.slice(0, 20)}"; expected a whole number of seconds from 1 to ${MAX_PERIOD_SECONDS}.`);
  }
  return period;
}

/**
 * Parses an `otpauth://totp/...` setup link (from a QR code or pasted) into a validated seed.
 * The issuer parameter wins over the label's issuer prefix, as Google's format specifies.
 */
export function parseOtpauthUri(input: string): TotpSeed {
  if (typeof input !== 'string') fail('bad_uri', 'The setup link must be text.');
  const text = input.trim();
  if (text.length === 0) fail('bad_uri', 'The setup link is empty.');
  if (text.length > MAX_URI_LENGTH) fail('too_long', `The setup link is too long (${text.length} characters, at most ${MAX_URI_LENGTH}).`);
  if (/^otpauth-migration:/i.test(text)) {
    fail('not_otpauth', 'This is a Google Authenticator export link, not a site\'s setup link. Use the QR code or key the site shows when you turn on 2FA.');
  }
  if (!/^otpauth:\/\//i.test(text)) fail('bad_uri', 'This is not a 2FA setup link: it must start with otpauth://.');

  // Parsed by hand rather than with URL: WHATWG URL resolves "." and ".." in the path, which
  // would silently rewrite an account name.
  const parts = /^otpauth:\/\/([^/?#]*)(?:\/([^?#]*))?(?:\?([^#]*))?(?:#.*)?$/is.exec(text);
  if (!parts) return fail('bad_uri', 'The setup link is malformed and cannot be read.');
  const type = (parts[1] ?? '').toLowerCase();
  if (type === 'hotp') {
    fail('hotp_unsupported', 'This link is for counter-based (HOTP) codes, which the vault does not support. Ask the site for a time-based (TOTP) authenticator setup.');
  }
  if (type !== 'totp') fail('not_totp', `Unknown code type "${type.slice(0, 20)}"; only time-based (totp) links are supported.`);

  const params = new URLSearchParams(parts[3] ?? '');
  const rawSecret = single(params, 'secret');
  if (rawSecret === undefined || rawSecret.trim() === '') fail('missing_secret', 'The setup link has no secret key (secret=...).');
  const secret = normalizeSecret(rawSecret);

  const label = splitLabel(parts[2] ?? '');
  const issuerParam = single(params, 'issuer')?.trim();
  const issuer = issuerParam ? issuerParam : label.issuer;

  return parseTotpSeed({
    secret,
    algorithm: parseAlgorithm(single(params, 'algorithm')),
    digits: parseDigits(single(params, 'digits')),
    period: parsePeriod(single(params, 'period')),
    ...(issuer ? { issuer } : {}),
    ...(label.account ? { account: label.account } : {}),
  });
}

/** Canonical Base32 of a key typed by hand; spaces, dashes, lower case and padding are tolerated. */
export function parseBase32Key(input: string): string {
  return normalizeSecret(input);
}

export interface KeyOptions {
  algorithm?: TotpAlgorithm;
  digits?: TotpDigits;
  period?: number;
  issuer?: string;
  account?: string;
}

/** A seed from a typed key; sites that show a key instead of a QR code use the defaults (SHA1, 6, 30 s). */
export function seedFromKey(key: string, options: KeyOptions = {}): TotpSeed {
  return parseTotpSeed({
    secret: parseBase32Key(key),
    algorithm: options.algorithm ?? DEFAULTS.algorithm,
    digits: options.digits ?? DEFAULTS.digits,
    period: options.period ?? DEFAULTS.period,
    ...(options.issuer ? { issuer: options.issuer } : {}),
    ...(options.account ? { account: options.account } : {}),
  });
}

/**
 * Formats a seed as an `otpauth://totp/` link that parseOtpauthUri reads back to the same seed.
 * Query values use %20 rather than '+', which some authenticator apps show literally.
 */
export function formatOtpauthUri(seed: TotpSeed): string {
  const valid = parseTotpSeed(seed);
  const account = encodeURIComponent(valid.account ?? '');
  // Without an issuer, a leading ':' keeps an encoded colon in the account from being read as a separator.
  const label = valid.issuer !== undefined ? `${encodeURIComponent(valid.issuer)}:${account}` : account.includes('%3A') ? `:${account}` : account;
  const query = [
    `secret=${valid.secret}`,
    ...(valid.issuer !== undefined ? [`issuer=${encodeURIComponent(valid.issuer)}`] : []),
    `algorithm=${valid.algorithm}`,
    `digits=${valid.digits}`,
    `period=${valid.period}`,
  ].join('&');
  return `otpauth://totp/${label}?${query}`;
}
