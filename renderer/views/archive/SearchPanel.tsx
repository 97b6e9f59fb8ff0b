import { useEffect, useRef, type FormEvent, type KeyboardEvent } from 'react';
import type { SearchHit } from '../../../preload/contract';
import { EmptyState, formatDateTime } from '../../components/common';
import { SelectField, TextField } from '../../components/Field';
import { useArchive, type Filters } from '../../store/archive';
import { useRegistry } from '../../store/registry';
import { useSession } from '../../store/session';
import { KIND_LABEL, plural } from './format';

const KINDS = Object.entries(KIND_LABEL).map(([value, label]) => ({ value, label }));

function Filterbar() {
  const filters = useArchive((s) => s.filters);
  const setFilter = useArchive((s) => s.setFilter);
  const clearFilters = useArchive((s) => s.clearFilters);
  const search = useArchive((s) => s.search);
  const sites = useRegistry((s) => s.sites).filter((s) => s.platform === 'facebook' || s.platform === 'x');
  // Choices apply at once; typed filters (author) apply with Enter, like the words.
  const choose = <K extends keyof Filters>(key: K) => (value: string) => {
    setFilter(key, value as Filters[K]);
    void search();
  };
  const active = Object.values(filters).some(Boolean);
  return (
    <fieldset className="archive-filters">
      <legend>Filters</legend>
      <SelectField label="Site" value={filters.siteId} onChange={choose('siteId')} placeholder="All sites"
        options={sites.map((s) => ({ value: String(s.id), label: s.name }))} />
      <SelectField label="Kind" value={filters.kind} onChange={choose('kind')} placeholder="Any kind" options={KINDS} />
      <TextField label="Author" value={filters.author} onChange={(v) => setFilter('author', v)} />
      <TextField label="From" type="date" value={filters.from} onChange={choose('from')} />
      <TextField label="To" type="date" value={filters.to} onChange={choose('to')} />
      <SelectField label="Deleted" value={filters.deleted} onChange={choose('deleted')} placeholder="Either"
        options={[{ value: 'yes', label: 'Gone from the platform' }, { value: 'no', label: 'Still on the platform' }]} />
      <SelectField label="Edited" value={filters.edited} onChange={choose('edited')} placeholder="Any version"
        options={[{ value: 'yes', label: 'Later versions only' }]} />
      <SelectField label="Hidden" value={filters.hidden} onChange={choose('hidden')} placeholder="Either"
        options={[{ value: 'yes', label: 'Hidden on the platform' }, { value: 'no', label: 'Not hidden' }]} />
      <p className="hint filters-hint">
        Choices apply at once; type an author&apos;s exact name and press Enter. Dates are UTC.
        {active ? <button type="button" className="link" onClick={() => { clearFilters(); void search(); }}>Clear filters</button> : null}
      </p>
    </fieldset>
  );
}

function HitButton({ hit, index, siteName }: { hit: SearchHit; index: number; siteName: string }) {
  const active = useArchive((s) => s.active);
  const setActive = useArchive((s) => s.setActive);
  const open = useArchive((s) => s.open);
  return (
    <button type="button" className="hit" id={`hit-${index}`} tabIndex={index === active ? 0 : -1} onFocus={() => setActive(index)}
      onClick={() => void open({ siteId: hit.siteId, platform: hit.platform, externalId: hit.externalId })}>
      <span className="hit-head">
        <span className="badge">{KIND_LABEL[hit.kind]}</span>
        <strong>{hit.author ?? 'Unknown author'}</strong>
        <span className="sub">{siteName} · {formatDateTime(hit.createdAt ?? hit.capturedAt)}</span>
        {hit.deleted ? <span className="badge badge-deleted">Deleted</span> : null}
        {hit.hidden ? <span className="badge badge-hidden">Hidden</span> : null}
        {hit.latestVersion > 1 ? <span className="badge badge-edited">{`Version ${hit.version} of ${hit.latestVersion}`}</span> : null}
      </span>
      <span className="hit-text">
        {hit.snippet.length === 0 ? <span className="sub">(no text)</span> : hit.snippet.map((p, k) => (p.match ? <mark key={k}>{p.text}</mark> : <span key={k}>{p.text}</span>))}
      </span>
    </button>
  );
}

