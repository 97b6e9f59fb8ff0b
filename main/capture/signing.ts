import { readMeta, writeMeta } from '../workspace/meta';
import { generateKeyPairSync } from 'node:crypto';
import type { Db } from '../db/connection';
import { signerFromPrivateKey, type CheckpointSigner } from '../archive/signer';
import type { CredentialStore } from '../credentials/store';

const ACCOUNT = 'archive:checkpoint-key';
const META_KEY = 'archive_public_key';

/**
 * The archive's checkpoint signing key: the private half only in the keychain, the public half in
 * the workspace so `verify` (and an auditor) can check signatures without the keychain.
 */
export async function loadCheckpointSigner(db: Db, store: CredentialStore): Promise<CheckpointSigner> {
  let pem = await store.get(ACCOUNT);
  if (!pem) {
    pem = generateKeyPairSync('ed25519').privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
    await store.set(ACCOUNT, pem);
  }
  const signer = signerFromPrivateKey(pem);
  const publicKey = Buffer.from(signer.publicKey).toString('base64');
  const stored = trustedPublicKey(db);
  if (!stored) writeMeta(db, META_KEY, publicKey);
  else if (Buffer.from(stored).toString('base64') !== publicKey) {
    throw new Error('The archive signing key in the keychain does not match the one this workspace was signed with. Restore the original key before capturing.');
  }
  return signer;
}

export function trustedPublicKey(db: Db): Uint8Array | null {
  const value = readMeta(db, META_KEY);
  return value ? new Uint8Array(Buffer.from(value, 'base64')) : null;
}
