import type {
  ArchiveOverview, ConnectionView, LastVerify, MediaView, PayloadView, RecordView,
} from '../../preload/contracts/archive';
import type { archiveContract } from '../../preload/contracts/archive';
import { ArchiveInputError, type Archive } from '../archive';
import { apiTokenAccount, getConnection, setConnection } from '../capture/connections';
import type { CaptureCoordinator, CaptureStatus } from '../capture/scheduler';
import { openArchiveForReading } from '../capture/service';
import { trustedPublicKey } from '../capture/signing';
import { openCredentialStore, type CredentialStore } from '../credentials/store';
import { listPeople } from '../registry/people';
import { audit, requireCapability, type DomainContext } from '../registry/context';
import { getSite, listSites } from '../registry/site-read';
import type { Site } from '../registry/types';
import { AppError } from '../shared/errors';
import type { Workspace } from '../workspace/workspace';
import type { HandlersFor, Services } from './services';

/** Above this a payload is cut for display; its SHA-256 and size still describe the whole. */
const MAX_PAYLOAD_BYTES = 1024 * 1024;
/** Raster formats a browser shows inertly; SVG is left out because it can carry script. */
const IMAGE_TYPES = new Set(['image/png', 'image/jpeg', 'image/gif', 'image/webp']);
const MAX_IMAGE_BYTES = 4 * 1024 * 1024;

const readers = new WeakMap<Workspace, Archive>();

/** One reader per workspace, so the search statements it prepares are reused across requests. */
function reader(ws: Workspace): Archive {
  let r = readers.get(ws);
  if (!r) {
    r = openArchiveForReading(ws).archive;
    readers.set(ws, r);
  }
  return r;
}

/** Read at each verify, not cached: the first capture is what stores the workspace's key. */
function trustedKeys(ws: Workspace): Uint8Array[] {
  const key = trustedPublicKey(ws.db);
  return key ? [key] : [];
}

/** The archive's own input errors are the caller's mistake, not an internal failure. */
function checked<T>(fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof ArchiveInputError) throw new AppError('invalid_input', err.message);
    throw err;
  }
}

export function payloadView(bytes: Uint8Array): PayloadView {
  const size = bytes.length;
  let end = size;
  if (size > MAX_PAYLOAD_BYTES) {
    // Cut before a UTF-8 continuation byte, so a long text payload is not turned into base64 by the cut.
    end = MAX_PAYLOAD_BYTES;
    while (end > MAX_PAYLOAD_BYTES - 3 && ((bytes[end] ?? 0) & 0xc0) === 0x80) end--;
  }
  try {
    // ignoreBOM keeps a byte-order mark as text: what is shown is every byte that was stored.
    const data = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes.subarray(0, end));
    return { encoding: 'utf8', data, size, truncated: end < size };
  } catch {
    const cut = Math.min(size, MAX_PAYLOAD_BYTES);
    return { encoding: 'base64', data: Buffer.from(bytes.subarray(0, cut)).toString('base64'), size, truncated: cut < size };
  }
}

function readRecord(ctx: DomainContext, ws: Workspace, siteId: number, platform: 'facebook' | 'x', externalId: string): RecordView {
  const record = checked(() => reader(ws).getRecord(siteId, platform, externalId));
  if (!record) throw new AppError('not_found', `Nothing archived for ${platform} ${externalId} on site ${siteId}.`);
  const names = new Map(listPeople(ctx).map((p) => [p.id, p.name]));
  return {
    ...record,
    versions: record.versions.map((v) => ({ ...v, payload: payloadView(v.payload) })),
    actions: record.actions.map((a) => ({ ...a, actorName: a.actorId === null ? null : (names.get(a.actorId) ?? null) })),
  };
}

function readMedia(ws: Workspace, sha256: string): MediaView {
  const m = reader(ws).getMedia(sha256);
  if (!m) throw new AppError('not_found', `No archived media with SHA-256 ${sha256}.`);
  const base = { sha256: m.sha256, mediaType: m.mediaType, size: m.size };
  if (!IMAGE_TYPES.has(m.mediaType)) return { ...base, dataUrl: null, reason: `${m.mediaType} is kept in the archive but not shown here.` };
  if (m.size > MAX_IMAGE_BYTES) return { ...base, dataUrl: null, reason: `Too large to show here (${Math.round(m.size / 1024 / 1024)} MB); it is kept whole in the archive.` };
  return { ...base, dataUrl: `data:${m.mediaType};base64,${Buffer.from(m.bytes).toString('base64')}`, reason: null };
}

