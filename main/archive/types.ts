/**
 * What every capture path (platform API, archive import, moderation action) hands to the archive.
 * This is the seam between main/platforms, main/imports and main/archive: producers fill it, the
 * archive stores it byte for byte.
 */
export type PlatformKey = 'facebook' | 'x';
export type ObjectKind = 'post' | 'comment' | 'reply' | 'profile' | 'followers' | 'media';
export type CaptureSource = 'api' | 'import' | 'moderation';

export interface CapturedMedia {
  bytes: Uint8Array;
  mediaType: string;
  /** Where the platform served it from; kept for the record, never used as the identity. */
  sourceUrl?: string | null;
}

export interface CapturedObject {
  platform: PlatformKey;
  kind: ObjectKind;
  /** The platform's own id for the object (post id, comment id, tweet id; 'profile' for a profile). */
  externalId: string;
  /** The post (or comment) this one answers, by the platform's id. */
  parentExternalId?: string | null;
  author?: string | null;
  /** When the platform says the object was created, ISO 8601. */
  createdAt?: string | null;
  /** Text to index for search, taken from the payload; never a replacement for it. */
  text?: string | null;
  hidden?: boolean;
  /** The exact bytes the platform (or the archive file) gave for this object. */
  payload: Uint8Array;
  contentType: string;
  media?: CapturedMedia[];
}
