import { useEffect, useState, type KeyboardEvent } from 'react';
import { useArchive } from '../../store/archive';
import { CaptureTab } from './CaptureTab';
import { RecordPage } from './RecordPage';
import { SearchPanel } from './SearchPanel';
import { CapturePanel, IntegrityPanel } from './SidePanels';

const TABS = [
  { key: 'search', label: 'Search' },
  { key: 'capture', label: 'Capture schedule and log' },
] as const;
type Tab = (typeof TABS)[number]['key'];

/** Status is asked for often while a capture runs (the progress bar), rarely otherwise (the schedule). */
function useCapturePolling() {
  const running = useArchive((s) => s.status?.running ?? false);
  const refreshStatus = useArchive((s) => s.refreshStatus);
  useEffect(() => {
    void refreshStatus();
    const timer = setInterval(() => void refreshStatus(), running ? 400 : 5000);
    return () => clearInterval(timer);
  }, [running, refreshStatus]);
}

export function ArchiveView() {
  const [tab, setTab] = useState<Tab>('search');
  const selected = useArchive((s) => s.selected);
  const refreshOverview = useArchive((s) => s.refreshOverview);
  const refreshLog = useArchive((s) => s.refreshLog);
  useCapturePolling();
  useEffect(() => {
    void refreshOverview();
    void refreshLog();
  }, [refreshOverview, refreshLog]);

  const onTabKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const next = TABS.find((t) => t.key !== tab);
    if (next) {
      setTab(next.key);
      document.getElementById(`archive-tab-${next.key}`)?.focus();
    }
  };

  return (
    <section className="view archive">
      <header className="view-head"><h1>Archive</h1></header>
      <div role="tablist" aria-label="Archive" className="tabs" onKeyDown={onTabKey}>
        {TABS.map((t) => (
          <button key={t.key} id={`archive-tab-${t.key}`} type="button" role="tab" aria-selected={tab === t.key}
            aria-controls={`archive-panel-${t.key}`} tabIndex={tab === t.key ? 0 : -1} onClick={() => setTab(t.key)}>{t.label}</button>
        ))}
      </div>
      <div className="split">
        <div role="tabpanel" id={`archive-panel-${tab}`} aria-labelledby={`archive-tab-${tab}`} className="grow">
          {tab === 'search' ? (selected ? <RecordPage /> : <SearchPanel />) : <CaptureTab />}
        </div>
        <aside className="panel archive-side" aria-label="Archive integrity and capture">
          <CapturePanel />
          <IntegrityPanel />
        </aside>
      </div>
    </section>
  );
}
