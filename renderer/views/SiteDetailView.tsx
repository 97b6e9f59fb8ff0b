import { useState } from 'react';
import type { SiteDetail } from '../../preload/contract';
import { call } from '../api';
import { Badge, formatDate, FormError, useAction } from '../components/common';
import { SelectField, TextField } from '../components/Field';
import { useRegistry } from '../store/registry';
import { useSession } from '../store/session';
import { ApprovalDialog, type ApprovalSubject } from './ApprovalDialog';
import { SiteSecurity } from './SiteSecurity';

function StatusActions({ site }: { site: SiteDetail }) {
  const applySite = useRegistry((s) => s.applySite);
  const can = useSession((s) => s.can);
  const [note, setNote] = useState('');
  const action = useAction(async (status: SiteDetail['status']) => {
    await applySite(await call('registry.sites.setStatus', { id: site.id, status, note }));
    setNote('');
    return `${site.name} is now ${status}.`;
  });
  const moves: { status: SiteDetail['status']; label: string; allowed: boolean }[] = [
    { status: 'active', label: site.status === 'suspended' ? 'Return to use' : 'Activate', allowed: (site.status === 'approved' || site.status === 'suspended') && can('registry.manage') },
    { status: 'suspended', label: 'Suspend', allowed: site.status === 'active' && can('site.suspend') },
    { status: 'retired', label: 'Retire', allowed: site.status !== 'retired' && can('registry.manage') },
  ];
  const available = moves.filter((m) => m.allowed);
  if (available.length === 0) return null;
  return (
    <div className="status-actions">
      <TextField label="Reason (needed to suspend or retire)" value={note} onChange={setNote} />
      <div className="actions">
        {available.map((m) => (
          <button key={m.status} type="button" className={m.status === 'active' ? '' : 'secondary'} disabled={action.busy} onClick={() => void action.run(m.status)}>{m.label}</button>
        ))}
      </div>
      <FormError error={action.error} />
    </div>
  );
}

function Admins({ site, onApprove }: { site: SiteDetail; onApprove(t: ApprovalSubject): void }) {
  const { people, applySite } = useRegistry();
  const can = useSession((s) => s.can);
  const [personId, setPersonId] = useState('');
  const [touched, setTouched] = useState(false);
  const request = useAction(async (id: number, act: 'add' | 'remove') => {
    await applySite(await call('registry.admins.request', { siteId: site.id, personId: id, action: act }));
    setPersonId('');
    setTouched(false);
    return act === 'add' ? 'Request recorded; it takes effect when the City Manager\u2019s approval is recorded.' : 'Removal requested; it takes effect when approved.';
  });
  const cancel = useAction(async (changeId: number) => {
    await applySite(await call('registry.admins.cancel', { changeId }));
    return 'Request cancelled.';
  });
  const pending = site.adminChanges.filter((c) => c.state === 'pending');
  const candidates = people.filter((p) => p.active && !site.admins.some((a) => a.personId === p.id) && !pending.some((c) => c.personId === p.id));
  return (
    <section className="card" aria-labelledby="admins-title">
      <h2 id="admins-title">Administrators</h2>
      {site.admins.length === 0 ? <p>No approved administrators.</p> : (
        <ul className="plain">
          {site.admins.map((a) => (
            <li key={a.personId}>
              {a.name} <span className="sub">({people.find((p) => p.id === a.personId)?.roleName ?? a.role})</span>
              {can('registry.manage') && site.status !== 'retired' ? <button type="button" className="link" onClick={() => void request.run(a.personId, 'remove')}>Request removal</button> : null}
            </li>
          ))}
        </ul>
      )}
      {pending.length > 0 ? (
        <>
          <h3>Awaiting the City Manager&apos;s approval</h3>
          <ul className="plain">
            {pending.map((c) => (
              <li key={c.id}>
                {c.action === 'add' ? 'Add' : 'Remove'} {c.personName}
                {can('approval.record') ? <button type="button" className="link" onClick={() => onApprove({ subject: 'admin_change', subjectId: c.id, what: `${c.action === 'add' ? 'add' : 'remove'} ${c.personName} as administrator` })}>Record approval</button> : null}
                {can('registry.manage') ? <button type="button" className="link" onClick={() => void cancel.run(c.id)}>Cancel request</button> : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {can('registry.manage') && site.status !== 'retired' && site.status !== 'proposed' ? (
        <form className="inline-form" noValidate onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (personId) void request.run(Number(personId), 'add');
        }}>
          <SelectField label="Add an administrator" value={personId} onChange={setPersonId} placeholder="Choose a person…"
            error={touched && !personId ? 'Choose a person.' : null}
            options={candidates.map((p) => ({ value: String(p.id), label: `${p.name} (${p.roleName})` }))} />
          <button type="submit" disabled={request.busy}>Request</button>
        </form>
      ) : null}
      <FormError error={request.error ?? cancel.error} />
    </section>
  );
}

export function SiteDetailView() {
  const site = useRegistry((s) => s.detail);
  const findings = useRegistry((s) => s.findings);
  const openSite = useRegistry((s) => s.openSite);
  const canRecord = useSession((s) => s.can('approval.record'));
  const [approving, setApproving] = useState<ApprovalSubject | null>(null);
  if (!site) return null;
  const own = findings.filter((f) => f.siteId === site.id);
  return (
    <div className="detail">
      <button type="button" className="link back" aria-label="Back to all sites" aria-keyshortcuts="Escape" onClick={() => void openSite(null)}><span aria-hidden="true">← </span>All sites</button>
      <header className="detail-head">
        <h2>{site.name} <Badge value={site.status} /></h2>
        <p className="sub">{site.platformName} · @{site.handle}{site.url ? <> · <a href={site.url} target="_blank" rel="noreferrer">{site.url}</a></> : null}</p>
        {site.purpose ? <p>{site.purpose}</p> : null}
      </header>
      {own.length > 0 ? (
        <ul className="findings" aria-label="Findings for this site">
          {own.map((f, i) => <li key={i} data-requirement={f.requirement}><span className="req">{f.requirement}</span> {f.message}</li>)}
        </ul>
      ) : <p className="ok">This site meets every registry requirement.</p>}
      <div className="cards">
        <section className="card" aria-labelledby="approval-title">
          <h2 id="approval-title">Approval</h2>
          {site.approval ? (
            <p>Approved by {site.approval.approverName} on {formatDate(site.approval.approvedOn)}; recorded by {site.approval.recordedBy}.<br />
              Evidence: {site.approval.evidence.fileName} <span className="sub mono">sha256 {site.approval.evidence.sha256.slice(0, 16)}…</span></p>
          ) : <p>Not yet approved by the City Manager (REG-2).</p>}
          {site.status === 'proposed' && canRecord ? (
            <button type="button" onClick={() => setApproving({ subject: 'site', subjectId: site.id, what: site.name })}>Record City Manager&apos;s approval</button>
          ) : null}
          <StatusActions site={site} />
        </section>
        <Admins site={site} onApprove={setApproving} />
        <SiteSecurity key={`${site.id}:${site.twofaEnabled}:${site.policyLinked}:${site.policyUrl ?? ''}`} site={site} />
      </div>
      <ApprovalDialog target={approving} onClose={() => setApproving(null)} />
    </div>
  );
}
