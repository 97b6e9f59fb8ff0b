import { VaultInputError } from './errors';

/** RFC 4648 Base32 alphabet; authenticator keys never use the "hex" variant. */
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** X issues 10-byte (80-bit) secrets; nothing legitimate is shorter. */
export const MIN_SECRET_BYTES = 10;
/** otplib refuses more than 64 bytes, the largest HMAC-SHA-512 block-sized key. */
export const MAX_SECRET_BYTES = 64;

/** Longest typed key worth reading: 64 bytes is 103 Base32 characters, plus grouping. */
const MAX_TYPED_LENGTH = 512;

/** Digits people type in place of the letters they resemble; Base32 has no 0, 1 or 8. */
const LOOKALIKES: Record<string, string> = { '0': 'O', '1': 'I or L', '8': 'B' };

/**
 * Turns a typed or pasted key into canonical Base32 (upper case, no spaces, no padding).
 * Sites show keys in groups ("abcd efgh ...") and some in lower case, so those are tolerated;
 * anything else is refused with the position of the first bad character.
 */
export function normalizeBase32(input: string): string {
  if (typeof input !== 'string') throw new VaultInputError('bad_base32', 'The key must be text.');
  if (input.length > MAX_TYPED_LENGTH) {
    throw new VaultInputError('too_long', `The key is too long (${input.length} characters); a 2FA key is at most about 100.`);
  }
  const compact = input.replace(/[\s-]+/g, '').toUpperCase();
  const unpadded = compact.replace(/=+$/, '');
  if (unpadded.length === 0) throw new VaultInputError('bad_base32', 'The key is empty.');
  for (let i = 0; i < unpadded.length; i += 1) {
    const ch = unpadded.charAt(i);
    if (!ALPHABET.includes(ch)) {
      const hint = LOOKALIKES[ch] ? ` (did you mean ${LOOKALIKES[ch]}?)` : '';
      throw new VaultInputError(
        'bad_base32',
        `The key is not valid Base32: character ${i + 1} (${JSON.stringify(ch)}) is not allowed${hint}. Keys use only A–Z and 2–7.`,
      );
    }
  }
  // 8 characters carry 5 bytes; lengths 1, 3 and 6 (mod 8) cannot come from any byte count,
  // which catches a dropped or doubled character before it silently yields wrong codes.
  if ([1, 3, 6].includes(unpadded.length % 8)) {
    throw new VaultInputError(
      'bad_base32',
      `The key is not valid Base32: ${unpadded.length} characters cannot encode whole bytes. Check for a missing or extra character.`,
    );
  }
  return unpadded;
}

/** Decodes canonical (or typed) Base32 into bytes. Trailing bits that do not fill a byte are dropped. */
export function decodeBase32(input: string): Uint8Array {
  const text = normalizeBase32(input);
  const out = new Uint8Array(Math.floor((text.length * 5) / 8));
  let buffer = 0;
  let bits = 0;
  let index = 0;
  for (const ch of text) {
    buffer = ((buffer << 5) | ALPHABET.indexOf(ch)) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out[index] = (buffer >> bits) & 0xff;
      index += 1;
    }
  }
  return out;
}

/** Encodes bytes as canonical Base32 without padding, the form authenticator URIs use. */
export function encodeBase32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = ((buffer << 8) | byte) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += ALPHABET.charAt((buffer >> bits) & 31);
    }
  }
  if (bits > 0) out += ALPHABET.charAt((buffer << (5 - bits)) & 31);
  return out;
}

/** Canonical Base32 of a 2FA secret whose decoded length is within what sites issue and otplib accepts. */
export function normalizeSecret(input: string): string {
  const canonical = normalizeBase32(input);
  const length = decodeBase32(canonical).length;
  if (length < MIN_SECRET_BYTES) {
    throw new VaultInputError(
      'secret_too_short',
      `The key is too short (${length} bytes); 2FA keys are at least ${MIN_SECRET_BYTES} bytes (16 Base32 characters). Check that it was copied whole.`,
    );
  }
  if (length > MAX_SECRET_BYTES) {
    throw new VaultInputError('secret_too_long', `The key is too long (${length} bytes); at most ${MAX_SECRET_BYTES} bytes are supported.`);
  }
  return canonical;
}
