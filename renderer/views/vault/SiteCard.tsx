import { useEffect, useState } from 'react';
import type { PasswordHealth, VaultEntry } from '../../../preload/contract';
import { call, messageOf } from '../../api';
import { Badge, formatDate, formatDateTime } from '../../components/common';
import { useUi } from '../../store/ui';
import { copySecret } from './clipboard';
import type { Removal } from './SmallDialogs';
import { TotpCode } from './TotpCode';

/** How long a revealed password stays on screen (and in the renderer's memory). */
const SHOW_FOR_MS = 20_000;

export interface SiteActions {
  editLogin(e: VaultEntry): void;
  setPassword(e: VaultEntry): void;
  addTotp(e: VaultEntry): void;
  addToken(e: VaultEntry): void;
  remove(r: Removal): void;
  markTwofa(e: VaultEntry): void;
  removePassword(e: VaultEntry): Promise<string>;
  removeTotp(e: VaultEntry): Promise<string>;
  removeToken(e: VaultEntry, name: string): Promise<string>;
}

function HealthBadges({ health }: { health: PasswordHealth }) {
  const flags = [
    ...(health.sameAsNetwork ? [{ cls: 'flag-danger', text: 'Same as the network password (SEC-8)' }] : []),
    ...health.reusedWith.map((s) => ({ cls: 'flag-warn', text: `Reused: same as ${s.siteName} (SEC-8)` })),
    ...(health.weak === true ? [{ cls: 'flag-warn', text: `Weak${health.warning ? `: ${health.warning}` : ''}` }] : []),
  ];
  if (flags.length === 0) {
    return <ul className="flags"><li className={health.weak === null ? 'flag-muted' : 'flag-ok'}>{health.weak === null ? 'Health unknown: save the password again to check it' : 'Unique and strong'}</li></ul>;
  }
  return <ul className="flags" aria-label="Password warnings">{flags.map((f) => <li key={f.text} className={f.cls}>{f.text}</li>)}</ul>;
}

function stamp(setAt: string | null, setBy: string | null): string {
  if (!setAt) return '';
  return ` Saved ${formatDateTime(setAt)}${setBy ? ` by ${setBy}` : ''}.`;
}

/** Reveal on request (audited in main), hidden again after a while; copies clear the clipboard after 30 s. */
function PasswordCell({ entry, actions }: { entry: VaultEntry; actions: SiteActions }) {
  const toast = useUi((s) => s.toast);
  const [revealed, setRevealed] = useState<string | null>(null);
  const password = entry.secrets?.password ?? null;
  useEffect(() => {
    if (revealed === null) return undefined;
    const timer = window.setTimeout(() => setRevealed(null), SHOW_FOR_MS);
    return () => window.clearTimeout(timer);
  }, [revealed]);
  const copy = async () => {
    try {
      const { password: value } = await call('vault.password.reveal', { siteId: entry.siteId, purpose: 'copy' });
      await copySecret(value);
      toast(`Password for ${entry.siteName} copied. The clipboard clears in 30 seconds.`);
    } catch (err) {
      toast(`Could not copy the password: ${messageOf(err)}`, 'error');
    }
  };
  const show = async () => {
    try {
      setRevealed((await call('vault.password.reveal', { siteId: entry.siteId, purpose: 'show' })).password);
    } catch (err) {
      toast(`Could not show the password: ${messageOf(err)}`, 'error');
    }
  };
  const name = <span className="sr-only"> for {entry.siteName}</span>;
  if (!password) {
    return (
      <>
        <span>No password stored.</span>
        <div className="row-actions"><button type="button" onClick={() => actions.setPassword(entry)}>Add password{name}</button></div>
      </>
    );
  }
  return (
    <>
      <span>{revealed !== null ? <code className="revealed">{revealed}</code> : <><span aria-hidden="true">••••••••••</span><span className="sr-only">Stored, hidden.</span></>}
        <span className="sub">{stamp(password.setAt, password.setBy)}</span></span>
      <HealthBadges health={password.health} />
      <div className="row-actions">
        <button type="button" className="secondary" onClick={() => void copy()}>Copy password{name}</button>
        {revealed === null
          ? <button type="button" className="secondary" onClick={() => void show()}>Show{name}</button>
          : <button type="button" className="secondary" onClick={() => setRevealed(null)}>Hide{name}</button>}
        <button type="button" className="secondary" onClick={() => actions.setPassword(entry)}>Replace password{name}</button>
        <button type="button" className="link" onClick={() => actions.remove({
          title: `Remove the password for ${entry.siteName}?`,
          body: 'It is deleted from the keychain and cannot be recovered here. The site itself keeps its password.',
          run: () => actions.removePassword(entry),
        })}>Remove password{name}</button>
      </div>
    </>
  );
}

