import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';
import { VaultInputError } from './errors';

/**
 * Salted scrypt hashes for secrets that must be compared but never kept: the app-lock passphrase,
 * the city network password and site passwords for reuse checks (SEC-8).
 *
 * Stored form: `scrypt$v=1$N=131072,r=8,p=1$<salt>$<hash>` (base64url). Everything needed to verify
 * is in the string, so parameters can be raised later and old records still verify; see needsRehash.
 */
export interface ScryptParams {
  N: number;
  r: number;
  p: number;
}

/** OWASP's recommendation (2^17, 8, 1): 128 MiB and ~0.3 s here, slow for guessing, fine for one unlock. */
export const DEFAULT_SCRYPT: Readonly<ScryptParams> = Object.freeze({ N: 2 ** 17, r: 8, p: 1 });

/**
 * Bounds for parameters read back from a record: below the floor a record would be cheap to
 * brute-force, above the ceiling a corrupt record could pin gigabytes of memory.
 */
const LIMITS = { minLogN: 10, maxLogN: 20, maxR: 32, maxP: 16 } as const;
const SALT_BYTES = 16;
const KEY_BYTES = 32;
/** Longer inputs are not passwords; refusing them keeps hashing time predictable. */
export const MAX_SECRET_LENGTH = 1024;

const RECORD = /^scrypt\$v=1\$N=(\d{1,8}),r=(\d{1,3}),p=(\d{1,3})\$([A-Za-z0-9_-]{16,128})\$([A-Za-z0-9_-]{16,128})$/;

function checkParams(params: ScryptParams): ScryptParams {
  const { N, r, p } = params;
  const logN = Math.log2(N);
  const ok =
    Number.isInteger(logN) && logN >= LIMITS.minLogN && logN <= LIMITS.maxLogN &&
    Number.isInteger(r) && r >= 1 && r <= LIMITS.maxR &&
    Number.isInteger(p) && p >= 1 && p <= LIMITS.maxP;
  if (!ok) {
    throw new VaultInputError(
      'bad_hash_record',
      `Unsupported scrypt parameters N=${N}, r=${r}, p=${p} (N a power of two from 2^${LIMITS.minLogN} to 2^${LIMITS.maxLogN}, r ≤ ${LIMITS.maxR}, p ≤ ${LIMITS.maxP}).`,
    );
  }
  return { N, r, p };
}

/**
 * NFKC so that the same password typed on macOS and Windows (composed vs decomposed accents)
 * hashes the same, as NIST SP 800-63B recommends.
 */
function prepare(secret: string): Buffer {
  if (typeof secret !== 'string' || secret.length === 0) throw new VaultInputError('empty', 'The password is empty.');
  if (secret.length > MAX_SECRET_LENGTH) {
    throw new VaultInputError('too_long', `The password is too long (${secret.length} characters, at most ${MAX_SECRET_LENGTH}).`);
  }
  return Buffer.from(secret.normalize('NFKC'), 'utf8');
}

/** Async scrypt so the main process keeps serving the UI while a hash is computed. */
function derive(secret: Buffer, salt: Buffer, keyLength: number, params: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    // Node refuses to use more than maxmem; scrypt needs 128·N·r bytes, so allow twice that.
    const maxmem = 256 * params.N * params.r;
    scrypt(secret, salt, keyLength, { N: params.N, r: params.r, p: params.p, maxmem }, (err, key) => {
      if (err) reject(err);
      else resolve(key);
    });
  });
}

interface ParsedRecord {
  params: ScryptParams;
  salt: Buffer;
  hash: Buffer;
}

function parseRecord(stored: string): ParsedRecord {
  const m = typeof stored === 'string' ? RECORD.exec(stored) : null;
  if (!m) throw new VaultInputError('bad_hash_record', 'The stored password hash is not in a recognized format.');
  const params = checkParams({ N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) });
  const salt = Buffer.from(m[4] ?? '', 'base64url');
  const hash = Buffer.from(m[5] ?? '', 'base64url');
  if (salt.length < SALT_BYTES || hash.length < 16) {
    throw new VaultInputError('bad_hash_record', 'The stored password hash is truncated.');
  }
  return { params, salt, hash };
}

/** Hashes a secret with a fresh random salt. `params` exists for tests and future upgrades; keep the default. */
export async function hashSecret(secret: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const input = prepare(secret);
  const valid = checkParams(params);
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(input, salt, KEY_BYTES, valid);
  return `scrypt$v=1$N=${valid.N},r=${valid.r},p=${valid.p}$${salt.toString('base64url')}$${hash.toString('base64url')}`;
}

/**
 * True when `secret` is the one hashed into `stored`. The comparison is constant-time; a
 * malformed record throws rather than reading as "different", so corruption is not mistaken
 * for a new password.
 */
export async function verifySecret(secret: string, stored: string): Promise<boolean> {
  const record = parseRecord(stored);
  const input = prepare(secret);
  const candidate = await derive(input, record.salt, record.hash.length, record.params);
  return timingSafeEqual(candidate, record.hash);
}

/** True when a record was made with weaker parameters than `params`, so it should be re-hashed at next unlock. */
export function needsRehash(stored: string, params: ScryptParams = DEFAULT_SCRYPT): boolean {
  const record = parseRecord(stored);
  return record.params.N < params.N || record.params.r < params.r || record.params.p < params.p;
}
