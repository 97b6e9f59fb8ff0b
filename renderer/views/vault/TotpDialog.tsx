import { useState } from 'react';
import type { ChannelInput, VaultEntry } from '../../../preload/contract';
import { call } from '../../api';
import { fileToBase64, FormError, useAction } from '../../components/common';
import { Dialog } from '../../components/Dialog';
import { FileField, SelectField, TextArea, TextField } from '../../components/Field';
import { useRegistry } from '../../store/registry';
import { useVault } from '../../store/vault';

type Kind = 'uri' | 'key' | 'qr';
type Source = ChannelInput<'vault.totp.set'>['source'];

const KINDS: { value: Kind; label: string }[] = [
  { value: 'uri', label: 'Setup link (otpauth://…)' },
  { value: 'key', label: 'Key typed in' },
  { value: 'qr', label: 'QR code image (PNG)' },
];

/**
 * SEC-2: the seed is stored first; then, if the registry still records 2FA as off, the person is
 * asked whether to mark it on. The registry changes only when they say so.
 */
function OfferTwofa({ entry, onClose }: { entry: VaultEntry; onClose(): void }) {
  const refreshRegistry = useRegistry((s) => s.refresh);
  const refreshVault = useVault((s) => s.refresh);
  const mark = useAction(async () => {
    await call('registry.sites.update', { id: entry.siteId, patch: { twofaEnabled: true } });
    await Promise.all([refreshRegistry(), refreshVault()]);
    onClose();
    return `The registry now records 2FA as on for ${entry.siteName}.`;
  });
  return (
    <div>
      <p role="status">The 2FA seed for {entry.siteName} is stored in the keychain.</p>
      <p>The registry still records two-factor authentication as <strong>off</strong> for this site (SEC-2). If 2FA is now on at {entry.platformName}, record it.</p>
      <FormError error={mark.error} />
      <div className="actions">
        <button type="button" className="secondary" onClick={onClose}>Not now</button>
        <button type="button" autoFocus onClick={() => void mark.run()} disabled={mark.busy}>Mark 2FA as on</button>
      </div>
    </div>
  );
}

function TotpForm({ entry, onClose }: { entry: VaultEntry; onClose(): void }) {
  const applyEntry = useVault((s) => s.applyEntry);
  const [kind, setKind] = useState<Kind>('uri');
  const [uri, setUri] = useState('');
  const [key, setKey] = useState('');
  const [digits, setDigits] = useState('6');
  const [file, setFile] = useState<File | null>(null);
  const [touched, setTouched] = useState(false);
  const [offer, setOffer] = useState<VaultEntry | null>(null);
  const missing = !touched ? null
    : kind === 'uri' && !uri.trim() ? 'Paste the setup link.'
      : kind === 'key' && !key.trim() ? 'Type the key the site shows.'
        : kind === 'qr' && !file ? 'Choose the QR code image.' : null;
  const save = useAction(async () => {
    let source: Source;
    if (kind === 'uri') source = { kind, uri: uri.trim() };
    else if (kind === 'key') source = { kind, key, digits: digits === '8' ? 8 : 6 };
    else if (file) source = { kind, pngBase64: await fileToBase64(file) };
    else return;
    const result = await call('vault.totp.set', { siteId: entry.siteId, source });
    setUri('');
    setKey('');
    await applyEntry(result.entry);
    if (result.offerTwofa) {
      setOffer(result.entry);
      return;
    }
    onClose();
    return `2FA seed stored for ${entry.siteName}.`;
  });
  if (offer) return <OfferTwofa entry={offer} onClose={onClose} />;
  return (
    <form noValidate onSubmit={(e) => {
      e.preventDefault();
      setTouched(true);
      const ready = kind === 'uri' ? uri.trim() : kind === 'key' ? key.trim() : file;
      if (ready) void save.run();
    }}>
      <fieldset className="choice">
        <legend>How does the site give the 2FA setup?</legend>
        {KINDS.map((k) => (
          <label key={k.value} className="radio">
            <input type="radio" name="totp-kind" value={k.value} checked={kind === k.value} onChange={() => setKind(k.value)} />
            {k.label}
          </label>
        ))}
      </fieldset>
      {kind === 'uri' ? (
        <TextArea label="Setup link" value={uri} onChange={setUri} rows={3} error={missing}
          hint="Starts with otpauth://totp/. Most sites show it under the QR code as “Can’t scan?”." />
      ) : null}
      {kind === 'key' ? (
        <>
          <TextField label="Key" value={key} onChange={setKey} error={missing} autoFocus
            hint="The Base32 key, letters A–Z and digits 2–7; spaces and lower case are fine. X shows 16 characters." />
          <SelectField label="Digits" value={digits} onChange={setDigits} options={[{ value: '6', label: '6 digits (most sites)' }, { value: '8', label: '8 digits' }]} />
        </>
      ) : null}
      {kind === 'qr' ? (
        <FileField label="QR code image" accept="image/png" onChange={setFile} error={missing}
          hint="A PNG screenshot of the site's 2FA setup QR code." />
      ) : null}
      <FormError error={save.error} />
      <div className="actions">
        <button type="button" className="secondary" onClick={onClose}>Cancel</button>
        <button type="submit" disabled={save.busy}>{save.busy ? 'Saving…' : 'Save 2FA seed'}</button>
      </div>
    </form>
  );
}

export function TotpDialog({ entry, onClose }: { entry: VaultEntry | null; onClose(): void }) {
  return (
    <Dialog title={entry ? `Add 2FA: ${entry.siteName}` : ''} open={entry !== null} onClose={onClose}>
      {entry ? <TotpForm entry={entry} onClose={onClose} /> : null}
    </Dialog>
  );
}
