import { useEffect } from 'react';
import { Toasts } from '../components/Toasts';
import { useRegistry } from '../store/registry';
import { useSession } from '../store/session';
import { AREAS, useUi, type Area } from '../store/ui';
import { AreaPlaceholder } from './AreaPlaceholder';
import { ArchiveView } from './archive/ArchiveView';
import { InboxView } from './InboxView';
import { ModerationView } from './moderation/ModerationView';
import { RegistryView } from './RegistryView';
import { SettingsView } from './SettingsView';
import { VaultView } from './vault/VaultView';

const LABELS: Record<Area, string> = {
  inbox: 'Inbox', submissions: 'Submissions', moderation: 'Moderation', registry: 'Registry', archive: 'Archive',
  records: 'Records', vault: 'Vault', settings: 'Settings',
};

function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return Boolean(el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)));
}

/** Alt+1…8 moves between areas from anywhere, like a mail client's folder shortcuts. */
function useAreaShortcuts(go: (a: Area) => void) {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      const n = Number(e.key);
      const area = Number.isInteger(n) && n >= 1 ? AREAS[n - 1] : undefined;
      if (area) {
        e.preventDefault();
        go(area);
        document.getElementById('main')?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [go]);
}

export function Shell() {
  const area = useUi((s) => s.area);
  const go = useUi((s) => s.go);
  const owner = useSession((s) => s.info?.owner);
  const demo = useSession((s) => s.info?.workspace.demo);
  const findings = useRegistry((s) => s.findings.length);
  const refresh = useRegistry((s) => s.refresh);
  useAreaShortcuts(go);
  useEffect(() => { void refresh(); }, [refresh]);

  return (
    <div className="shell">
      <a className="skip" href="#main">Skip to content</a>
      <nav className="nav" aria-label="Areas">
        <div className="brand">Civic Social Desk{demo ? <span className="demo-tag">Demo</span> : null}</div>
        <ul>
          {AREAS.map((a, i) => (
            <li key={a}>
              <button type="button" className={a === area ? 'nav-item current' : 'nav-item'} aria-current={a === area ? 'page' : undefined}
                aria-keyshortcuts={`Alt+${i + 1}`} onClick={() => go(a)}>
                <span>{LABELS[a]}</span>
                {a === 'registry' && findings > 0 ? <span className="count" aria-label={`${findings} compliance findings`}>{findings}</span> : null}
                <kbd aria-hidden="true">Alt {i + 1}</kbd>
              </button>
            </li>
          ))}
        </ul>
        {owner ? <p className="acting">Acting as<br /><strong>{owner.name}</strong><br />{owner.roleName}</p> : null}
      </nav>
      <main id="main" tabIndex={-1} aria-label={LABELS[area]}>
        {area === 'inbox' ? <InboxView /> : null}
        {area === 'registry' ? <RegistryView /> : null}
        {area === 'archive' ? <ArchiveView /> : null}
        {area === 'settings' ? <SettingsView /> : null}
        {area === 'vault' ? <VaultView /> : null}
        {area === 'moderation' ? <ModerationView /> : null}
        {area === 'submissions' || area === 'records' ? <AreaPlaceholder area={area} title={LABELS[area]} /> : null}
      </main>
      <Toasts />
    </div>
  );
}
