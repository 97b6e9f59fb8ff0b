import { useEffect, useId, useState } from 'react';
import type { InboxCounts, PolicySummary } from '../../../preload/contract';
import { useInbox, type InboxFilters, type Label, type StateFilter, type Verdict } from '../../store/inbox';
import { useRegistry } from '../../store/registry';
import { ALL_LABELS, CLAUSE_NAME, STATE_LABEL, VERDICT_LABEL } from './labels';

function Select({ label, value, onChange, options }: { label: string; value: string; onChange(v: string): void; options: [string, string][] }) {
  const id = useId();
  return (
    <div className="filter">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value} onChange={(e) => onChange(e.target.value)}>
        {options.map(([v, l]) => <option key={v} value={v}>{l}</option>)}
      </select>
    </div>
  );
}

const STATES: StateFilter[] = ['waiting', 'open', 'with_attorney', 'allowed', 'hidden', 'removed', 'replied', 'gone', 'all'];

/** Site, verdict, clause and state filters and a search box; the search waits for a pause in typing. */
export function Filters({ policy }: { policy: PolicySummary | null }) {
  const filters = useInbox((s) => s.filters);
  const setFilters = useInbox((s) => s.setFilters);
  const sites = useRegistry((s) => s.sites);
  const [text, setText] = useState(filters.text);
  const searchId = useId();
  useEffect(() => {
    if (text === useInbox.getState().filters.text) return;
    const timer = setTimeout(() => void setFilters({ text }), 250);
    return () => clearTimeout(timer);
  }, [text, setFilters]);
  const patch = (p: Partial<InboxFilters>) => void setFilters(p);
  const clause = (l: Label) => policy?.clauses.find((c) => c.label === l)?.clause;
  return (
    <form className="filters" role="search" aria-label="Filter the inbox" onSubmit={(e) => { e.preventDefault(); void setFilters({ text }); }}>
      <div className="filter filter-search">
        <label htmlFor={searchId}>Search</label>
        <input id={searchId} type="search" value={text} placeholder="Words or author" onChange={(e) => setText(e.target.value)} />
      </div>
      <Select label="Site" value={filters.siteId === null ? '' : String(filters.siteId)} onChange={(v) => patch({ siteId: v ? Number(v) : null })}
        options={[['', 'All sites'], ...sites.filter((s) => s.platform === 'facebook' || s.platform === 'x').map((s): [string, string] => [String(s.id), s.name])]} />
      <Select label="Verdict" value={filters.verdict ?? ''} onChange={(v) => patch({ verdict: v ? (v as Verdict) : null })}
        options={[['', 'Any verdict'], ...(Object.entries(VERDICT_LABEL) as [string, string][])]} />
      <Select label="Clause" value={filters.label ?? ''} onChange={(v) => patch({ label: v ? (v as Label) : null })}
        options={[['', 'Any clause'], ...ALL_LABELS.map((l): [string, string] => [l, `${clause(l) ? `${clause(l)} ` : ''}${CLAUSE_NAME[l]}`])]} />
      <Select label="State" value={filters.state} onChange={(v) => patch({ state: v as StateFilter })}
        options={STATES.map((s): [string, string] => [s, STATE_LABEL[s]])} />
    </form>
  );
}

/** The numbers a CM plans the day by: what waits, and what the screener thinks of what is open. */
export function Counts({ counts }: { counts: InboxCounts | null }) {
  if (!counts) return null;
  const state = (s: string) => counts.byState[s] ?? 0;
  const verdict = (v: Verdict) => counts.byVerdict[v] ?? 0;
  return (
    <p className="counts" aria-live="polite">
      <strong>{state('open') + state('with_attorney')}</strong> waiting ({state('open')} open, {state('with_attorney')} with the City Attorney)
      {' · '}open by verdict: {verdict('remove')} remove, {verdict('needs_review')} to review, {verdict('redirect')} to refer, {verdict('allow')} allow
      {' · '}{state('hidden')} hidden, {state('removed')} removed, {state('allowed')} allowed, {state('replied')} replied · {counts.total} in all
    </p>
  );
}
