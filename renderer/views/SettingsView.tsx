import { useEffect, useState } from 'react';
import type { KeychainStatus } from '../../preload/contract';
import { call, messageOf } from '../api';
import { FormError, useAction } from '../components/common';
import { SelectField } from '../components/Field';
import { LockSettings } from './LockSettings';
import { useRegistry } from '../store/registry';
import { useSession } from '../store/session';

export function SettingsView() {
  const info = useSession((s) => s.info);
  const people = useSession((s) => s.people);
  const choose = useSession((s) => s.choose);
  const refresh = useRegistry((s) => s.refresh);
  const [keychain, setKeychain] = useState<KeychainStatus | null>(null);
  const [personId, setPersonId] = useState('');
  useEffect(() => {
    call('keychain.status').then(setKeychain, (err: unknown) => setKeychain({ available: false, message: messageOf(err) }));
  }, []);
  const switchPerson = useAction(async () => {
    await choose(Number(personId));
    await refresh();
    return 'You are now acting as the chosen person.';
  });
  if (!info) return null;
  return (
    <section className="view">
      <header className="view-head"><h1>Settings</h1></header>
      <div className="cards">
        <section className="card" aria-labelledby="ws-title">
          <h2 id="ws-title">Workspace</h2>
          <dl className="facts">
            <dt>Data folder</dt><dd className="mono">{info.workspace.dataDir}</dd>
            <dt>Workspace id</dt><dd className="mono">{info.workspace.id}</dd>
            <dt>Belongs to</dt><dd>{info.owner ? `${info.owner.name}, ${info.owner.roleName}` : 'No one yet'}</dd>
          </dl>
          {info.workspace.demo ? (
            <form noValidate onSubmit={(e) => { e.preventDefault(); if (personId) void switchPerson.run(); }}>
              <p>This is the demo workspace: act as someone else to see what each role may do.</p>
              <SelectField label="Act as" value={personId} onChange={setPersonId} placeholder="Choose a person…"
                options={people.map((p) => ({ value: String(p.id), label: `${p.name} (${p.roleName})` }))} />
              <button type="submit" disabled={!personId || switchPerson.busy}>Switch</button>
              <FormError error={switchPerson.error} />
            </form>
          ) : <p>Each person keeps their own workspace; every action here is attributed to its owner.</p>}
        </section>
        <LockSettings />
        <section className="card" aria-labelledby="kc-title">
          <h2 id="kc-title">OS keychain</h2>
          {keychain === null ? <p role="status">Checking…</p> : (
            <p className={keychain.available ? 'ok' : 'form-error'} role="status">{keychain.message}</p>
          )}
        </section>
      </div>
    </section>
  );
}
