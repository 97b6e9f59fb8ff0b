/**
 * The four SEC-7 checks. Each returns findings (a change nothing explains, with its evidence and a
 * fingerprint naming the change); run.ts turns new findings into alerts. The post and profile
 * checks read only the archive, so they see exactly what was captured; the admin check asks the
 * platform, as capture does not keep the Page's roles.
 */
import { createHash } from 'node:crypto';
import type { Archive, PlatformKey, RecordVersion } from '../archive';
import type { Feed } from '../archive/feed';
import type { CredentialStore } from '../credentials/store';
import type { Db } from '../db/connection';
import { FacebookClient, type HttpOptions } from '../platforms';
import { effectiveAdmins } from '../registry/site-read';
import type { Site } from '../registry/types';
import { apiTokenAccount, type SiteConnection } from '../capture/connections';
import { watchedItems, type WatchedItem } from './profile-items';
import { approvedProfile, isExplained, type ApprovedItem, type SiteWatch } from './store';
import type { AlertEvidence, AlertKind } from './types';

export interface Finding {
  kind: AlertKind;
  fingerprint: string;
  summary: string;
  evidence: AlertEvidence;
}

/** A baseline value the run should store as approved (no alert: it is what was there at first). */
export interface BaselineApproval { item: string; value: string | null; entryId: number }

const sha256 = (s: string | Uint8Array): string => createHash('sha256').update(s).digest('hex');
const clip = (s: string | null, n: number): string | null => (s === null || s.length <= n ? s : `${s.slice(0, n)}\u2026`);

type Json = Record<string, unknown>;
function payloadOf(v: RecordVersion): Json {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(v.payload).toString('utf8'));
    return parsed !== null && typeof parsed === 'object' ? (parsed as Json) : {};
  } catch {
    return {};
  }
}
const ref = (v: unknown): { id: string | null; name: string | null } | null => {
  if (v === null || typeof v !== 'object') return null;
  const o = v as Json;
  return { id: typeof o.id === 'string' ? o.id : null, name: typeof o.name === 'string' ? o.name : null };
};

export interface PostCheckInput {
  db: Db;
  archive: Archive;
  feed: Feed;
  site: Site;
  platform: PlatformKey;
  /** The Page's or account's own id on the platform: only its own posts speak for the city. */
  accountId: string | null;
  watch: SiteWatch;
}

/**
 * Posts the site itself published after its baseline that no recorded manual post and no approved
 * publication explains. Visitor posts on a Page (from.id is someone else) are the public's, and
 * the moderation inbox's business, not a sign the channel was taken over.
 */
export function postFindings(input: PostCheckInput): { findings: Finding[]; watermark: number } {
  const { db, archive, feed, site, platform, accountId, watch } = input;
  const head = feed.head();
  const ids = new Set<string>();
  let after = watch.postWatermark;
  for (;;) {
    const batch = feed.since(after, ['post'], 2000);
    for (const e of batch) {
      if (e.siteId === site.id && e.type === 'capture') ids.add(e.externalId);
      after = e.entryId;
    }
    if (batch.length < 2000) break;
  }
  const findings: Finding[] = [];
  for (const externalId of ids) {
    const record = archive.getRecord(site.id, platform, externalId);
    const first = record?.versions[0];
    // Imported history, and whatever the first successful capture found, is the baseline.
    if (!record || !first || first.source !== 'api' || first.capturedAt <= watch.baselineAt) continue;
    const payload = payloadOf(first);
    const from = ref(payload.from);
    const authorId = platform === 'facebook' ? from?.id ?? null : typeof payload.author_id === 'string' ? payload.author_id : null;
    // An author we cannot read is treated as the site's own: silence is the worse mistake here.
    if (accountId !== null && authorId !== null && authorId !== accountId) continue;
    if (isExplained(db, site.id, externalId)) continue;
    const adminCreator = platform === 'facebook' ? ref(payload.admin_creator) : null;
    const text = typeof payload.message === 'string' ? payload.message : typeof payload.text === 'string' ? payload.text : first.text;
    const editOf = Array.isArray(payload.edit_history_tweet_ids) ? (payload.edit_history_tweet_ids as unknown[]).filter((x) => x !== externalId) : [];
    findings.push({
      kind: 'unexplained_post',
      fingerprint: `post:${externalId}`,
      summary: `A post on ${site.name} that no approved publication or recorded manual post explains`
        + (adminCreator?.name ? ` (made by ${adminCreator.name})` : '') + '.',
      evidence: {
        externalId, entryId: first.entryId, version: first.version, capturedAt: first.capturedAt, createdAt: first.createdAt,
        payloadSha256: first.payloadSha256, author: first.author, authorId, adminCreator,
        text: clip(text ?? null, 2000), permalink: typeof payload.permalink_url === 'string' ? payload.permalink_url : null,
        ...(editOf.length ? { editOf } : {}), deletedSince: record.deleted,
      },
    });
  }
  return { findings, watermark: Math.max(head, after, watch.postWatermark) };
}

export interface ProfileCheckInput {
  db: Db;
  archive: Archive;
  site: Site;
  platform: PlatformKey;
  watch: SiteWatch;
}

const valueEvidence = (i: WatchedItem | undefined, v: string | null) =>
  i?.kind === 'picture' ? { sha256: v?.replace(/^sha256:/, '') ?? null, media: i.media ?? null } : { text: clip(v, 4000) };

/**
 * The watched profile items of the latest captured profile against the approved ones: pictures by
 * the hash of their bytes, texts by value. The approved value starts as the baseline capture's and
 * moves only when the IT Director clears an alert about it.
 */
