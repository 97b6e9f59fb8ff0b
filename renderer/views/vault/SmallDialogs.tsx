import { useState } from 'react';
import type { VaultEntry } from '../../../preload/contract';
import { call } from '../../api';
import { FormError, useAction } from '../../components/common';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { useVault } from '../../store/vault';
import { PasswordField } from './PasswordField';

function LoginForm({ entry, onClose }: { entry: VaultEntry; onClose(): void }) {
  const applyEntry = useVault((s) => s.applyEntry);
  const [login, setLogin] = useState(entry.secrets?.login ?? '');
  const save = useAction(async () => {
    await applyEntry(await call('vault.login.set', { siteId: entry.siteId, login: login.trim() || null }));
    onClose();
    return `Login name saved for ${entry.siteName}.`;
  });
  return (
    <form noValidate onSubmit={(e) => { e.preventDefault(); void save.run(); }}>
      <TextField label="Login name" value={login} onChange={setLogin} autoFocus hint="Leave it empty to remove the login name." />
      <FormError error={save.error} />
      <div className="actions">
        <button type="button" className="secondary" onClick={onClose}>Cancel</button>
        <button type="submit" disabled={save.busy}>Save login name</button>
      </div>
    </form>
  );
}

export function LoginDialog({ entry, onClose }: { entry: VaultEntry | null; onClose(): void }) {
  return (
    <Dialog title={entry ? `Login name: ${entry.siteName}` : ''} open={entry !== null} onClose={onClose}>
      {entry ? <LoginForm entry={entry} onClose={onClose} /> : null}
    </Dialog>
  );
}

function TokenForm({ entry, onClose }: { entry: VaultEntry; onClose(): void }) {
  const applyEntry = useVault((s) => s.applyEntry);
  const [name, setName] = useState('');
  const [token, setToken] = useState('');
  const [touched, setTouched] = useState(false);
  const errors = {
    name: !touched ? null : /^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$/.test(name) ? null : 'Use letters, digits, ".", "_" and "-", e.g. graph-page-token.',
    token: !touched || token.trim() ? null : 'Paste the token.',
  };
  const save = useAction(async () => {
    await applyEntry(await call('vault.token.set', { siteId: entry.siteId, name, token }));
    setToken('');
    onClose();
    return `Token "${name}" stored for ${entry.siteName}.`;
  });
  return (
    <form noValidate onSubmit={(e) => {
      e.preventDefault();
      setTouched(true);
      if (/^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$/.test(name) && token.trim()) void save.run();
    }}>
      <TextField label="Token name" value={name} onChange={setName} error={errors.name} autoFocus hint="What it is for, e.g. graph-page-token or x-api-bearer." />
      <PasswordField label="Token" value={token} onChange={setToken} error={errors.token} hint="Stored only in the operating system's keychain." />
      <FormError error={save.error} />
      <div className="actions">
        <button type="button" className="secondary" onClick={onClose}>Cancel</button>
        <button type="submit" disabled={save.busy}>Store token</button>
      </div>
    </form>
  );
}

export function TokenDialog({ entry, onClose }: { entry: VaultEntry | null; onClose(): void }) {
  return (
    <Dialog title={entry ? `Add an API token: ${entry.siteName}` : ''} open={entry !== null} onClose={onClose}>
      {entry ? <TokenForm entry={entry} onClose={onClose} /> : null}
    </Dialog>
  );
}

export interface Removal { title: string; body: string; run(): Promise<string> }

function RemoveForm({ removal, onClose }: { removal: Removal; onClose(): void }) {
  const remove = useAction(async () => {
    const message = await removal.run();
    onClose();
    return message;
  });
  return (
    <div>
      <p>{removal.body}</p>
      <FormError error={remove.error} />
      <div className="actions">
        <button type="button" className="secondary" autoFocus onClick={onClose}>Keep it</button>
        <button type="button" className="danger" disabled={remove.busy} onClick={() => void remove.run()}>Remove</button>
      </div>
    </div>
  );
}

/** Removing a secret cannot be undone (the keychain keeps no history), so it is confirmed first. */
export function RemoveDialog({ removal, onClose }: { removal: Removal | null; onClose(): void }) {
  return (
    <Dialog title={removal?.title ?? ''} open={removal !== null} onClose={onClose}>
      {removal ? <RemoveForm removal={removal} onClose={onClose} /> : null}
    </Dialog>
  );
}
