/** The public-records archive: the only way other modules reach archive tables. */
export { createArchive, type Archive, type ArchiveOptions } from './archive';
export type { ActionInput, ActionResult } from './actions';
export type { DeletionInput, ReconcileInput, ReconcileResult } from './deletions';
export { ArchiveInputError } from './input';
export type * from './model';
export type { StoredMedia } from './records';
export type { FinishRunInput, StartRunInput } from './runs';
export {
  checkpointMessage,
  createEphemeralSigner,
  signerFromPrivateKey,
  verifyCheckpointSignature,
  type CheckpointSigner,
  type SignedCheckpoint,
} from './signer';
export type * from './types';
