import { EmptyState } from '../components/common';
import { useRegistry } from '../store/registry';
import { useUi } from '../store/ui';

/** The CM's day starts here; in this release the only items that can wait are compliance findings. */
export function InboxView() {
  const findings = useRegistry((s) => s.findings);
  const loaded = useRegistry((s) => s.loaded);
  const go = useUi((s) => s.go);
  return (
    <section className="view">
      <header className="view-head"><h1>Inbox</h1></header>
      {!loaded ? <p role="status">Loading…</p> : findings.length === 0 ? (
        <EmptyState title="Nothing is waiting for you">
          <p>Every site in the registry meets the policy. Submissions, comments to moderate and records requests will appear here as those parts of the app arrive.</p>
        </EmptyState>
      ) : (
        <>
          <h2 className="section-title">Compliance findings <span className="count">{findings.length}</span></h2>
          <ul className="inbox-list">
            {findings.map((f, i) => (
              <li key={`${f.kind}-${f.siteId ?? 'p'}-${i}`} className="inbox-item">
                <span className="req">{f.requirement}</span>
                <span>{f.message}</span>
              </li>
            ))}
          </ul>
          <button type="button" onClick={() => go('registry')}>Open the registry to resolve them</button>
        </>
      )}
    </section>
  );
}
