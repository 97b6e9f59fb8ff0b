import { createArchive, type Archive } from '../archive';
import type { CheckpointSigner } from '../archive/signer';
import { openCredentialStore, type CredentialStore } from '../credentials/store';
import type { HttpOptions } from '../platforms';
import { requireCapability } from '../registry/context';
import { listSites } from '../registry/site-read';
import { AppError } from '../shared/errors';
import { contextFor, type Workspace } from '../workspace/workspace';
import { apiTokenAccount, getConnection } from './connections';
import { screenNewComments } from '../inbox/screening';
import { runChecksAfterCapture } from '../monitor';
import { captureSite, type CaptureCounts, type CaptureProgress } from './site-capture';
import { loadCheckpointSigner, trustedPublicKey } from './signing';

export interface SiteCaptureResult {
  siteId: number;
  siteName: string;
  ok: boolean;
  runId: number | null;
  counts: CaptureCounts | null;
  error: string | null;
  /** Vandalism alerts the checks after this capture raised (SEC-7). */
  alerts: number;
  /** Why the checks after the capture could not run, if they could not; the capture itself stands. */
  checkError: string | null;
}

export interface CaptureOptions {
  siteId?: number;
  now?: () => Date;
  http?: HttpOptions;
  onProgress?(p: CaptureProgress): void;
  signal?: AbortSignal;
  /** Tests and tools may bring their own store; the app opens the OS keychain. */
  store?: CredentialStore;
  /** Run the vandalism checks after each site (default true); their own tests run them by hand. */
  checks?: boolean;
  /** A desktop notification when the checks after a capture raise an alert. */
  notify?(n: { title: string; body: string }): void;
}

/** The archive as the app writes it: signed with the workspace's key from the keychain. */
export async function openArchiveForWriting(ws: Workspace, store: CredentialStore, now?: () => Date): Promise<{ archive: Archive; signer: CheckpointSigner }> {
  const signer = await loadCheckpointSigner(ws.db, store);
  return { archive: createArchive(ws.db, { signer, ...(now ? { now } : {}) }), signer };
}

/** For reading and verifying: no keychain needed, the trusted public key is in the workspace. */
export function openArchiveForReading(ws: Workspace): { archive: Archive; trustedPublicKeys: Uint8Array[] } {
  const key = trustedPublicKey(ws.db);
  return { archive: createArchive(ws.db), trustedPublicKeys: key ? [key] : [] };
}

/** Sites that are kept as records: every connected site that is not proposed or retired. */
function capturableSites(ws: Workspace, siteId?: number) {
  const ctx = contextFor(ws);
  const sites = listSites(ctx).filter((s) => (siteId === undefined || s.id === siteId));
  if (siteId !== undefined && sites.length === 0) throw new AppError('not_found', `No site with id ${siteId}.`);
  return sites.filter((s) => {
    if (siteId !== undefined) return true;
    return s.status !== 'proposed' && s.status !== 'retired' && getConnection(ctx, s.id) !== null;
  });
}

/**
 * Captures every connected site (or one), each on its own: one site failing (expired token,
 * platform down) is reported and the others still run. Nothing is lost by an interruption.
 */
export async function captureNow(ws: Workspace, options: CaptureOptions = {}): Promise<SiteCaptureResult[]> {
  const ctx = contextFor(ws, options.now);
  requireCapability(ctx, 'archive.capture', 'capture sites');
  const now = options.now ?? (() => new Date());
  const sites = capturableSites(ws, options.siteId);
  if (sites.length === 0) return [];
  const store = options.store ?? (await openCredentialStore(ws.id));
  const { archive } = await openArchiveForWriting(ws, store, now);
  archive.markInterruptedRuns();
  const results: SiteCaptureResult[] = [];
  for (const site of sites) {
    const base = { siteId: site.id, siteName: site.name };
    try {
      const connection = getConnection(ctx, site.id);
      if (!connection) throw new AppError('invalid_input', `${site.name} has no platform connection; set its API address and account id first.`);
      if (site.platform !== 'facebook' && site.platform !== 'x') throw new AppError('invalid_input', `${site.platformName}s cannot be captured yet.`);
      if (site.status === 'proposed' || site.status === 'retired') throw new AppError('invalid_input', `${site.name} is ${site.status}; only sites in use are captured.`);
      const tokens = {
        token: async () => {
          const t = await store.get(apiTokenAccount(site.id));
          if (!t) throw new AppError('invalid_input', `No API token for ${site.name} in the keychain; add it in the Vault.`);
          return t;
        },
      };
      const { runId, counts } = await captureSite({
        archive, siteId: site.id, platform: site.platform, connection, tokens, now,
        ...(options.http ? { http: options.http } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      // SEC-7: compare the site as just captured with what the city approved. A failing check is
      // reported beside the capture; it never undoes it.
      let alerts = 0;
      let checkError: string | null = null;
      if (options.checks !== false) {
        try {
          const report = await runChecksAfterCapture(ws, { siteId: site.id, now, store,
            ...(options.http ? { http: options.http } : {}), ...(options.notify ? { notify: options.notify } : {}) });
          alerts = report.raised.length;
          if (report.problems.length) checkError = report.problems.join(' ');
        } catch (err) {
          checkError = err instanceof Error ? err.message : String(err);
        }
      }
      results.push({ ...base, ok: true, runId, counts, error: null, alerts, checkError });
    } catch (err) {
      if (options.signal?.aborted) throw err;
      results.push({ ...base, ok: false, runId: null, counts: null, error: err instanceof Error ? err.message : String(err), alerts: 0, checkError: null });
    }
  }
  // New comments go to the inbox at once, screened. Should screening fail (a broken policy), the
  // capture still stands; the inbox screens again when it opens and shows the error there.
  try {
    screenNewComments(ws.db, now);
  } catch (err) {
    for (const r of results) if (r.ok && !r.checkError) r.checkError = `Screening new comments failed: ${err instanceof Error ? err.message : String(err)}`;
  }
  return results;
}
