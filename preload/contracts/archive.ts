import { z } from 'zod';
import type {
  ActionMark, ArchiveStats, CaptureRun, DeletionMark, RecordVersion, SearchResult, VerifyProblem,
} from '../../main/archive/model';
import type { ObjectKind, PlatformKey } from '../../main/archive/types';
import type { SiteConnection } from '../../main/capture/connections';
import type { CaptureStatus } from '../../main/capture/scheduler-types';
import { day, id, nothing, returns, text } from './kit';

export type * from '../../main/capture/scheduler-types';
export type { ArchiveStats, CaptureRun, DeletionMark, MediaRef, SearchHit, SearchResult, SnippetPart, VerifyProblem } from '../../main/archive/model';
export type { ObjectKind, PlatformKey } from '../../main/archive/types';
export type { SiteConnection } from '../../main/capture/connections';

/**
 * A payload as it can cross IPC and JSON: the stored bytes as UTF-8 text when they are valid
 * UTF-8 (what platforms send), else base64. `size` and the version's SHA-256 are of the bytes.
 */
export interface PayloadView { encoding: 'utf8' | 'base64'; data: string; size: number; truncated: boolean }

export type RecordVersionView = Omit<RecordVersion, 'payload'> & { payload: PayloadView };

export interface RecordView {
  siteId: number;
  platform: PlatformKey;
  externalId: string;
  versions: RecordVersionView[];
  deletions: DeletionMark[];
  actions: (ActionMark & { actorName: string | null })[];
  deleted: boolean;
  hidden: boolean;
}

/** A picture as a data URL, only for raster images small enough to show; other media say why not. */
export interface MediaView { sha256: string; mediaType: string; size: number; dataUrl: string | null; reason: string | null }

export interface VerifyView {
  ok: boolean;
  checked: number;
  checkpoints: number;
  media: number;
  problems: VerifyProblem[];
  verifiedAt: string;
  /** Whether signatures were checked against the workspace's own key, not only the keys in the archive. */
  trustedKey: boolean;
}

export interface LastVerify { at: string; ok: boolean; checked: number; problems: number; by: string | null }

export interface ArchiveOverview extends ArchiveStats { lastVerify: LastVerify | null }

export interface ConnectionView {
  siteId: number;
  siteName: string;
  platform: string;
  platformName: string;
  status: string;
  connection: SiteConnection | null;
  /** Whether the keychain holds an API token for the site; null when the keychain does not answer. */
  hasToken: boolean | null;
}

const kind = z.enum(['post', 'comment', 'reply', 'profile', 'followers', 'media']) satisfies z.ZodType<ObjectKind>;
const platform = z.enum(['facebook', 'x']) satisfies z.ZodType<PlatformKey>;

const searchInput = z.object({
  query: text(500),
  siteId: id.optional(),
  kind: kind.optional(),
  author: text(200).trim().min(1).optional(),
  from: day.optional(),
  to: day.optional(),
  deleted: z.boolean().optional(),
  edited: z.boolean().optional(),
  hidden: z.boolean().optional(),
  limit: z.number().int().min(1).max(100).optional(),
  offset: z.number().int().min(0).max(100_000).optional(),
}).strict().refine((q) => q.from === undefined || q.to === undefined || q.from <= q.to, { message: 'The "from" date must not be after the "to" date.', path: ['to'] });

/** The public-records archive and its capture (issue 3). Reading is for every role; capturing is not. */
export const archiveContract = {
  'archive.search': { input: searchInput, result: returns<SearchResult>() },
  'archive.record': {
    input: z.object({ siteId: id, platform, externalId: text(200).min(1) }).strict(),
    result: returns<RecordView>(),
  },
  'archive.media': { input: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/, 'A SHA-256 is 64 lowercase hex digits.') }).strict(), result: returns<MediaView>() },
  'archive.verify': { input: nothing, result: returns<VerifyView>() },
  'archive.stats': { input: nothing, result: returns<ArchiveOverview>() },

  'capture.start': { input: z.object({ siteId: id.optional() }).strict().nullish(), result: returns<CaptureStatus>() },
  'capture.status': { input: nothing, result: returns<CaptureStatus>() },
  'capture.stop': { input: nothing, result: returns<CaptureStatus>() },
  'capture.runs': {
    input: z.object({ siteId: id.optional(), limit: z.number().int().min(1).max(200).optional() }).strict().nullish(),
    result: returns<(CaptureRun & { siteName: string })[]>(),
  },
  'capture.connections': { input: nothing, result: returns<ConnectionView[]>() },
  'capture.setConnection': {
    input: z.object({
      siteId: id,
      baseUrl: text(500).trim().min(1, 'The API address is required.'),
      accountId: text(100).trim().min(1, 'The account id is required.'),
      captureMinutes: z.number().int().min(0, 'Use 0 for on demand only.').max(10_080, 'At most 10,080 minutes (a week).'),
      /** Goes straight to the OS keychain; never stored or returned anywhere else. */
      token: z.string().trim().min(1).max(4000).optional(),
    }).strict(),
    result: returns<ConnectionView>(),
  },
} as const;
