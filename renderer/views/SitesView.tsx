import { useState } from 'react';
import type { Finding } from '../../preload/contract';
import { call } from '../api';
import { Badge, EmptyState, FormError, useAction } from '../components/common';
import { Dialog } from '../components/Dialog';
import { SelectField, TextArea, TextField } from '../components/Field';
import { useRegistry } from '../store/registry';
import { useSession } from '../store/session';
import { SiteDetailView } from './SiteDetailView';

function CompliancePanel({ findings }: { findings: Finding[] }) {
  const openSite = useRegistry((s) => s.openSite);
  return (
    <aside className="panel" aria-labelledby="compliance-title">
      <h2 id="compliance-title">Compliance <span className="count" data-testid="finding-count">{findings.length}</span></h2>
      {findings.length === 0 ? <p className="ok">No findings: every site meets the policy.</p> : (
        <ul className="findings">
          {findings.map((f, i) => (
            <li key={`${f.kind}-${f.siteId ?? 'p'}-${i}`} data-requirement={f.requirement}>
              <span className="req">{f.requirement}</span>
              {f.siteId !== null ? <button type="button" className="link" onClick={() => void openSite(f.siteId)}>{f.message}</button> : <span>{f.message}</span>}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}

function AddSiteDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { platforms, departments, applySite } = useRegistry();
  const [form, setForm] = useState({ platform: 'facebook', handle: '', name: '', url: '', purpose: '', departmentId: '', scope: 'official' });
  const [touched, setTouched] = useState(false);
  const set = (k: keyof typeof form) => (v: string) => setForm((f) => ({ ...f, [k]: v }));
  const errors = {
    handle: form.handle.trim() ? null : 'A handle is required.',
    name: form.name.trim() ? null : 'A name is required.',
    url: !form.url || /^https?:\/\/[^\s]+$/i.test(form.url.trim()) ? null : 'Start the address with https://',
  };
  const action = useAction(async () => {
    const site = await call('registry.sites.create', {
      platform: form.platform, handle: form.handle, name: form.name, url: form.url.trim() || null, purpose: form.purpose,
      departmentId: form.departmentId ? Number(form.departmentId) : null, scope: form.scope as 'official' | 'non_city_official_use',
    });
    await applySite(await call('registry.sites.get', { id: site.id }));
    setForm({ platform: 'facebook', handle: '', name: '', url: '', purpose: '', departmentId: '', scope: 'official' });
    setTouched(false);
    onClose();
    return `${site.name} proposed. It takes effect once the City Manager's approval is recorded.`;
  });
  return (
    <Dialog title="Propose a site" open={open} onClose={onClose}>
      <form noValidate onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (!Object.values(errors).some(Boolean)) void action.run();
      }}>
        <SelectField label="Platform" required value={form.platform} onChange={set('platform')} options={platforms.map((p) => ({ value: p.key, label: p.name }))} />
        <TextField label="Handle" required value={form.handle} onChange={set('handle')} error={touched ? errors.handle : null} hint="The account name on the platform, without @." autoFocus />
        <TextField label="Name" required value={form.name} onChange={set('name')} error={touched ? errors.name : null} />
        <TextField label="Address" type="url" value={form.url} onChange={set('url')} error={touched ? errors.url : null} placeholder="https://" />
        <TextArea label="Purpose" value={form.purpose} onChange={set('purpose')} />
        <SelectField label="Owning department" value={form.departmentId} onChange={set('departmentId')} placeholder="None"
          options={departments.map((d) => ({ value: String(d.id), label: d.name }))} />
        <SelectField label="Scope" value={form.scope} onChange={set('scope')} hint="SCOPE-1: the policy also covers non-city sites used in official duties."
          options={[{ value: 'official', label: 'Official city site' }, { value: 'non_city_official_use', label: 'Non-city site used officially' }]} />
        <FormError error={action.error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>Cancel</button>
          <button type="submit" disabled={action.busy}>{action.busy ? 'Saving…' : 'Propose site'}</button>
        </div>
      </form>
    </Dialog>
  );
}

export function SitesView() {
  const { sites, findings, detail, loaded, error, openSite } = useRegistry();
  const canManage = useSession((s) => s.can('registry.manage'));
  const [adding, setAdding] = useState(false);
  if (detail) return <SiteDetailView />;
  return (
    <div className="split">
      <div className="grow">
        <div className="toolbar">
          <h2 className="section-title">Sites</h2>
          {canManage ? <button type="button" onClick={() => setAdding(true)}>Propose a site</button> : null}
        </div>
        {error ? <p className="form-error" role="alert">{error}</p> : null}
        {!loaded ? <p role="status">Loading…</p> : sites.length === 0 ? (
          <EmptyState title="No sites in the registry">
            <p>The policy asks the Communications Manager to keep the list of approved sites (REG-3). Propose the city&apos;s first site to start it.</p>
          </EmptyState>
        ) : (
          <table className="table">
            <caption className="sr-only">Sites in the registry</caption>
            <thead><tr><th scope="col">Site</th><th scope="col">Platform</th><th scope="col">Status</th><th scope="col">Administrators</th><th scope="col">Findings</th></tr></thead>
            <tbody>
              {sites.map((s) => (
                <tr key={s.id}>
                  <td><button type="button" className="link" onClick={() => void openSite(s.id)}>{s.name}</button><div className="sub">@{s.handle}</div></td>
                  <td>{s.platformName}</td>
                  <td><Badge value={s.status} /></td>
                  <td>{s.admins.map((a) => a.name).join(', ') || '—'}</td>
                  <td>{findings.filter((f) => f.siteId === s.id).map((f) => f.requirement).join(', ') || 'None'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </div>
      <CompliancePanel findings={findings} />
      <AddSiteDialog open={adding} onClose={() => setAdding(false)} />
    </div>
  );
}
