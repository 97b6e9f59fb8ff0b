import type { CapturedObject, PlatformKey } from '../archive/types';
import type { ImportLimits } from './source-types';

export interface ParsedAccount {
  handle?: string;
  name?: string;
  id?: string;
}

export interface DeletedObject {
  object: CapturedObject;
  /** When the platform says it was deleted, ISO 8601; null when the export does not say. */
  deletedAt: string | null;
}

/**
 * Everything one export holds, fully parsed in memory. The archive stores it in one transaction;
 * a parser either returns this complete or throws ImportError, never half.
 */
export interface ParsedArchive {
  platform: PlatformKey;
  account: ParsedAccount;
  objects: CapturedObject[];
  deleted: DeletedObject[];
  /** Archive-relative names of the files whose contents went into this result, sorted. */
  files: string[];
}

export interface ImportOptions {
  /** Override the zip-bomb and size guards (tests use small ones). */
  limits?: ImportLimits;
}
