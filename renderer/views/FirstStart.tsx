import { useState } from 'react';
import { FormError, useAction } from '../components/common';
import { SelectField, TextField } from '../components/Field';
import { useSession } from '../store/session';
import type { Department, Role } from '../../preload/contract';

/** A workspace belongs to one person from the registry; first start asks who. */
export function FirstStart({ roles, departments }: { roles: Role[]; departments: Department[] }) {
  const people = useSession((s) => s.people);
  const choose = useSession((s) => s.choose);
  const setup = useSession((s) => s.setup);
  const [personId, setPersonId] = useState('');
  const [form, setForm] = useState({ name: '', email: '', role: 'communications_manager', departmentId: '' });
  const [touched, setTouched] = useState(false);
  const pick = useAction(async () => { await choose(Number(personId)); });
  const create = useAction(async () => {
    await setup({ name: form.name, email: form.email, role: form.role, departmentId: form.departmentId ? Number(form.departmentId) : null });
  });
  const errors = {
    name: form.name.trim() ? null : 'A name is required.',
    email: /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(form.email.trim()) ? null : 'Enter an email address.',
  };
  return (
    <main className="first-start" id="main">
      <h1>Welcome to Civic Social Desk</h1>
      {people.length > 0 ? (
        <form noValidate onSubmit={(e) => { e.preventDefault(); setTouched(true); if (personId) void pick.run(); }}>
          <p>This workspace belongs to one person from the city&apos;s registry. Everything you do here is recorded under your name and role.</p>
          <SelectField label="Who are you?" required value={personId} onChange={setPersonId} placeholder="Choose yourself…"
            error={touched && !personId ? 'Choose yourself from the list.' : null}
            options={people.map((p) => ({ value: String(p.id), label: `${p.name} (${p.roleName})` }))} />
          <FormError error={pick.error} />
          <button type="submit" disabled={pick.busy}>Continue</button>
        </form>
      ) : (
        <form noValidate onSubmit={(e) => { e.preventDefault(); setTouched(true); if (!errors.name && !errors.email) void create.run(); }}>
          <p>The registry is empty. Enter yourself first; usually that is the Communications Manager, who keeps the registry (REG-1).</p>
          <TextField label="Your name" required autoFocus value={form.name} onChange={(v) => setForm((f) => ({ ...f, name: v }))} error={touched ? errors.name : null} />
          <TextField label="Email" type="email" required value={form.email} onChange={(v) => setForm((f) => ({ ...f, email: v }))} error={touched ? errors.email : null} />
          <SelectField label="Role" required value={form.role} onChange={(v) => setForm((f) => ({ ...f, role: v }))} options={roles.map((r) => ({ value: r.key, label: r.name }))} />
          <SelectField label="Department" value={form.departmentId} onChange={(v) => setForm((f) => ({ ...f, departmentId: v }))} placeholder="None"
            options={departments.map((d) => ({ value: String(d.id), label: d.name }))} />
          <FormError error={create.error} />
          <button type="submit" disabled={create.busy}>Start</button>
        </form>
      )}
    </main>
  );
}
