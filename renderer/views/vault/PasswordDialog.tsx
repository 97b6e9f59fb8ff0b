import { useEffect, useId, useState } from 'react';
import type { PasswordFindingView, StrengthView, VaultEntry } from '../../../preload/contract';
import { call, messageOf } from '../../api';
import { FormError, useAction } from '../../components/common';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { useVault } from '../../store/vault';
import { PasswordField } from './PasswordField';

const SCORE_LABEL = ['Very weak', 'Weak', 'Fair', 'Strong', 'Very strong'] as const;

/** Strength while typing, from main (zxcvbn with the registry's names); nothing is stored. */
function useStrength(password: string, login: string): { strength: StrengthView | null; error: string | null } {
  const [strength, setStrength] = useState<StrengthView | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (!password) return undefined;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      call('vault.password.strength', { password, login: login.trim() || null }).then(
        (s) => { if (!cancelled) { setStrength(s); setError(null); } },
        (err: unknown) => { if (!cancelled) setError(messageOf(err)); },
      );
    }, 250);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [password, login]);
  // An emptied field shows nothing rather than the last answer.
  return { strength: password ? strength : null, error: password ? error : null };
}

function StrengthMeter({ id, strength }: { id: string; strength: StrengthView | null }) {
  return (
    <div id={id} className="strength" aria-live="polite">
      {strength ? (
        <>
          <meter min={0} max={4} low={2} high={3} optimum={4} value={strength.score} aria-label="Password strength" />
          <span className={strength.weak ? 'warn-text' : 'ok'}>{SCORE_LABEL[strength.score]}</span>
          {strength.warning ? <span> · {strength.warning}</span> : null}
          {strength.weak && strength.suggestions[0] ? <span className="hint"> {strength.suggestions[0]}</span> : null}
        </>
      ) : null}
    </div>
  );
}

function PasswordForm({ entry, onClose }: { entry: VaultEntry; onClose(): void }) {
  const applyEntry = useVault((s) => s.applyEntry);
  const [login, setLogin] = useState(entry.secrets?.login ?? '');
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const [blocked, setBlocked] = useState<PasswordFindingView[] | null>(null);
  const { strength, error: strengthError } = useStrength(password, login);
  const meterId = useId();
  const save = useAction(async (confirm: boolean) => {
    const result = await call('vault.password.set', { siteId: entry.siteId, password, login: login.trim() || null, confirm });
    if (!result.stored) {
      setBlocked(result.findings.filter((f) => f.kind !== 'weak'));
      return;
    }
    // The typed password leaves the page as soon as it is stored; the list catches up after.
    setPassword('');
    onClose();
    await applyEntry(result.entry);
    const flags = result.findings.map((f) => (f.kind === 'weak' ? 'weak' : f.kind === 'same_as_network' ? 'same as the network password' : `reused on ${f.siteName}`));
    return flags.length ? `Password saved for ${entry.siteName}, flagged: ${flags.join(', ')}.` : `Password saved for ${entry.siteName}.`;
  });
  const missing = touched && !password ? 'Enter the password.' : null;
  return (
    <form noValidate onSubmit={(e) => {
      e.preventDefault();
      setTouched(true);
      setBlocked(null);
      if (password) void save.run(false);
    }}>
      <TextField label="Login name" value={login} onChange={setLogin} hint="The account's user name or email on the site." />
      <PasswordField label="Password" value={password} onChange={(v) => { setPassword(v); setBlocked(null); }} autoFocus
        error={missing} describedBy={meterId} hint="Stored only in the operating system's keychain. It must differ from every other site's and from the city network password (SEC-8)." />
      <StrengthMeter id={meterId} strength={strength} />
      {strengthError ? <p className="form-error" role="alert">{strengthError}</p> : null}
      {blocked && blocked.length > 0 ? (
        <div className="reuse-warning" role="alert">
          <p><strong>Not saved yet.</strong></p>
          <ul>{blocked.map((f) => <li key={f.kind === 'same_as_site' ? `s${f.siteId}` : f.kind}>{f.message}</li>)}</ul>
          <p>Choose a different password, or save this one if it is already the account&apos;s password; it stays flagged until it is changed.</p>
          <button type="button" className="danger" onClick={() => void save.run(true)} disabled={save.busy}>Save anyway</button>
        </div>
      ) : null}
      <FormError error={save.error} />
      <div className="actions">
        <button type="button" className="secondary" onClick={onClose}>Cancel</button>
        <button type="submit" disabled={save.busy}>{save.busy ? 'Checking…' : 'Save password'}</button>
      </div>
    </form>
  );
}

export function PasswordDialog({ entry, onClose }: { entry: VaultEntry | null; onClose(): void }) {
  return (
    <Dialog title={entry ? `${entry.secrets?.password ? 'Replace' : 'Add'} password: ${entry.siteName}` : ''} open={entry !== null} onClose={onClose}>
      {entry ? <PasswordForm entry={entry} onClose={onClose} /> : null}
    </Dialog>
  );
}
