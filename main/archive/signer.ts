import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/**
 * Signs checkpoints. The private key stays wherever the caller keeps it (the OS keychain in the
 * app); the archive only sees this interface. `sign` is synchronous because it runs inside the
 * SQLite write transaction that it seals: load the key before capture starts.
 */
export interface CheckpointSigner {
  /** Raw 32-byte Ed25519 public key. */
  publicKey: Uint8Array;
  /** Ed25519 signature (64 bytes) over message. */
  sign(message: Uint8Array): Uint8Array;
}

export interface SignedCheckpoint {
  entryId: number;
  headHash: string;
  signedAt: string;
}

const CHECKPOINT_TAG = 'csd-archive-checkpoint/1';

/** What a checkpoint signature covers; text so an auditor can rebuild it by hand. */
export function checkpointMessage(c: SignedCheckpoint): Uint8Array {
  return Buffer.from(`${CHECKPOINT_TAG}\n${c.entryId}\n${c.headHash}\n${c.signedAt}\n`, 'utf8');
}

function rawPublicKey(key: KeyObject): Uint8Array {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('Checkpoint keys must be Ed25519.');
  return Buffer.from(jwk.x, 'base64url');
}

export function publicKeyFromRaw(raw: Uint8Array): KeyObject {
  if (raw.length !== 32) throw new Error(`An Ed25519 public key is 32 bytes, not ${raw.length}.`);
  return createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(raw).toString('base64url') }, format: 'jwk' });
}

/** A signer over a private key the caller already holds (PEM text or a KeyObject). */
export function signerFromPrivateKey(privateKey: KeyObject | string): CheckpointSigner {
  const key = typeof privateKey === 'string' ? createPrivateKey(privateKey) : privateKey;
  if (key.asymmetricKeyType !== 'ed25519') throw new Error('Checkpoint keys must be Ed25519.');
  const publicKey = rawPublicKey(createPublicKey(key));
  return { publicKey, sign: (message) => sign(null, message, key) };
}

/** A fresh key pair that lives only in memory: for tests and the demo workspace. */
export function createEphemeralSigner(): CheckpointSigner & { privateKeyPem: string } {
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  return { ...signerFromPrivateKey(privateKey), privateKeyPem: pem };
}

export function verifyCheckpointSignature(publicKeyRaw: Uint8Array, checkpoint: SignedCheckpoint, signature: Uint8Array): boolean {
  try {
    return verify(null, checkpointMessage(checkpoint), publicKeyFromRaw(publicKeyRaw), signature);
  } catch {
    // A malformed key or signature is a bad signature, not a crash of the whole verify.
    return false;
  }
}
