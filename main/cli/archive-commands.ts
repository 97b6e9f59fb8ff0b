import { withWorkspace } from './with-workspace';
import { openCredentialStore } from '../credentials/store';
import { startDemoPlatforms } from '../capture/demo-platforms';
import { importArchive } from '../capture/import-archive';
import { captureNow, openArchiveForReading } from '../capture/service';
import { requireCapability } from '../registry/context';
import { findSite } from '../registry/site-read';
import { AppError } from '../shared/errors';
import { contextFor, type Workspace } from '../workspace/workspace';
import type { Command } from './main';
import { printJson, printTable, type Io } from './output';


function siteIdOf(ws: Workspace, value: unknown): number | undefined {
  return typeof value === 'string' ? findSite(contextFor(ws), value).id : undefined;
}

/** Progress on stderr, so --json output on stdout stays parseable. */
function progressPrinter(io: Io, json: boolean) {
  let last = '';
  return (p: { siteId: number; message: string }) => {
    const line = `site ${p.siteId}: ${p.message}`;
    if (!json && line !== last) io.err(line);
    last = line;
  };
}

export const archiveCommands: Command[] = [
  {
    words: ['capture'],
    usage: 'capture [--site ID|HANDLE] [--json]   capture the sites now into the archive (the demo workspace captures from its simulator)',
    options: { site: { type: 'string' } },
    run({ values, dataDir, io }) {
      return withWorkspace(dataDir, async (ws) => {
        const store = await openCredentialStore(ws.id);
        const demo = ws.demo ? await startDemoPlatforms(ws, store) : null;
        try {
          const siteId = siteIdOf(ws, values.site);
          const results = await captureNow(ws, { store, onProgress: progressPrinter(io, Boolean(values.json)), ...(siteId !== undefined ? { siteId } : {}) });
          if (values.json) printJson(io, results);
          else if (results.length === 0) io.out('No connected sites to capture.');
          else printTable(io, ['SITE', 'RESULT', 'NEW', 'VERSIONS', 'UNCHANGED', 'DELETIONS', 'ALERTS'], results.map((r) => [
            r.siteName, r.ok ? 'ok' : `failed: ${r.error}`, r.counts?.new ?? '', r.counts?.versions ?? '', r.counts?.unchanged ?? '', r.counts?.deletions ?? '',
            r.checkError ? `checks failed: ${r.checkError}` : r.alerts ? `${r.alerts} (site suspended, see the inbox)` : '']));
          return results.every((r) => r.ok) ? 0 : 1;
        } finally {
          await demo?.close();
        }
      });
    },
  },
  {
    words: ['import'],
    usage: 'import x-archive|facebook-export PATH [--site ID|HANDLE] [--json]   import a platform export (zip or folder) into the archive, all or nothing',
    options: { site: { type: 'string' } },
    run({ values, positionals, dataDir, io }) {
      const [kind, path] = positionals;
      if ((kind !== 'x-archive' && kind !== 'facebook-export') || !path || positionals.length > 2) {
        throw new AppError('invalid_input', 'Say what to import: import x-archive PATH, or import facebook-export PATH.');
      }
      return withWorkspace(dataDir, async (ws) => {
        const siteId = siteIdOf(ws, values.site);
        const counts = await importArchive(ws, kind, path, { store: await openCredentialStore(ws.id), ...(siteId !== undefined ? { siteId } : {}) });
        if (values.json) printJson(io, counts);
        else io.out(`Imported ${counts.objects} records from ${counts.files} files into site ${counts.siteId}: ${counts.new} new, ${counts.versions} new versions, ${counts.unchanged} unchanged, ${counts.deleted} deletions recorded.`);
        return 0;
      });
    },
  },
  {
    words: ['verify'],
    usage: 'verify [--json]   check every archive entry; exit 1 naming each one changed, removed or reordered',
    options: {},
    run({ values, dataDir, io }) {
      return withWorkspace(dataDir, (ws) => {
        requireCapability(contextFor(ws), 'archive.read', 'verify the archive');
        const { archive, trustedPublicKeys } = openArchiveForReading(ws);
        const result = archive.verify(trustedPublicKeys.length ? { trustedPublicKeys } : {});
        if (values.json) printJson(io, result);
        else if (result.ok) io.out(`Archive intact: ${result.checked} entries, ${result.checkpoints} signed checkpoints, ${result.media} media files checked.`);
        else {
          io.out(`Archive NOT intact: ${result.problems.length} problem(s) in ${result.checked} entries.`);
          printTable(io, ['ENTRY', 'PROBLEM', 'DETAIL'], result.problems.map((p) => [p.entryId, p.kind, p.message]));
        }
        return result.ok ? 0 : 1;
      });
    },
  },
  {
    words: ['search'],
    usage: 'search QUERY [--site ID|HANDLE] [--kind post|comment|reply|profile] [--author A] [--from DATE] [--to DATE] [--deleted] [--edited] [--hidden] [--limit N] [--json]',
    options: {
      site: { type: 'string' }, kind: { type: 'string' }, author: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' },
      deleted: { type: 'boolean' }, edited: { type: 'boolean' }, hidden: { type: 'boolean' }, limit: { type: 'string' },
    },
    run({ values, positionals, dataDir, io }) {
      const query = positionals.join(' ').trim();
      if (!query) throw new AppError('invalid_input', 'Say what to search for: civicdesk search WORDS');
      const limit = values.limit === undefined ? 20 : Number(values.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 500) throw new AppError('invalid_input', '--limit is a whole number from 1 to 500.');
      return withWorkspace(dataDir, (ws) => {
        requireCapability(contextFor(ws), 'archive.read', 'search the archive');
        const siteId = siteIdOf(ws, values.site);
        const kind = values.kind as 'post' | 'comment' | 'reply' | 'profile' | undefined;
        if (kind !== undefined && !['post', 'comment', 'reply', 'profile', 'followers', 'media'].includes(kind)) throw new AppError('invalid_input', `Unknown kind "${kind}".`);
        const { archive } = openArchiveForReading(ws);
        const result = archive.search({
          query, limit, ...(siteId !== undefined ? { siteId } : {}), ...(kind ? { kind } : {}),
          ...(typeof values.author === 'string' ? { author: values.author } : {}), ...(typeof values.from === 'string' ? { from: values.from } : {}),
          ...(typeof values.to === 'string' ? { to: values.to } : {}), ...(values.deleted ? { deleted: true } : {}),
          ...(values.edited ? { edited: true } : {}), ...(values.hidden ? { hidden: true } : {}),
        });
        if (values.json) printJson(io, result);
        else if (result.hits.length === 0) io.out('No matches.');
        else printTable(io, ['SITE', 'KIND', 'ID', 'AUTHOR', 'WHEN', 'MARKS', 'MATCH'], result.hits.map((h) => [
          h.siteId, h.kind, h.externalId, h.author, (h.createdAt ?? h.capturedAt).slice(0, 10),
          [h.deleted ? 'deleted' : '', h.edited ? 'edited' : '', h.hidden ? 'hidden' : ''].filter(Boolean).join(','),
          h.snippet.map((s) => (s.match ? `[${s.text}]` : s.text)).join('').replace(/\s+/g, ' ').slice(0, 100)]));
        return 0;
      });
    },
  },
];
