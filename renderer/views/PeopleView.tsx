import { useState } from 'react';
import { call } from '../api';
import { EmptyState, FormError, useAction } from '../components/common';
import { Dialog } from '../components/Dialog';
import { CheckField, SelectField, TextField } from '../components/Field';
import { useRegistry } from '../store/registry';
import { useSession } from '../store/session';

const EMPTY = { name: '', email: '', role: 'employee', departmentId: '', maySubmit: false, approverId: '' };

function AddPersonDialog({ open, onClose }: { open: boolean; onClose(): void }) {
  const { roles, departments, people, refresh } = useRegistry();
  const [form, setForm] = useState(EMPTY);
  const [touched, setTouched] = useState(false);
  const submitters = new Set(roles.filter((r) => r.capabilities.includes('content.submit')).map((r) => r.key));
  const directors = people.filter((p) => p.active && p.role === 'department_director');
  const errors = {
    name: form.name.trim() ? null : 'A name is required.',
    email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim()) ? null : 'Enter an email address.',
    approver: form.role === 'designee' && !form.approverId ? 'A Designee needs the Director who approves for them (CNT-1).' : null,
  };
  const action = useAction(async () => {
    const person = await call('registry.people.create', {
      name: form.name, email: form.email, role: form.role, departmentId: form.departmentId ? Number(form.departmentId) : null,
      maySubmit: submitters.has(form.role) && form.maySubmit, approverId: form.role === 'designee' ? Number(form.approverId) : null,
    });
    await refresh();
    setForm(EMPTY);
    setTouched(false);
    onClose();
    return `${person.name} added.`;
  });
  return (
    <Dialog title="Add a person" open={open} onClose={onClose}>
      <form noValidate onSubmit={(e) => { e.preventDefault(); setTouched(true); if (!Object.values(errors).some(Boolean)) void action.run(); }}>
        <TextField label="Name" required autoFocus value={form.name} onChange={(v) => setForm((f) => ({ ...f, name: v }))} error={touched ? errors.name : null} />
        <TextField label="Email" type="email" required value={form.email} onChange={(v) => setForm((f) => ({ ...f, email: v }))} error={touched ? errors.email : null} />
        <SelectField label="Role" required value={form.role} onChange={(v) => setForm((f) => ({ ...f, role: v }))} options={roles.map((r) => ({ value: r.key, label: r.name }))} />
        <SelectField label="Department" value={form.departmentId} onChange={(v) => setForm((f) => ({ ...f, departmentId: v }))} placeholder="None"
          options={departments.map((d) => ({ value: String(d.id), label: d.name }))} />
        {submitters.has(form.role) ? (
          <CheckField label="Submits content to the Communications Manager (REG-4)" checked={form.maySubmit} onChange={(v) => setForm((f) => ({ ...f, maySubmit: v }))} />
        ) : null}
        {form.role === 'designee' ? (
          <SelectField label="Approving director" required value={form.approverId} onChange={(v) => setForm((f) => ({ ...f, approverId: v }))} placeholder="Choose…"
            error={touched ? errors.approver : null} options={directors.map((p) => ({ value: String(p.id), label: `${p.name} (${p.departmentName ?? 'no department'})` }))} />
        ) : null}
        <FormError error={action.error} />
        <div className="actions">
          <button type="button" className="secondary" onClick={onClose}>Cancel</button>
          <button type="submit" disabled={action.busy}>Add person</button>
        </div>
      </form>
    </Dialog>
  );
}

export function PeopleView() {
  const { people, refresh } = useRegistry();
  const canManage = useSession((s) => s.can('registry.manage'));
  const [adding, setAdding] = useState(false);
  const toggle = useAction(async (id: number, active: boolean) => {
    await call('registry.people.update', { id, patch: { active } });
    await refresh();
  });
  return (
    <div>
      <div className="toolbar">
        <h2 className="section-title">People</h2>
        {canManage ? <button type="button" onClick={() => setAdding(true)}>Add a person</button> : null}
      </div>
      <FormError error={toggle.error} />
      {people.length === 0 ? <EmptyState title="No one in the registry" /> : (
        <table className="table">
          <caption className="sr-only">People, roles and content submitters</caption>
          <thead><tr><th scope="col">Name</th><th scope="col">Role</th><th scope="col">Department</th><th scope="col">Submits content</th><th scope="col">Email</th>{canManage ? <th scope="col"><span className="sr-only">Actions</span></th> : null}</tr></thead>
          <tbody>
            {people.map((p) => (
              <tr key={p.id} className={p.active ? '' : 'inactive'}>
                <td>{p.name}{p.active ? null : <span className="sub"> (inactive)</span>}</td>
                <td>{p.roleName}</td>
                <td>{p.departmentName ?? '—'}</td>
                <td>{p.maySubmit ? (p.approverName ? `Yes, approved by ${p.approverName}` : 'Yes') : '—'}</td>
                <td>{p.email}</td>
                {canManage ? <td><button type="button" className="link" onClick={() => void toggle.run(p.id, !p.active)}>{p.active ? 'Deactivate' : 'Reactivate'}</button></td> : null}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <AddPersonDialog open={adding} onClose={() => setAdding(false)} />
    </div>
  );
}
