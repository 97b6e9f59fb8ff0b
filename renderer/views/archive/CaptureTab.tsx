import { useState } from 'react';
import type { ConnectionView } from '../../../preload/contract';
import { call } from '../../api';
import { Badge, EmptyState, formatDateTime, FormError, useAction } from '../../components/common';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { useArchive } from '../../store/archive';
import { useSession } from '../../store/session';
import { minutesLabel } from './format';

const INTERVALS = [0, 5, 15, 30, 60, 120, 360, 720, 1440, 10_080];

function ConnectionDialog({ site, onClose }: { site: ConnectionView; onClose(): void }) {
  const refreshLog = useArchive((s) => s.refreshLog);
  const refreshStatus = useArchive((s) => s.refreshStatus);
  const c = site.connection;
  const [form, setForm] = useState({ baseUrl: c?.baseUrl ?? '', accountId: c?.accountId ?? '', minutes: String(c?.captureMinutes ?? 60), token: '' });
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const intervals = INTERVALS.includes(Number(form.minutes)) ? INTERVALS : [...INTERVALS, Number(form.minutes)].sort((a, b) => a - b);
  const action = useAction(async () => {
    await call('capture.setConnection', {
      siteId: site.siteId, baseUrl: form.baseUrl, accountId: form.accountId, captureMinutes: Number(form.minutes),
      ...(form.token.trim() ? { token: form.token.trim() } : {}),
    });
    await Promise.all([refreshLog(), refreshStatus()]);
    onClose();
    return `${site.siteName}: ${minutesLabel(Number(form.minutes)).toLowerCase()}.`;
  });
  return (
    <Dialog title={`Capture of ${site.siteName}`} open onClose={onClose}>
      <form noValidate onSubmit={(e) => { e.preventDefault(); void action.run(); }}>
        <SelectField label="Capture" value={form.minutes} onChange={set('minutes')}
          options={intervals.map((m) => ({ value: String(m), label: minutesLabel(m) }))}
          hint="While the app is open. The command line (civicdesk capture) can run from the OS scheduler too." />
        <TextField label="API address" value={form.baseUrl} onChange={set('baseUrl')} required
          hint={site.platform === 'facebook' ? 'https://graph.facebook.com/v21.0' : 'https://api.x.com'} />
        <TextField label="Account id" value={form.accountId} onChange={set('accountId')} required
          hint={site.platform === 'facebook' ? 'The Page\u2019s numeric id.' : 'The account\u2019s numeric user id.'} />
        <TextField label="API token" type="password" value={form.token} onChange={set('token')}
          hint={site.hasToken ? 'A token is in the keychain; leave empty to keep it.' : 'Kept only in the operating system keychain, never shown again.'} />
        <FormError error={action.error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>Cancel</button>
          <button type="submit" disabled={action.busy}>{action.busy ? 'Saving…' : 'Save'}</button>
        </div>
      </form>
    </Dialog>
  );
}

function tokenText(c: ConnectionView): string {
  if (c.hasToken === null) return 'Keychain not available';
  return c.hasToken ? 'In the keychain' : 'Missing';
}

export function CaptureTab() {
  const { connections, runs, status } = useArchive();
  const startCapture = useArchive((s) => s.startCapture);
  const canManage = useSession((s) => s.can('registry.manage'));
  const canCapture = useSession((s) => s.can('archive.capture'));
  const [editing, setEditing] = useState<ConnectionView | null>(null);
  const next = new Map(status?.sites.map((s) => [s.siteId, s.nextDueAt]) ?? []);
  return (
    <div className="capture-tab">
      <h2 className="section-title">Sites and schedule</h2>
      {connections.length === 0 ? (
        <EmptyState title="No Facebook Page or X account in the registry"><p>Add the city&apos;s sites in the Registry first; Facebook Pages and X accounts can be captured.</p></EmptyState>
      ) : (
        <table className="table">
          <caption className="sr-only">Sites that can be captured, how and how often</caption>
          <thead><tr><th scope="col">Site</th><th scope="col">Connection</th><th scope="col">Token</th><th scope="col">Schedule</th><th scope="col">Next capture</th><th scope="col"><span className="sr-only">Actions</span></th></tr></thead>
          <tbody>
            {connections.map((c) => (
              <tr key={c.siteId}>
                <td>{c.siteName}<div className="sub">{c.platformName} · <Badge value={c.status} /></div></td>
                <td>{c.connection ? <><span className="mono">{c.connection.baseUrl}</span><div className="sub">Account {c.connection.accountId}</div></> : 'Not connected'}</td>
                <td>{tokenText(c)}</td>
                <td>{c.connection ? minutesLabel(c.connection.captureMinutes) : '—'}</td>
                <td>{next.get(c.siteId) ? formatDateTime(next.get(c.siteId) ?? '') : '—'}</td>
                <td><div className="row-actions">
                  {canManage ? <button type="button" className="secondary" aria-label={`Change capture of ${c.siteName}`} onClick={() => setEditing(c)}>Change</button> : null}
                  {canCapture && c.connection ? (
                    <button type="button" className="secondary" aria-label={`Capture ${c.siteName} now`} disabled={status?.running} onClick={() => void startCapture(c.siteId)}>Capture</button>
                  ) : null}
                </div></td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h2 className="section-title">Capture log</h2>
      {runs.length === 0 ? (
        <EmptyState title="No captures yet"><p>Each capture, by hand or on schedule, is logged here with what it found and any error.</p></EmptyState>
      ) : (
        <table className="table capture-log">
          <caption className="sr-only">Capture runs, newest first</caption>
          <thead><tr><th scope="col">Started</th><th scope="col">Site</th><th scope="col">Result</th><th scope="col">New</th><th scope="col">Versions</th><th scope="col">Unchanged</th><th scope="col">Deletions</th><th scope="col">Note</th></tr></thead>
          <tbody>
            {runs.map((r) => (
              <tr key={r.id}>
                <td>{formatDateTime(r.startedAt)}</td>
                <td>{r.siteName}</td>
                <td><span className={`badge badge-run-${r.status}`}>{r.status === 'succeeded' ? 'Finished' : r.status === 'running' ? 'Running' : r.status === 'interrupted' ? 'Interrupted' : 'Failed'}</span></td>
                <td>{r.newCount}</td>
                <td>{r.versionCount}</td>
                <td>{r.unchangedCount}</td>
                <td>{r.deletionCount}</td>
                <td>{[r.error, r.resumedFrom !== null ? `Continued run ${r.resumedFrom}.` : null].filter(Boolean).join(' ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {editing ? <ConnectionDialog site={editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
