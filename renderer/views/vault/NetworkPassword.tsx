import { useState } from 'react';
import type { NetworkPasswordState } from '../../../preload/contract';
import { call } from '../../api';
import { formatDateTime, FormError, useAction } from '../../components/common';
import { useVault } from '../../store/vault';
import { PasswordField } from './PasswordField';

/**
 * SEC-8: IT records the city network password here so site passwords can be checked against it.
 * Main keeps only a salted hash; the password itself is dropped as soon as it is hashed.
 */
export function NetworkPassword({ network, disabled }: { network: NetworkPasswordState | null; disabled: boolean }) {
  const refresh = useVault((s) => s.refresh);
  const [password, setPassword] = useState('');
  const [touched, setTouched] = useState(false);
  const save = useAction(async () => {
    const result = await call('vault.network.set', { password });
    setPassword('');
    setTouched(false);
    await refresh();
    return result.sameAsNetwork.length
      ? `Network password recorded. Same password as the network: ${result.sameAsNetwork.map((s) => s.siteName).join(', ')}. Change it there.`
      : 'Network password recorded. No site uses it.';
  });
  return (
    <section className="card" aria-labelledby="network-title">
      <h2 id="network-title">City network password</h2>
      <p>
        {network?.set
          ? <>Recorded{network.setAt ? ` ${formatDateTime(network.setAt)}` : ''}{network.setBy ? ` by ${network.setBy}` : ''}. Only a salted hash is kept, never the password.</>
          : <>Not recorded. Site passwords cannot be checked against it (SEC-8) until it is. Only a salted hash is kept, never the password.</>}
      </p>
      <form noValidate onSubmit={(e) => {
        e.preventDefault();
        setTouched(true);
        if (password) void save.run();
      }}>
        <fieldset disabled={disabled}>
          <legend className="sr-only">Record the city network password</legend>
          <PasswordField label={network?.set ? 'New network password' : 'Network password'} value={password} onChange={setPassword}
            error={touched && !password ? 'Enter the network password.' : null} />
          <button type="submit" disabled={save.busy}>{save.busy ? 'Checking…' : 'Record network password'}</button>
        </fieldset>
        <FormError error={save.error} />
      </form>
    </section>
  );
}
