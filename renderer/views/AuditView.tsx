import { useCallback, useEffect, useState } from 'react';
import type { AuditEntry } from '../../preload/contract';
import { call, messageOf } from '../api';
import { EmptyState, FormError, formatDateTime } from '../components/common';

const PAGE = 100;

/** Every change with who, when, before and after, newest first, paged by id. */
export function AuditView() {
  const [entries, setEntries] = useState<AuditEntry[]>([]);
  const [done, setDone] = useState(false);
  const [loading, setLoading] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const loadOlder = useCallback(async (before: number | undefined) => {
    setLoading(true);
    try {
      const page = await call('audit.list', { limit: PAGE, ...(before ? { before } : {}) });
      setEntries((e) => [...e, ...page]);
      setDone(page.length < PAGE);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setLoading(false);
    }
  }, []);
  useEffect(() => {
    let live = true;
    call('audit.list', { limit: PAGE }).then((page) => {
      if (!live) return;
      setEntries(page);
      setDone(page.length < PAGE);
      setLoading(false);
    }, (err: unknown) => {
      if (!live) return;
      setError(messageOf(err));
      setLoading(false);
    });
    return () => { live = false; };
  }, []);
  return (
    <div>
      <h2 className="section-title">Audit log</h2>
      <FormError error={error} />
      {!loading && entries.length === 0 ? <EmptyState title="No changes recorded yet" /> : (
        <table className="table audit">
          <caption className="sr-only">Audit log, newest first</caption>
          <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Change</th></tr></thead>
          <tbody>
            {entries.map((e) => (
              <tr key={e.id}>
                <td>{formatDateTime(e.at)}</td>
                <td>{e.actorName ?? 'System'}</td>
                <td><span className="mono">{e.action}</span><div className="sub">{e.entity}{e.entityId ? ` ${e.entityId}` : ''}</div></td>
                <td>
                  <details>
                    <summary>Before and after</summary>
                    <div className="diff">
                      <pre aria-label="Before">{e.before === null ? '—' : JSON.stringify(e.before, null, 2)}</pre>
                      <pre aria-label="After">{e.after === null ? '—' : JSON.stringify(e.after, null, 2)}</pre>
                    </div>
                  </details>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!done && entries.length > 0 ? <button type="button" className="secondary" disabled={loading} onClick={() => void loadOlder(entries.at(-1)?.id)}>Load older entries</button> : null}
      {loading ? <p role="status">Loading…</p> : null}
    </div>
  );
}