export function profileFindings(input: ProfileCheckInput): { findings: Finding[]; baseline: BaselineApproval[] } {
  const { db, archive, site, platform, watch } = input;
  const versions = (archive.getRecord(site.id, platform, 'profile')?.versions ?? []).filter((v) => v.source === 'api');
  const latest = versions.at(-1);
  if (!latest) return { findings: [], baseline: [] };
  const baselineVersion = versions.filter((v) => v.capturedAt <= watch.baselineAt).at(-1) ?? versions[0] as RecordVersion;
  const approved = approvedProfile(db, site.id);
  const baselineItems = new Map(watchedItems(platform, baselineVersion).map((i) => [i.item, i]));
  const byEntry = new Map(versions.map((v) => [v.entryId, v]));
  const findings: Finding[] = [];
  const baseline: BaselineApproval[] = [];
  for (const now of watchedItems(platform, latest)) {
    if (now.value === undefined) continue;
    let ok: ApprovedItem | BaselineApproval | undefined = approved.get(now.item);
    if (!ok) {
      const b = baselineItems.get(now.item);
      // A baseline picture whose download failed is unknown: the first one seen stands in for it.
      const first = b && b.value !== undefined ? { item: now.item, value: b.value, entryId: baselineVersion.entryId }
        : { item: now.item, value: now.value, entryId: latest.entryId };
      baseline.push(first);
      ok = first;
    }
    if (ok.value === now.value) continue;
    const revision = 'revision' in ok ? ok.revision : 1;
    const beforeVersion = byEntry.get(ok.entryId);
    const beforeItem = beforeVersion ? watchedItems(platform, beforeVersion).find((i) => i.item === now.item) : undefined;
    const removed = now.value === null;
    findings.push({
      kind: now.kind === 'picture' ? 'picture_changed' : 'profile_changed',
      fingerprint: `profile:${now.item}:r${revision}:${sha256(now.value ?? '\u2205').slice(0, 32)}`,
      summary: `${cap(now.label)} of ${site.name} ${removed ? 'was removed' : 'changed'}${removed ? '' : changeDetail(now)}.`,
      evidence: {
        item: now.item, label: now.label,
        before: { entryId: ok.entryId, capturedAt: beforeVersion?.capturedAt ?? null, payloadSha256: beforeVersion?.payloadSha256 ?? null,
          approvedAt: 'approvedAt' in ok ? ok.approvedAt : null, ...valueEvidence(beforeItem, ok.value) },
        after: { entryId: latest.entryId, capturedAt: latest.capturedAt, payloadSha256: latest.payloadSha256, ...valueEvidence(now, now.value) },
      },
    });
  }
  return { findings, baseline };
}

const cap = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
const changeDetail = (i: WatchedItem): string => (i.kind === 'picture' ? ' (different image content)' : `: now \u201c${clip(i.value ?? '', 80)}\u201d`);

/** Names compared the way people read them: case, width and spacing do not matter. */
export const normalizeName = (s: string): string => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

export interface AdminCheckInput {
  db: Db;
  site: Site;
  connection: SiteConnection | null;
  /** Opened only when the check needs the token: the OS keychain may ask the person to unlock it. */
  store: () => Promise<CredentialStore>;
  http?: HttpOptions;
}

export interface AdminCheckResult { findings: Finding[]; skipped: string[]; problems: string[] }

/**
 * People with a role on the Facebook Page who are not among the site's approved administrators in
 * the registry. Facebook gives only display names, so the match is by name, ignoring case: a
 * person whose Facebook name differs from their registry name is reported (a false alarm the IT
 * Director clears once), and an intruder who takes an approved admin's exact name is not.
 */
export async function adminFindings(input: AdminCheckInput): Promise<AdminCheckResult> {
  const { site, connection, store } = input;
  if (site.platform === 'x') {
    return { findings: [], skipped: ['Administrators: X has no list of who may act for an account (its API has no roles or delegates), so this check cannot be made on X.'], problems: [] };
  }
  if (site.platform !== 'facebook') return { findings: [], skipped: [`Administrators: ${site.platformName}s are not watched.`], problems: [] };
  if (!connection) return { findings: [], skipped: [], problems: ['Administrators: the site has no platform connection.'] };
  const token = await (await store()).get(apiTokenAccount(site.id));
  if (!token) return { findings: [], skipped: [], problems: ['Administrators: no API token for the site in the keychain.'] };
  let roles;
  try {
    const client = new FacebookClient({ pageId: connection.accountId, tokens: { token: async () => token }, baseUrl: connection.baseUrl, http: { ...input.http } });
    roles = await client.listRoles();
  } catch (err) {
    return { findings: [], skipped: [], problems: [`Administrators: the Page roles could not be read (${err instanceof Error ? err.message : String(err)}).`] };
  }
  const approved = effectiveAdmins(input.db, site.id);
  const known = new Set(approved.map((a) => normalizeName(a.name)));
  const findings: Finding[] = [];
  for (const role of roles) {
    const name = role.value.name ?? null;
    if (name !== null && known.has(normalizeName(name))) continue;
    findings.push({
      kind: 'unknown_admin',
      fingerprint: `admin:${role.value.id}`,
      summary: `${name ?? 'Someone without a name'} has a role on ${site.name} but is not an approved administrator in the registry.`,
      evidence: {
        platformUserId: role.value.id, name, tasks: role.value.tasks ?? [], role: role.value.role ?? null,
        roleSha256: sha256(role.raw), registryAdmins: approved.map((a) => a.name),
        pageRoles: roles.map((r) => ({ id: r.value.id, name: r.value.name ?? null })),
        matchedBy: 'name, ignoring case',
      },
    });
  }
  return { findings, skipped: [], problems: [] };
}
