import { useState } from 'react';
import { FormError, useAction } from '../components/common';
import { TextField } from '../components/Field';
import { useLock } from '../store/lock';
import { useRegistry } from '../store/registry';
import { useSession } from '../store/session';

const REASONS: Record<string, string> = {
  startup: 'Civic Social Desk opens locked.',
  idle: 'Locked after a period of inactivity.',
  explicit: 'Locked on request.',
  'screen-lock': 'Locked because the computer\u2019s screen was locked.',
  suspend: 'Locked because the computer went to sleep.',
  'session-end': 'Locked because the session ended.',
};

/** SEC-3/SEC-5: nothing of the workspace is shown or served until the passphrase is given. */
export function LockScreen() {
  const status = useLock((s) => s.status);
  const unlock = useLock((s) => s.unlock);
  const [passphrase, setPassphrase] = useState('');
  const action = useAction(async () => {
    await unlock(passphrase);
    setPassphrase('');
    // Whatever was refused while locked is loaded now.
    await useSession.getState().load();
    await useRegistry.getState().refresh();
  });
  return (
    <main id="main" className="first-start lock-screen" aria-labelledby="lock-title">
      <h1 id="lock-title">Civic Social Desk is locked</h1>
      <p>{REASONS[status?.reason ?? 'startup']}{status?.ownerName ? ` This workspace belongs to ${status.ownerName}.` : ''}</p>
      <form noValidate onSubmit={(e) => { e.preventDefault(); if (passphrase) void action.run(); else action.setError('Enter your passphrase.'); }}>
        <TextField label="Passphrase" type="password" autoComplete="off" required autoFocus value={passphrase} onChange={setPassphrase} name="passphrase" />
        <FormError error={action.error} />
        <button type="submit" disabled={action.busy}>{action.busy ? 'Checking…' : 'Unlock'}</button>
      </form>
    </main>
  );
}
