import type { CaptureSource, ObjectKind, PlatformKey } from './types';

/** What an entry in the chain records. */
export type EntryType = 'capture' | 'deletion' | 'reconcile' | 'action';

export interface IngestOptions {
  /** A run from startRun: its counts and cursor advance in the same transaction as the batch. */
  runId?: number;
  /** Where the producer is in its own paging; handed back by startRun after an interruption. */
  cursor?: string | null;
}

export interface IngestResult {
  /** Objects never seen before: version 1 written. */
  new: number;
  /** Known objects whose payload, hidden flag or media changed (or that came back after a deletion). */
  versions: number;
  /** Identical re-captures: nothing written. */
  unchanged: number;
  /** For each input object, in order, the entry that holds its state now (new or existing). */
  entryIds: number[];
}

export interface MediaRef {
  ordinal: number;
  sha256: string;
  mediaType: string;
  sourceUrl: string | null;
  size: number;
}

export interface RecordVersion {
  entryId: number;
  version: number;
  capturedAt: string;
  source: CaptureSource;
  kind: ObjectKind;
  parentExternalId: string | null;
  author: string | null;
  createdAt: string | null;
  hidden: boolean;
  text: string | null;
  contentType: string;
  payloadSha256: string;
  /** The exact bytes the platform returned. */
  payload: Uint8Array;
  media: MediaRef[];
}

export interface DeletionMark {
  entryId: number;
  /** The version that was last seen. */
  version: number | null;
  lastSeenAt: string | null;
  foundGoneAt: string;
  /** The reconcile entry that noticed, when one did. */
  reconcileEntryId: number | null;
}

export interface ActionMark {
  entryId: number;
  at: string;
  action: string;
  actorId: number | null;
  note: string | null;
  /** The version entry holding the state the action was taken on. */
  versionEntryId: number | null;
}

export interface ArchivedRecord {
  siteId: number;
  platform: PlatformKey;
  externalId: string;
  versions: RecordVersion[];
  deletions: DeletionMark[];
  actions: ActionMark[];
  /** Gone from the platform now: the last capture-or-deletion event is a deletion. */
  deleted: boolean;
  /** The latest version is hidden on the platform. */
  hidden: boolean;
}

export interface SearchQuery {
  /** Words (all must match), "quoted phrases" and word* prefixes; every other character is literal. */
  query: string;
  siteId?: number;
  kind?: ObjectKind;
  /** Exact author as captured. */
  author?: string;
  /** Inclusive bounds on the platform's created_at (capture time when absent), ISO 8601. */
  from?: string;
  to?: string;
  /** true: only what is gone from the platform now (the hits are the deletion marks, which repeat
   *  the vanished text); false: only what is still there. */
  deleted?: boolean;
  /** true: only versions after the first (the object changed since it was first captured). */
  edited?: boolean;
  /** true: only versions captured hidden. */
  hidden?: boolean;
  limit?: number;
  offset?: number;
}

/** A run of snippet text; `match` runs are the words that matched. Render as text, never as HTML. */
export interface SnippetPart {
  text: string;
  match: boolean;
}

export interface SearchHit {
  entryId: number;
  /** 'deletion' only when searching with deleted: true. */
  entryType: 'capture' | 'deletion';
  siteId: number;
  platform: PlatformKey;
  kind: ObjectKind;
  externalId: string;
  parentExternalId: string | null;
  author: string | null;
  createdAt: string | null;
  capturedAt: string;
  version: number;
  hidden: boolean;
  /** Gone from the platform now. */
  deleted: boolean;
  /** This hit is a version after the first. */
  edited: boolean;
  /** How many versions the object has so far. */
  latestVersion: number;
  snippet: SnippetPart[];
}

export interface SearchResult {
  hits: SearchHit[];
  /** More hits exist past limit + offset. No total: counting every match of a common word at a
   *  million records costs more than the search itself. */
  hasMore: boolean;
}

export type ProblemKind = 'changed' | 'removed' | 'reordered' | 'bad-signature';

export interface VerifyProblem {
  entryId: number;
  kind: ProblemKind;
  message: string;
}

export interface VerifyOptions {
  /** Raw Ed25519 public keys to trust (from the keychain); defaults to the archive's. With none
   *  (absent or empty) the keys stored in the file are trusted, which finds forged signatures but
   *  not a wholesale re-signing with a key slipped into the file. */
  trustedPublicKeys?: Uint8Array[];
  /** Stop listing after this many problems (default 1000); `ok` is false either way. */
  maxProblems?: number;
}

export interface VerifyResult {
  ok: boolean;
  /** Entries checked. */
  checked: number;
  checkpoints: number;
  media: number;
  problems: VerifyProblem[];
}

export interface ArchiveStats {
  entries: number;
  objects: number;
  versions: number;
  deletions: number;
  reconciles: number;
  actions: number;
  /** Sum of payload sizes; null unless stats({ payloadBytes: true }) asked for it (it reads every row). */
  payloadBytes: number | null;
  /** Size of the whole workspace file. */
  fileBytes: number;
  media: { count: number; bytes: number };
  head: { entryId: number; hash: string } | null;
  lastCheckpoint: { entryId: number; signedAt: string } | null;
  runs: { running: number; interrupted: number; failed: number; succeeded: number };
}

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'interrupted';

export interface CaptureRun {
  id: number;
  siteId: number;
  scope: string;
  source: CaptureSource;
  startedAt: string;
  finishedAt: string | null;
  status: RunStatus;
  batches: number;
  newCount: number;
  versionCount: number;
  unchangedCount: number;
  deletionCount: number;
  cursor: string | null;
  resumedFrom: number | null;
  error: string | null;
}

export interface StartedRun {
  runId: number;
  /** The cursor an interrupted or failed run of the same site and scope reached, to go on from. */
  resumeCursor: string | null;
  resumedFrom: number | null;
  /** Runs found still 'running' (their process died) and marked 'interrupted'. */
  interrupted: number[];
}