/** Verifications are audited; the newest is how the Archive view knows when the archive was last checked. */
function lastVerify(ctx: DomainContext): LastVerify | null {
  const row = ctx.db.prepare(`SELECT a.at, a.after, p.name FROM audit_log a LEFT JOIN people p ON p.id = a.actor_id
    WHERE a.action = 'archive.verify' ORDER BY a.id DESC LIMIT 1`).get() as { at: string; after: string | null; name: string | null } | undefined;
  if (!row) return null;
  const after = JSON.parse(row.after ?? '{}') as { ok?: boolean; checked?: number; problems?: number };
  return { at: row.at, ok: after.ok === true, checked: after.checked ?? 0, problems: after.problems ?? 0, by: row.name };
}

function capturableSites(ctx: DomainContext): Site[] {
  return listSites(ctx).filter((s) => s.platform === 'facebook' || s.platform === 'x');
}

async function tryStore(ws: Workspace): Promise<CredentialStore | null> {
  try {
    return await openCredentialStore(ws.id, { timeoutMs: 3000 });
  } catch {
    return null;
  }
}

async function connectionView(ctx: DomainContext, site: Site, store: CredentialStore | null): Promise<ConnectionView> {
  let hasToken: boolean | null = null;
  if (store) hasToken = await store.get(apiTokenAccount(site.id)).then((t) => t !== null, () => null);
  return {
    siteId: site.id, siteName: site.name, platform: site.platform, platformName: site.platformName, status: site.status,
    connection: getConnection(ctx, site.id), hasToken,
  };
}

function coordinator(s: Services): CaptureCoordinator {
  if (!s.capture) throw new AppError('internal', 'Capturing is not available in this window: the app started without its capture service.');
  return s.capture;
}

const NO_CAPTURE: CaptureStatus = {
  running: false, current: null, scheduling: false, paused: 'Capture does not run in this window.', sites: [], lastError: null,
};

const readArchive = (ctx: DomainContext) => requireCapability(ctx, 'archive.read', 'read the archive');
const capture = (ctx: DomainContext) => requireCapability(ctx, 'archive.capture', 'capture sites');

export const archiveHandlers: HandlersFor<typeof archiveContract> = {
  'archive.search': (ctx, i, s) => {
    readArchive(ctx);
    return checked(() => reader(s.workspace).search(i));
  },
  'archive.record': (ctx, i, s) => (readArchive(ctx), readRecord(ctx, s.workspace, i.siteId, i.platform, i.externalId)),
  'archive.media': (ctx, i, s) => (readArchive(ctx), readMedia(s.workspace, i.sha256)),
  'archive.verify': (ctx, _i, s) => {
    readArchive(ctx);
    const trustedPublicKeys = trustedKeys(s.workspace);
    const result = reader(s.workspace).verify({ trustedPublicKeys, maxProblems: 200 });
    const verifiedAt = ctx.now().toISOString();
    audit(ctx, 'archive.verify', 'archive', null, null, { ok: result.ok, checked: result.checked, problems: result.problems.length });
    return { ...result, verifiedAt, trustedKey: trustedPublicKeys.length > 0 };
  },
  'archive.stats': (ctx, _i, s): ArchiveOverview => (readArchive(ctx), { ...reader(s.workspace).stats(), lastVerify: lastVerify(ctx) }),

  'capture.start': (ctx, i, s) => (capture(ctx), coordinator(s).start(i?.siteId ?? undefined)),
  'capture.status': (ctx, _i, s) => (readArchive(ctx), s.capture ? s.capture.status() : NO_CAPTURE),
  'capture.stop': (ctx, _i, s) => (capture(ctx), coordinator(s).stop()),
  'capture.runs': (ctx, i, s) => {
    readArchive(ctx);
    const names = new Map(listSites(ctx).map((site) => [site.id, site.name]));
    const filter = { limit: i?.limit ?? 50, ...(i?.siteId !== undefined ? { siteId: i.siteId } : {}) };
    return reader(s.workspace).listRuns(filter).map((r) => ({ ...r, siteName: names.get(r.siteId) ?? `Site ${r.siteId}` }));
  },
  'capture.connections': async (ctx, _i, s) => {
    readArchive(ctx);
    const store = await tryStore(s.workspace);
    return Promise.all(capturableSites(ctx).map((site) => connectionView(ctx, site, store)));
  },
  'capture.setConnection': async (ctx, i, s) => {
    requireCapability(ctx, 'registry.manage', 'change how sites are captured');
    // The keychain is opened first: if it is missing, nothing is changed and the person is told why.
    const store = i.token !== undefined ? await openCredentialStore(s.workspace.id) : null;
    setConnection(ctx, { siteId: i.siteId, baseUrl: i.baseUrl, accountId: i.accountId, captureMinutes: i.captureMinutes });
    if (store && i.token !== undefined) {
      await store.set(apiTokenAccount(i.siteId), i.token);
      audit(ctx, 'site.token.set', 'site', i.siteId, null, { account: apiTokenAccount(i.siteId) });
    }
    s.capture?.reschedule();
    return connectionView(ctx, getSite(ctx, i.siteId), store ?? (await tryStore(s.workspace)));
  },
};
