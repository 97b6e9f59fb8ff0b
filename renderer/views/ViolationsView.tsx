import { useCallback, useEffect, useState } from 'react';
import type { ViolationReport } from '../../preload/contract';
import { call, messageOf } from '../api';
import { Badge, EmptyState, FormError, formatDateTime, useAction } from '../components/common';
import { CheckField, SelectField, TextArea, TextField } from '../components/Field';
import { useRegistry } from '../store/registry';
import { useSession } from '../store/session';

function StepForm({ report, onDone }: { report: ViolationReport; onDone(): Promise<void> }) {
  const [step, setStep] = useState('');
  const [close, setClose] = useState(false);
  const action = useAction(async () => {
    await call('violations.step', { reportId: report.id, step, close });
    setStep('');
    setClose(false);
    await onDone();
    return close ? 'Report closed.' : 'Action step recorded.';
  });
  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); if (step.trim()) void action.run(); else action.setError('Describe the action step.'); }}>
      <TextField label="Action step taken" value={step} onChange={setStep} />
      <CheckField label="This closes the report" checked={close} onChange={setClose} />
      <button type="submit" disabled={action.busy}>Record step</button>
      <FormError error={action.error} />
    </form>
  );
}

/** VIO-1: anyone reports; the CM or City Manager tracks each report to the steps taken. */
export function ViolationsView() {
  const sites = useRegistry((s) => s.sites);
  const canManage = useSession((s) => s.can('violation.manage'));
  const [reports, setReports] = useState<ViolationReport[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [form, setForm] = useState({ summary: '', details: '', siteId: '' });
  const load = useCallback(async () => {
    try {
      setReports(await call('violations.list'));
    } catch (err) {
      setLoadError(messageOf(err));
    }
  }, []);
  useEffect(() => {
    let live = true;
    call('violations.list').then((r) => { if (live) setReports(r); }, (err: unknown) => { if (live) setLoadError(messageOf(err)); });
    return () => { live = false; };
  }, []);
  const report = useAction(async () => {
    await call('violations.report', { summary: form.summary, details: form.details, siteId: form.siteId ? Number(form.siteId) : null });
    setForm({ summary: '', details: '', siteId: '' });
    await load();
    return 'Report recorded and sent to the Communications Manager.';
  });
  return (
    <div className="split">
      <div className="grow">
        <h2 className="section-title">Violation reports</h2>
        <FormError error={loadError} />
        {reports === null ? <p role="status">Loading…</p> : reports.length === 0 ? <EmptyState title="No violation reports" /> : (
          <ul className="reports">
            {reports.map((r) => (
              <li key={r.id} className="card">
                <h3>{r.summary} <Badge value={r.status} /></h3>
                <p className="sub">Reported by {r.reportedBy}, {formatDateTime(r.reportedAt)}{r.siteName ? ` · ${r.siteName}` : ''}</p>
                {r.details ? <p>{r.details}</p> : null}
                {r.steps.length > 0 ? <ol>{r.steps.map((s) => <li key={s.id}>{s.step} <span className="sub">({s.actor}, {formatDateTime(s.at)})</span></li>)}</ol> : null}
                {canManage && r.status !== 'closed' ? <StepForm report={r} onDone={load} /> : null}
              </li>
            ))}
          </ul>
        )}
      </div>
      <aside className="panel" aria-labelledby="report-title">
        <h2 id="report-title">Report a violation</h2>
        <form noValidate onSubmit={(e) => { e.preventDefault(); if (form.summary.trim()) void report.run(); else report.setError('Say in a line what happened.'); }}>
          <TextField label="What happened" required value={form.summary} onChange={(v) => setForm((f) => ({ ...f, summary: v }))} />
          <SelectField label="Site" value={form.siteId} onChange={(v) => setForm((f) => ({ ...f, siteId: v }))} placeholder="Not about one site"
            options={sites.map((s) => ({ value: String(s.id), label: s.name }))} />
          <TextArea label="Details" value={form.details} onChange={(v) => setForm((f) => ({ ...f, details: v }))} />
          <button type="submit" disabled={report.busy}>Send report</button>
          <FormError error={report.error} />
        </form>
      </aside>
    </div>
  );
}
