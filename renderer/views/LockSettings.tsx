import { useState } from 'react';
import { call } from '../api';
import { FormError, useAction } from '../components/common';
import { SelectField, TextField } from '../components/Field';
import { useLock } from '../store/lock';

/** SEC-3/SEC-5: the app passphrase, the idle time, and locking now. */
export function LockSettings() {
  const status = useLock((s) => s.status);
  const refresh = useLock((s) => s.refresh);
  const lockNow = useLock((s) => s.lockNow);
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [touched, setTouched] = useState(false);
  const mismatch = next !== again ? 'The two passphrases differ.' : null;
  const save = useAction(async () => {
    await call('lock.setPassphrase', { ...(status?.hasPassphrase ? { current } : {}), next });
    setCurrent(''); setNext(''); setAgain(''); setTouched(false);
    await refresh();
    return 'Passphrase saved. The app now opens locked and locks itself when idle.';
  });
  const idle = useAction(async (minutes: number) => {
    await call('lock.setIdle', { minutes });
    await refresh();
    return `The app locks after ${minutes} minutes of inactivity.`;
  });
  const lock = useAction(async () => { await lockNow(); });
  if (!status) return null;
  return (
    <section className="card" aria-labelledby="lock-settings-title">
      <h2 id="lock-settings-title">App lock</h2>
      {status.hasPassphrase ? (
        <p>The app opens locked and locks after {status.idleMinutes} minutes without use, when the screen locks, on sleep, and on <kbd>Ctrl</kbd>+<kbd>L</kbd>.</p>
      ) : <p className="form-error" role="status">No passphrase is set, so the app cannot lock. Set one now (SEC-5).</p>}
      <form noValidate onSubmit={(e) => { e.preventDefault(); setTouched(true); if (!mismatch && next) void save.run(); }}>
        {status.hasPassphrase ? <TextField label="Current passphrase" type="password" autoComplete="off" value={current} onChange={setCurrent} /> : null}
        <TextField label={status.hasPassphrase ? 'New passphrase' : 'Passphrase'} type="password" autoComplete="off" value={next} onChange={setNext}
          hint="At least 12 characters; several unrelated words work well." error={touched && !next ? 'Enter a passphrase.' : null} />
        <TextField label="Repeat it" type="password" autoComplete="off" value={again} onChange={setAgain} error={touched ? mismatch : null} />
        <FormError error={save.error} />
        <button type="submit" disabled={save.busy}>{status.hasPassphrase ? 'Change passphrase' : 'Set passphrase'}</button>
      </form>
      {status.hasPassphrase ? (
        <>
          <SelectField label="Lock after" value={String(status.idleMinutes)} onChange={(v) => void idle.run(Number(v))}
            options={[1, 5, 10, 15, 30, 60].map((m) => ({ value: String(m), label: `${m} minute${m === 1 ? '' : 's'} without use` }))} />
          <FormError error={idle.error ?? lock.error} />
          <button type="button" className="secondary" aria-keyshortcuts="Control+L" onClick={() => void lock.run()}>Lock now</button>
        </>
      ) : null}
    </section>
  );
}
