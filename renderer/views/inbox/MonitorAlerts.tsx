import { useCallback, useEffect, useState } from 'react';
import type { MonitorAlert } from '../../../preload/contract';
import { call, messageOf } from '../../api';
import { FormError, formatDateTime, useAction } from '../../components/common';
import { TextField } from '../../components/Field';
import { useRegistry } from '../../store/registry';
import { useSession } from '../../store/session';

function AlertRow({ alert, onCleared }: { alert: MonitorAlert; onCleared(): void }) {
  const canClear = useSession((s) => s.can('monitor.clear'));
  const [note, setNote] = useState('');
  const [clearing, setClearing] = useState(false);
  const [mailto, setMailto] = useState<string | null>(null);
  const email = useAction(async () => {
    const prepared = await call('monitor.email', { alertId: alert.id });
    setMailto(prepared.mailto);
    return prepared.to.length ? `Email to ${prepared.to.map((t) => t.name).join(', ')} prepared: open it below.` : 'Email prepared, but the registry has no IT Director to send it to.';
  });
  const clear = useAction(async () => {
    await call('monitor.clear', { alertId: alert.id, note });
    onCleared();
    return 'Alert cleared.';
  });
  return (
    <li className="monitor-alert">
      <p><strong>{alert.siteName}</strong>: {alert.summary} <span className="sub">({formatDateTime(alert.raisedAt)})</span></p>
      <div className="actions start">
        <button type="button" className="secondary" disabled={email.busy} onClick={() => void email.run()}>Prepare email to the IT Director</button>
        {mailto ? <a href={mailto}>Open the email</a> : null}
        {canClear && !clearing ? <button type="button" onClick={() => setClearing(true)}>Clear…</button> : null}
      </div>
      {clearing ? (
        <form noValidate onSubmit={(e) => { e.preventDefault(); if (note.trim()) void clear.run(); else clear.setError('Say what you found and did.'); }}>
          <TextField label="What you found and did" value={note} onChange={setNote} autoFocus />
          <button type="submit" disabled={clear.busy}>Clear the alert</button>
        </form>
      ) : null}
      <FormError error={email.error ?? clear.error} />
    </li>
  );
}

/**
 * SEC-7: a site that looks vandalized is suspended and waits here, at the very top, until the IT
 * Director has looked at it and cleared it.
 */
export function MonitorAlerts() {
  const canSee = useSession((s) => s.can('audit.read'));
  const refreshRegistry = useRegistry((s) => s.refresh);
  const [alerts, setAlerts] = useState<MonitorAlert[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    call('monitor.alerts', {}).then((v) => { setAlerts(v.open); setError(null); }, (err: unknown) => setError(messageOf(err)));
  }, []);
  useEffect(() => {
    if (!canSee) return;
    load();
    const timer = setInterval(load, 30_000);
    return () => clearInterval(timer);
  }, [canSee, load]);
  if (!canSee || (alerts.length === 0 && !error)) return null;
  return (
    <section className="alerts vandalism" aria-labelledby="vandalism-title">
      <h2 id="vandalism-title" className="section-title">Possible vandalism: sites suspended <span className="count">{alerts.length}</span></h2>
      <FormError error={error} />
      <ul className="alert-list">
        {alerts.map((a) => <AlertRow key={a.id} alert={a} onCleared={() => { load(); void refreshRegistry(); }} />)}
      </ul>
    </section>
  );
}
