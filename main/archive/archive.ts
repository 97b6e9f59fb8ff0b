import { inTransaction, type Db } from '../db/connection';
import { Actions, type ActionInput, type ActionResult } from './actions';
import { Chain, type ChainTx } from './chain';
import { Deletions, type DeletionInput, type ReconcileInput, type ReconcileResult } from './deletions';
import { Ingestor } from './ingest';
import type {
  ArchivedRecord,
  ArchiveStats,
  CaptureRun,
  IngestOptions,
  IngestResult,
  SearchQuery,
  SearchResult,
  StartedRun,
  VerifyOptions,
  VerifyResult,
} from './model';
import { Records, type StoredMedia } from './records';
import { Runs, type FinishRunInput, type StartRunInput } from './runs';
import { Search } from './search';
import type { CheckpointSigner } from './signer';
import type { CaptureSource, CapturedObject, PlatformKey } from './types';
import { Verifier } from './verify';

export interface ArchiveOptions {
  /** Signs a checkpoint at the end of every write. Without one, the chain is still checked but an
   *  attacker who recomputes it from the edit onwards would go unnoticed. */
  signer?: CheckpointSigner;
  /** Raw Ed25519 public keys verify accepts checkpoints from (e.g. the current and retired keys
   *  from the keychain). Default: the signer's key alone, so a checkpoint signed by a key someone
   *  slipped into the file is caught. Without a signer or this list, verify trusts the stored keys. */
  trustedPublicKeys?: Uint8Array[];
  now?: () => Date;
}

export interface Archive {
  /** One transaction: all of the batch is archived or none of it. */
  ingest(siteId: number, objects: readonly CapturedObject[], source: CaptureSource, options?: IngestOptions): IngestResult;
  /** The entry id of the deletion mark, or null if the object is unknown or already marked gone. */
  recordDeletion(input: DeletionInput): number | null;
  reconcile(input: ReconcileInput & { runId?: number }): ReconcileResult;
  recordAction(input: ActionInput): ActionResult;
  getRecord(siteId: number, platform: PlatformKey, externalId: string): ArchivedRecord | null;
  getMedia(sha256: string): StoredMedia | null;
  search(query: SearchQuery): SearchResult;
  verify(options?: VerifyOptions): VerifyResult;
  stats(options?: { payloadBytes?: boolean }): ArchiveStats;
  startRun(input: StartRunInput): StartedRun;
  finishRun(runId: number, input?: FinishRunInput): CaptureRun;
  /** For app start: every run still 'running' was left by a process that is gone. */
  markInterruptedRuns(): number[];
  getRun(runId: number): CaptureRun | null;
  listRuns(filter?: { siteId?: number; limit?: number }): CaptureRun[];
  /** The search index is derived from the entries and may be rebuilt from them at any time. */
  rebuildSearchIndex(): void;
}

export function createArchive(db: Db, options: ArchiveOptions = {}): Archive {
  const now = () => (options.now ? options.now() : new Date()).toISOString();
  const chain = new Chain(db, options.signer);
  const ingestor = new Ingestor(db, chain);
  const deletions = new Deletions(db, chain);
  const actions = new Actions(db, chain, ingestor);
  const records = new Records(db);
  const runs = new Runs(db);
  const search = new Search(db);
  const verifier = new Verifier(db);
  const defaultTrusted = options.trustedPublicKeys ?? (options.signer ? [options.signer.publicKey] : undefined);

  /** Every write: read the head, append, index and sign, all inside one IMMEDIATE transaction. */
  function write<T>(fn: (tx: ChainTx, at: string) => T): T {
    return inTransaction(db, () => {
      const at = now();
      const tx = chain.open();
      const result = fn(tx, at);
      chain.seal(tx, at);
      return result;
    });
  }

  return {
    ingest(siteId, objects, source, ingestOptions = {}) {
      return write((tx, at) => {
        const result = ingestor.ingest(tx, siteId, objects, source, at);
        if (ingestOptions.runId !== undefined) {
          runs.progress(ingestOptions.runId, { ...result, deletions: 0 }, ingestOptions.cursor);
        }
        return result;
      });
    },
    recordDeletion(input) {
      return write((tx, at) => deletions.recordDeletion(tx, input, at));
    },
    reconcile(input) {
      return write((tx) => {
        const result = deletions.reconcile(tx, input);
        if (input.runId !== undefined) {
          runs.progress(input.runId, { new: 0, versions: 0, unchanged: 0, deletions: result.deleted.length }, undefined);
        }
        return result;
      });
    },
    recordAction(input) {
      return write((tx, at) => actions.record(tx, input, at));
    },
    getRecord: (siteId, platform, externalId) => records.getRecord(siteId, platform, externalId),
    getMedia: (sha256) => records.getMedia(sha256),
    search: (query) => search.search(query),
    verify: (verifyOptions = {}) => verifier.verify({ trustedPublicKeys: defaultTrusted, ...verifyOptions }),
    stats: (statsOptions) => records.stats(statsOptions),
    startRun(input) {
      return inTransaction(db, () => runs.start(input, now()));
    },
    finishRun(runId, input = {}) {
      return inTransaction(db, () => runs.finish(runId, input, now()));
    },
    markInterruptedRuns() {
      return inTransaction(db, () => runs.markAllInterrupted(now()));
    },
    getRun: (runId) => runs.get(runId),
    listRuns: (filter) => runs.recent(filter),
    rebuildSearchIndex() {
      inTransaction(db, () => db.prepare(`INSERT INTO archive_fts (archive_fts) VALUES ('rebuild')`).run());
    },
  };
}
