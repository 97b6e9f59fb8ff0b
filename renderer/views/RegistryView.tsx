import { useState, type KeyboardEvent } from 'react';
import { useSession } from '../store/session';
import { AuditView } from './AuditView';
import { PeopleView } from './PeopleView';
import { SitesView } from './SitesView';
import { ViolationsView } from './ViolationsView';

const TABS = [
  { key: 'sites', label: 'Sites' },
  { key: 'people', label: 'People' },
  { key: 'violations', label: 'Violation reports' },
  { key: 'audit', label: 'Audit log' },
] as const;
type Tab = (typeof TABS)[number]['key'];

export function RegistryView() {
  const [tab, setTab] = useState<Tab>('sites');
  const canAudit = useSession((s) => s.can('audit.read'));
  const tabs = TABS.filter((t) => t.key !== 'audit' || canAudit);
  // Arrow keys move between tabs, as the ARIA tabs pattern expects.
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const i = tabs.findIndex((t) => t.key === tab);
    const next = tabs[(i + (e.key === 'ArrowRight' ? 1 : tabs.length - 1)) % tabs.length];
    if (next) {
      setTab(next.key);
      document.getElementById(`tab-${next.key}`)?.focus();
    }
  };
  return (
    <section className="view">
      <header className="view-head"><h1>Registry</h1></header>
      <div role="tablist" aria-label="Registry" className="tabs" onKeyDown={onKey}>
        {tabs.map((t) => (
          <button key={t.key} id={`tab-${t.key}`} type="button" role="tab" aria-selected={tab === t.key}
            aria-controls={`panel-${t.key}`} tabIndex={tab === t.key ? 0 : -1} onClick={() => setTab(t.key)}>{t.label}</button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tabpanel">
        {tab === 'sites' ? <SitesView /> : null}
        {tab === 'people' ? <PeopleView /> : null}
        {tab === 'violations' ? <ViolationsView /> : null}
        {tab === 'audit' ? <AuditView /> : null}
      </div>
    </section>
  );
}