function TwofaCells({ entry, canManage, actions }: { entry: VaultEntry; canManage: boolean; actions: SiteActions }) {
  const totp = entry.secrets?.totp ?? null;
  const name = <span className="sr-only"> for {entry.siteName}</span>;
  return (
    <>
      <dt>2FA code</dt>
      <dd>
        {totp ? (
          <>
            <TotpCode siteId={entry.siteId} siteName={entry.siteName} />
            <span className="sub">{[totp.issuer, totp.account].filter(Boolean).join(' · ')} · {totp.digits} digits, {totp.period} s.{stamp(totp.setAt, totp.setBy)}</span>
            <div className="row-actions">
              <button type="button" className="secondary" onClick={() => actions.addTotp(entry)}>Replace 2FA seed{name}</button>
              <button type="button" className="link" onClick={() => actions.remove({
                title: `Remove the 2FA seed for ${entry.siteName}?`,
                body: 'Codes for this site can no longer be made here. Turn 2FA off at the site or add a new seed first, or you may be locked out.',
                run: () => actions.removeTotp(entry),
              })}>Remove 2FA seed{name}</button>
            </div>
          </>
        ) : entry.offers2fa ? (
          <>
            <span>No 2FA seed stored.</span>
            <div className="row-actions"><button type="button" onClick={() => actions.addTotp(entry)}>Add 2FA{name}</button></div>
          </>
        ) : <span>{entry.platformName} does not offer 2FA.</span>}
      </dd>
      <dt>2FA in registry</dt>
      <dd>
        {entry.twofaEnabled ? <span className="ok">On</span> : <span className="warn-text">Off (SEC-2)</span>}
        {!entry.twofaEnabled && totp && canManage ? (
          <div className="row-actions"><button type="button" className="secondary" onClick={() => actions.markTwofa(entry)}>Mark 2FA as on{name}</button></div>
        ) : null}
      </dd>
    </>
  );
}

async function copyToken(entry: VaultEntry, tokenName: string, toast: (text: string, kind?: 'info' | 'error') => void): Promise<void> {
  try {
    const { token } = await call('vault.token.reveal', { siteId: entry.siteId, name: tokenName, purpose: 'copy' });
    await copySecret(token);
    toast(`Token "${tokenName}" copied. The clipboard clears in 30 seconds.`);
  } catch (err) {
    toast(`Could not copy the token: ${messageOf(err)}`, 'error');
  }
}

export function SiteCard({ entry, canManage, actions }: { entry: VaultEntry; canManage: boolean; actions: SiteActions }) {
  const toast = useUi((s) => s.toast);
  const s = entry.secrets;
  const titleId = `vault-site-${entry.siteId}`;
  const name = <span className="sr-only"> for {entry.siteName}</span>;
  const review = entry.lastTermsReview;
  return (
    <article className="card vault-site" aria-labelledby={titleId}>
      <header className="vault-site-head">
        <h2 id={titleId}>{entry.siteName}</h2>
        <span className="sub">{entry.platformName} · @{entry.handle}</span>
        <Badge value={entry.status} />
      </header>
      <dl className="facts vault-facts">
        {s === null ? (
          <><dt>Secrets</dt><dd>Unknown: the keychain cannot be read.</dd></>
        ) : (
          <>
            <dt>Login</dt>
            <dd>
              <span>{s.login ?? 'Not recorded.'}</span>
              <div className="row-actions"><button type="button" className="link" onClick={() => actions.editLogin(entry)}>Edit login name{name}</button></div>
            </dd>
            <dt>Password</dt>
            <dd><PasswordCell entry={entry} actions={actions} /></dd>
            <TwofaCells entry={entry} canManage={canManage} actions={actions} />
            <dt>API tokens</dt>
            <dd>
              {s.tokens.length === 0 ? <span>None.</span> : (
                <ul className="plain">
                  {s.tokens.map((t) => (
                    <li key={t.name}>
                      <span className="mono">{t.name}</span><span className="sub">{stamp(t.setAt, t.setBy)}</span>{' '}
                      <button type="button" className="link" onClick={() => void copyToken(entry, t.name, toast)}>Copy token {t.name}{name}</button>
                      <button type="button" className="link" onClick={() => actions.remove({
                        title: `Remove the token "${t.name}" for ${entry.siteName}?`,
                        body: 'It is deleted from the keychain. Revoke it at the platform too if it is no longer needed.',
                        run: () => actions.removeToken(entry, t.name),
                      })}>Remove token {t.name}{name}</button>
                    </li>
                  ))}
                </ul>
              )}
              <div className="row-actions"><button type="button" className="secondary" onClick={() => actions.addToken(entry)}>Add token{name}</button></div>
            </dd>
          </>
        )}
        {s === null ? <TwofaRegistryOnly entry={entry} /> : null}
        <dt>Terms review</dt>
        <dd>{review ? `${formatDate(review.reviewedOn)}, ${review.outcome === 'acceptable' ? 'terms acceptable' : 'IT consulted'}` : <span className="warn-text">Never reviewed (SEC-1)</span>}</dd>
      </dl>
    </article>
  );
}

function TwofaRegistryOnly({ entry }: { entry: VaultEntry }) {
  return (
    <>
      <dt>2FA in registry</dt>
      <dd>{entry.twofaEnabled ? <span className="ok">On</span> : <span className="warn-text">Off (SEC-2)</span>}</dd>
    </>
  );
}