function NothingArchived() {
  const overview = useArchive((s) => s.overview);
  const status = useArchive((s) => s.status);
  const canCapture = useSession((s) => s.can('archive.capture'));
  const connected = status?.sites.filter((s) => s.connected).length ?? 0;
  if (!overview || overview.objects > 0) return null;
  return (
    <EmptyState title="Nothing archived yet">
      <p>Capture copies every post, comment, reply and profile from the city&apos;s connected sites into this archive, byte for byte, as a public record (REC-1).</p>
      {connected === 0 ? (
        <p>No site is connected yet. In the <strong>Capture</strong> tab, give a Facebook Page or X account its API address, account id and token.</p>
      ) : canCapture ? (
        <p>{plural(connected, 'site is', 'sites are')} connected. Press <strong>Capture now</strong>, or wait for the schedule.</p>
      ) : (
        <p>{plural(connected, 'site is', 'sites are')} connected and captured on schedule; the Communications Manager or IT Director can also capture now.</p>
      )}
    </EmptyState>
  );
}

export function SearchPanel() {
  const { query, hits, hasMore, searching, searchError, lastSearch, active, overview } = useArchive();
  const setQuery = useArchive((s) => s.setQuery);
  const setActive = useArchive((s) => s.setActive);
  const search = useArchive((s) => s.search);
  const more = useArchive((s) => s.more);
  const sites = useRegistry((s) => s.sites);
  const input = useRef<HTMLInputElement>(null);
  const names = new Map(sites.map((s) => [s.id, s.name]));

  useEffect(() => {
    if (!lastSearch) void search();
  }, [lastSearch, search]);

  // "/" comes back to the search box from anywhere in the Archive, as in mail and chat clients.
  useEffect(() => {
    const onKey = (e: globalThis.KeyboardEvent) => {
      const el = e.target as HTMLElement | null;
      if (e.key !== '/' || e.altKey || e.ctrlKey || e.metaKey || (el && ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName))) return;
      e.preventDefault();
      input.current?.focus();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void search();
  };
  const onListKey = (e: KeyboardEvent<HTMLOListElement>) => {
    const step = e.key === 'ArrowDown' || e.key === 'j' ? 1 : e.key === 'ArrowUp' || e.key === 'k' ? -1 : 0;
    const to = e.key === 'Home' ? 0 : e.key === 'End' ? hits.length - 1 : active + step;
    if ((step === 0 && e.key !== 'Home' && e.key !== 'End') || hits.length === 0) return;
    e.preventDefault();
    const next = Math.min(Math.max(to, 0), hits.length - 1);
    setActive(next);
    document.getElementById(`hit-${next}`)?.focus();
  };

  return (
    <div className="archive-search">
      <form role="search" aria-label="Search the archive" onSubmit={onSubmit}>
        <label htmlFor="archive-q" className="search-label">Search the archive</label>
        <div className="search-row">
          <input id="archive-q" ref={input} type="search" value={query} onChange={(e) => setQuery(e.target.value)}
            aria-describedby="archive-q-hint" aria-keyshortcuts="/" autoComplete="off" />
          <button type="submit" disabled={searching}>Search</button>
        </div>
        <p id="archive-q-hint" className="hint">Every word must match. &quot;Quotes&quot; find a phrase, word* a prefix. Press / to come back here.</p>
        <Filterbar />
      </form>
      {searchError ? <p className="form-error" role="alert">{searchError}</p> : null}
      <NothingArchived />
      {overview && overview.objects > 0 ? (
        <section aria-labelledby="results-title" className="results">
          <div className="toolbar">
            <h2 id="results-title" className="section-title">{lastSearch?.query ? 'Results' : 'Latest records'}</h2>
            <p className="sub" role="status">{searching ? 'Searching…' : `${plural(hits.length, 'result')}${hasMore ? ', more below' : ''}`}</p>
          </div>
          {hits.length === 0 && !searching ? (
            <EmptyState title="No records match"><p>Try fewer words, a prefix like <kbd>plow*</kbd>, or clear the filters.</p></EmptyState>
          ) : (
            <>
              <p className="hint" id="hits-help">j and k (or the arrow keys) move through the results; Enter opens one.</p>
              <ol className="hits" aria-labelledby="results-title" aria-describedby="hits-help" onKeyDown={onListKey}>
                {hits.map((h, i) => (
                  <li key={`${h.entryType}-${h.entryId}`}><HitButton hit={h} index={i} siteName={names.get(h.siteId) ?? `Site ${h.siteId}`} /></li>
                ))}
              </ol>
              {hasMore ? <button type="button" className="secondary" onClick={() => void more()} disabled={searching}>More results</button> : null}
            </>
          )}
        </section>
      ) : null}
    </div>
  );
}
