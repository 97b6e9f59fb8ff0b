import { useEffect, useMemo, useState } from 'react';
import type { VaultEntry } from '../../../preload/contract';
import { call } from '../../api';
import { EmptyState, useAction } from '../../components/common';
import { useRegistry } from '../../store/registry';
import { useSession } from '../../store/session';
import { useUi } from '../../store/ui';
import { useVault } from '../../store/vault';
import { NetworkPassword } from './NetworkPassword';
import { PasswordDialog } from './PasswordDialog';
import { SiteCard, type SiteActions } from './SiteCard';
import { LoginDialog, RemoveDialog, TokenDialog, type Removal } from './SmallDialogs';
import { TotpDialog } from './TotpDialog';
import './vault.css';

type Open = { kind: 'login' | 'password' | 'totp' | 'token'; entry: VaultEntry } | null;

function KeychainStatus({ available, message }: { available: boolean; message: string }) {
  return available
    ? <p className="ok" role="status">{message}</p>
    : (
      <div className="keychain-missing" role="alert">
        <p><strong>The OS keychain is not available, so the vault cannot store or show anything.</strong></p>
        <p>{message}</p>
      </div>
    );
}

/** The vault (issue 5): each site's login, password health, live 2FA code and tokens, from the OS keychain. */
export function VaultView() {
  const { overview, loaded, error, refresh, applyEntry } = useVault();
  const canUse = useSession((s) => s.can('vault.use'));
  const canManage = useSession((s) => s.can('registry.manage'));
  const refreshRegistry = useRegistry((s) => s.refresh);
  const toast = useUi((s) => s.toast);
  const [open, setOpen] = useState<Open>(null);
  const [removal, setRemoval] = useState<Removal | null>(null);
  useEffect(() => { void refresh(); }, [refresh]);

  const mark = useAction(async (entry: VaultEntry) => {
    await call('registry.sites.update', { id: entry.siteId, patch: { twofaEnabled: true } });
    await Promise.all([refresh(), refreshRegistry()]);
    return `The registry now records 2FA as on for ${entry.siteName}.`;
  });
  const { run: markRun, error: markError } = mark;
  useEffect(() => { if (markError) toast(markError, 'error'); }, [markError, toast]);

  const actions = useMemo<SiteActions>(() => ({
    editLogin: (entry) => setOpen({ kind: 'login', entry }),
    setPassword: (entry) => setOpen({ kind: 'password', entry }),
    addTotp: (entry) => setOpen({ kind: 'totp', entry }),
    addToken: (entry) => setOpen({ kind: 'token', entry }),
    remove: setRemoval,
    markTwofa: (entry) => void markRun(entry),
    async removePassword(entry) {
      await applyEntry(await call('vault.password.delete', { siteId: entry.siteId }));
      return `Password removed for ${entry.siteName}.`;
    },
    async removeTotp(entry) {
      await applyEntry(await call('vault.totp.delete', { siteId: entry.siteId }));
      return `2FA seed removed for ${entry.siteName}.`;
    },
    async removeToken(entry, name) {
      await applyEntry(await call('vault.token.delete', { siteId: entry.siteId, name }));
      return `Token "${name}" removed for ${entry.siteName}.`;
    },
  }), [applyEntry, markRun]);

  const close = () => setOpen(null);
  const entryFor = (kind: NonNullable<Open>['kind']) => (open?.kind === kind ? open.entry : null);

  let body;
  if (!canUse) {
    body = (
      <EmptyState title="The vault is for the Communications Manager and the IT Director">
        <p>Your role may not see or change site passwords, 2FA codes or tokens. Settings shows who you are acting as.</p>
      </EmptyState>
    );
  } else if (!loaded) {
    body = <p role="status">Reading the keychain…</p>;
  } else if (error || !overview) {
    body = <p className="form-error" role="alert">{error ?? 'The vault could not be read.'}</p>;
  } else {
    const available = overview.keychain.available;
    body = (
      <div className="split">
        <div className="grow">
          {overview.entries.length === 0 ? (
            <EmptyState title="No sites in the registry yet">
              <p>The vault keeps a login for each site in the registry. Propose the city&apos;s first site in the Registry (Alt+4), then come back to store its password and 2FA.</p>
            </EmptyState>
          ) : (
            <div className="vault-sites">
              {overview.entries.map((e) => <SiteCard key={e.siteId} entry={e} canManage={canManage} actions={actions} />)}
            </div>
          )}
        </div>
        <aside className="panel vault-side" aria-label="Keychain and network password">
          <section aria-labelledby="keychain-title">
            <h2 id="keychain-title">OS keychain</h2>
            <KeychainStatus available={available} message={overview.keychain.message} />
          </section>
          <NetworkPassword network={overview.network} disabled={!available} />
        </aside>
      </div>
    );
  }

  return (
    <section className="view">
      <header className="view-head"><h1>Vault</h1></header>
      {body}
      <LoginDialog entry={entryFor('login')} onClose={close} />
      <PasswordDialog entry={entryFor('password')} onClose={close} />
      <TotpDialog entry={entryFor('totp')} onClose={close} />
      <TokenDialog entry={entryFor('token')} onClose={close} />
      <RemoveDialog removal={removal} onClose={() => setRemoval(null)} />
    </section>
  );
}
