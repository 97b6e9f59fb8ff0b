/** The vault's pure logic: no keychain, no database, no Electron. */
export { VaultInputError, type VaultInputReason } from './errors';
export { decodeBase32, encodeBase32, normalizeBase32, normalizeSecret, MIN_SECRET_BYTES, MAX_SECRET_BYTES } from './base32';
export { parseTotpSeed, totpSeedSchema, TOTP_ALGORITHMS, MAX_PERIOD_SECONDS, type TotpSeed, type TotpAlgorithm, type TotpDigits } from './seed';
export { generateCode, secondsRemaining, timeStep, codeAt, type CodeView } from './totp';
export { parseOtpauthUri, parseBase32Key, seedFromKey, formatOtpauthUri, MAX_URI_LENGTH, type KeyOptions } from './otpauth';
export { readQrText, readOtpauthQr, decodePng, type RgbaImage, type ScannedSeed } from './qr';
export { hashSecret, verifySecret, needsRehash, DEFAULT_SCRYPT, type ScryptParams } from './scrypt';
export { estimateStrength, type Strength, type StrengthScore } from './strength';
export {
  checkPassword,
  hashSitePassword,
  hashNetworkPassword,
  MIN_SITE_PASSWORD_SCORE,
  type SiteHash,
  type PasswordFinding,
  type PasswordCheck,
  type PasswordCheckOptions,
} from './password-rules';
export {
  createPassphraseRecord,
  checkPassphrase,
  assessPassphrase,
  passphraseNeedsRehash,
  MIN_PASSPHRASE_LENGTH,
  type PassphraseRecord,
  type PassphraseStrength,
} from './passphrase';
export { createLockController, DEFAULT_IDLE_MS, type LockController, type LockReason, type LockState, type LockEvent, type LockDeps } from './lock';
export { scheduleClear, copySecret, DEFAULT_CLEAR_MS, type ClipboardPort, type PendingClear } from './clipboard-policy';
