import { inTransaction } from '../db/connection';
import { readFacebookExport, readXArchive, type ParsedArchive } from '../imports';
import { audit, requireCapability } from '../registry/context';
import { listSites } from '../registry/site-read';
import { AppError } from '../shared/errors';
import { contextFor, type Workspace } from '../workspace/workspace';
import type { CredentialStore } from '../credentials/store';
import { openArchiveForWriting } from './service';

export interface ImportCounts { new: number; versions: number; unchanged: number; deleted: number; objects: number; files: number; siteId: number }

/** The registry site an archive belongs to: the one named, or the one whose handle the archive carries. */
function targetSite(ws: Workspace, parsed: ParsedArchive, siteId: number | undefined) {
  const sites = listSites(contextFor(ws)).filter((s) => s.platform === parsed.platform);
  if (siteId !== undefined) {
    const site = sites.find((s) => s.id === siteId);
    if (!site) throw new AppError('invalid_input', `Site ${siteId} is not a ${parsed.platform === 'x' ? 'X account' : 'Facebook Page'} in the registry.`);
    return site;
  }
  const handle = parsed.account.handle?.replace(/^@/, '').toLowerCase();
  const byHandle = handle ? sites.filter((s) => s.handle.toLowerCase() === handle) : [];
  if (byHandle.length === 1 && byHandle[0]) return byHandle[0];
  if (sites.length === 1 && sites[0] && !handle) return sites[0];
  throw new AppError('invalid_input', `Say which site this archive belongs to with --site ID${handle ? ` (no single ${parsed.platform} site has the handle @${handle})` : ''}.`);
}

/**
 * Imports a platform's own export into the archive as one transaction: the whole archive or
 * nothing. Objects already archived with the same bytes add nothing, so re-importing is harmless.
 */
export async function importArchive(ws: Workspace, kind: 'x-archive' | 'facebook-export', path: string, options: { siteId?: number; store: CredentialStore; now?: () => Date }): Promise<ImportCounts> {
  const ctx = contextFor(ws, options.now);
  requireCapability(ctx, 'archive.capture', 'import archives');
  const parsed = kind === 'x-archive' ? await readXArchive(path) : await readFacebookExport(path);
  const site = targetSite(ws, parsed, options.siteId);
  const { archive } = await openArchiveForWriting(ws, options.store, options.now);
  return inTransaction(ws.db, () => {
    const counts: ImportCounts = { new: 0, versions: 0, unchanged: 0, deleted: 0, objects: parsed.objects.length + parsed.deleted.length, files: parsed.files.length, siteId: site.id };
    const all = [...parsed.objects, ...parsed.deleted.map((d) => d.object)];
    if (all.length > 0) {
      const r = archive.ingest(site.id, all, 'import');
      counts.new = r.new;
      counts.versions = r.versions;
      counts.unchanged = r.unchanged;
    }
    for (const d of parsed.deleted) {
      const mark = archive.recordDeletion({ siteId: site.id, platform: parsed.platform, externalId: d.object.externalId, source: 'import', ...(d.deletedAt ? { foundGoneAt: d.deletedAt } : {}) });
      if (mark !== null) counts.deleted += 1;
    }
    audit(ctx, `archive.import.${kind}`, 'site', site.id, null, { path, ...counts });
    return counts;
  });
}
