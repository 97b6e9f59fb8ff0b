import type { Db } from '../db/connection';
import type { Chain, ChainTx } from './chain';
import { wellFormed } from './encoding';
import type { Ingestor } from './ingest';
import { ArchiveInputError, isoTime } from './input';
import type { CapturedObject } from './types';

export interface ActionInput {
  siteId: number;
  /** The object's state as fetched right before acting on it. */
  object: CapturedObject;
  /** What is about to be done or was done, e.g. 'hide', 'unhide', 'delete', 'reply'. */
  action: string;
  actorId?: number | null;
  /** Free text for the record; the moderation module keeps clause and policy version itself. */
  note?: string | null;
  at?: string;
}

export interface ActionResult {
  actionEntryId: number;
  /** The version entry holding the state acted on (new, or the identical one already archived). */
  versionEntryId: number;
  version: number;
  newVersion: boolean;
}

/**
 * Records are archived before anything changes them (ARCHITECTURE): the moderation module calls
 * this before it hides or removes anything, so the state it acted on is a version in the archive and
 * the action is an entry in the same chain, written in the same transaction.
 */
export class Actions {
  private readonly versionOf;

  constructor(
    db: Db,
    private readonly chain: Chain,
    private readonly ingestor: Ingestor,
  ) {
    this.versionOf = db.prepare('SELECT version FROM archive_entries WHERE id = ?').pluck();
  }

  record(tx: ChainTx, input: ActionInput, now: string): ActionResult {
    if (typeof input.action !== 'string' || input.action.trim().length === 0) throw new ArchiveInputError('An action needs a name.');
    const at = input.at ? isoTime(input.at, 'at') : now;
    const state = this.ingestor.ingest(tx, input.siteId, [input.object], 'moderation', at);
    const versionEntryId = state.entryIds[0] as number;
    const version = this.versionOf.get(versionEntryId) as number;
    const o = input.object;
    const actionEntryId = this.chain.append(tx, {
      type: 'action',
      capturedAt: at,
      source: 'moderation',
      siteId: input.siteId,
      platform: o.platform,
      kind: o.kind,
      externalId: wellFormed(o.externalId),
      parentExternalId: wellFormed(o.parentExternalId),
      author: wellFormed(o.author),
      createdAt: null,
      hidden: o.hidden ? 1 : 0,
      version,
      contentType: null,
      text: null,
      action: wellFormed(input.action),
      actorId: input.actorId ?? null,
      note: wellFormed(input.note),
      refEntryId: versionEntryId,
      lastSeenAt: null,
      foundGoneAt: null,
      payload: null,
      payloadSha256: null,
    });
    return { actionEntryId, versionEntryId, version, newVersion: state.unchanged === 0 };
  }
}
