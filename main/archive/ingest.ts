import type { Db } from '../db/connection';
import type { Chain, ChainTx, MediaItem } from './chain';
import { sha256Hex, wellFormed } from './encoding';
import { ArchiveInputError, checkSource, KINDS } from './input';
import type { IngestResult } from './model';
import type { CaptureSource, CapturedObject } from './types';

/** The latest captured state of one object, as the version rule needs it. */
interface ObjectState {
  entryId: number;
  version: number;
  payloadSha256: string;
  hidden: number;
  mediaCount: number;
  /** A deletion was recorded after the latest version: a re-capture means it came back. */
  gone: boolean;
}

const NO_MEDIA: readonly MediaItem[] = [];

function optionalString(o: CapturedObject, field: 'parentExternalId' | 'author' | 'createdAt' | 'text', index: number): string | null {
  const v = o[field];
  if (v === null || v === undefined) return null;
  if (typeof v !== 'string') throw new ArchiveInputError(`Object ${index}: ${field} must be a string or null.`);
  return wellFormed(v);
}

/** Cheap structural checks: the type is the contract, but producers parse foreign files. */
function checkObject(o: CapturedObject, index: number, platform: string): void {
  if (o.platform !== platform) throw new ArchiveInputError(`Object ${index}: a ${String(o.platform)} object cannot belong to a ${platform} site.`);
  if (!KINDS.has(o.kind)) throw new ArchiveInputError(`Object ${index}: unknown kind ${String(o.kind)}.`);
  if (typeof o.externalId !== 'string' || o.externalId.length === 0) throw new ArchiveInputError(`Object ${index}: externalId is required.`);
  if (!(o.payload instanceof Uint8Array)) throw new ArchiveInputError(`Object ${index}: payload must be bytes.`);
  if (typeof o.contentType !== 'string' || o.contentType.length === 0) throw new ArchiveInputError(`Object ${index}: contentType is required.`);
  for (const m of o.media ?? []) {
    if (!(m.bytes instanceof Uint8Array)) throw new ArchiveInputError(`Object ${index}: media bytes must be bytes.`);
    if (typeof m.mediaType !== 'string' || m.mediaType.length === 0) throw new ArchiveInputError(`Object ${index}: media needs a mediaType.`);
  }
}

export class Ingestor {
  private readonly latest;
  private readonly mediaOf;
  private readonly sitePlatform;

  constructor(
    db: Db,
    private readonly chain: Chain,
  ) {
    // One query per batch finds every known object's latest state; for a fresh import it returns
    // nothing, so the hot path pays one index probe per id in C instead of a JS round trip.
    this.latest = db
      .prepare(
        `SELECT j.value, c.id, c.version, lower(hex(c.payload_sha256)), c.hidden, c.media_count,
           EXISTS (SELECT 1 FROM archive_entries d WHERE d.site_id = @site AND d.external_id = j.value
                   AND d.id > c.id AND d.type = 'deletion')
         FROM json_each(@ids) j
         JOIN archive_entries c ON c.id = (
           SELECT max(x.id) FROM archive_entries x WHERE x.site_id = @site AND x.external_id = j.value AND x.type = 'capture')`,
      )
      .raw();
    this.mediaOf = db.prepare('SELECT media_sha256 FROM archive_entry_media WHERE entry_id = ? ORDER BY ordinal').pluck();
    this.sitePlatform = db.prepare('SELECT platform FROM sites WHERE id = ?').pluck();
  }

  /** The site's platform: every object of a site is on it, so the site and id name an object. */
  platformOf(siteId: number): string {
    const platform = Number.isInteger(siteId) ? (this.sitePlatform.get(siteId) as string | undefined) : undefined;
    if (platform === undefined) throw new ArchiveInputError(`No site with id ${siteId}.`);
    return platform;
  }

  private lookup(siteId: number, externalIds: readonly string[]): Map<string, ObjectState> {
    const rows = this.latest.all({ site: siteId, ids: JSON.stringify(externalIds) }) as [string, number, number, string, number, number, number][];
    const states = new Map<string, ObjectState>();
    for (const [externalId, entryId, version, payloadSha256, hidden, mediaCount, gone] of rows) {
      states.set(externalId, { entryId, version, payloadSha256, hidden, mediaCount, gone: gone === 1 });
    }
    return states;
  }

  private sameMedia(state: ObjectState, media: readonly MediaItem[]): boolean {
    // No media handed over means the producer did not fetch it this time, not that it is gone.
    if (media.length === 0) return true;
    if (media.length !== state.mediaCount) return false;
    const stored = this.mediaOf.all(state.entryId) as string[];
    return stored.every((sha, i) => sha === media[i]?.sha256);
  }

  /** Appends the batch to the chain. The caller owns the transaction and seals it. */
  ingest(tx: ChainTx, siteId: number, objects: readonly CapturedObject[], source: CaptureSource, capturedAt: string): IngestResult {
    checkSource(source);
    const platform = this.platformOf(siteId);
    objects.forEach((o, i) => checkObject(o, i, platform));
    const externalIds = objects.map((o) => wellFormed(o.externalId));
    const states = this.lookup(siteId, externalIds);
    const result: IngestResult = { new: 0, versions: 0, unchanged: 0, entryIds: new Array<number>(objects.length) };
    for (let i = 0; i < objects.length; i++) {
      const o = objects[i] as CapturedObject;
      const externalId = externalIds[i] as string;
      const state = states.get(externalId);
      const payloadSha256 = sha256Hex(o.payload);
      const hidden = o.hidden ? 1 : 0;
      const media: readonly MediaItem[] =
        o.media === undefined || o.media.length === 0
          ? NO_MEDIA
          : o.media.map((m) => ({ sha256: sha256Hex(m.bytes), mediaType: wellFormed(m.mediaType), sourceUrl: wellFormed(m.sourceUrl), bytes: m.bytes }));
      if (state && !state.gone && state.payloadSha256 === payloadSha256 && state.hidden === hidden && this.sameMedia(state, media)) {
        result.unchanged++;
        result.entryIds[i] = state.entryId;
        continue;
      }
      const version = state ? state.version + 1 : 1;
      const entryId = this.chain.appendCapture(tx, {
        capturedAt,
        source,
        siteId,
        platform: o.platform,
        kind: o.kind,
        externalId,
        parentExternalId: optionalString(o, 'parentExternalId', i),
        author: optionalString(o, 'author', i),
        createdAt: optionalString(o, 'createdAt', i),
        hidden,
        version,
        contentType: wellFormed(o.contentType),
        text: optionalString(o, 'text', i),
        payload: o.payload,
        payloadSha256,
        media,
      });
      if (state) result.versions++;
      else result.new++;
      result.entryIds[i] = entryId;
      states.set(externalId, { entryId, version, payloadSha256, hidden, mediaCount: media.length, gone: false });
    }
    return result;
  }
}
