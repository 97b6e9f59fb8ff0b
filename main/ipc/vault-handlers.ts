import type { vaultContract } from '../../preload/contracts/vault';
import {
  deletePassword, deleteToken, deleteTotp, passwordStrength, revealPassword, revealToken, setLogin, setNetworkPassword,
  setPassword, setToken, setTotp, totpCode, vaultOverview,
} from '../vault/service';
import type { TotpSource } from '../vault/totp-source';
import type { HandlersFor } from './services';

/** The vault's channels; the service checks `vault.use` and audits, these only translate the wire shapes. */
export const vaultHandlers: HandlersFor<typeof vaultContract> = {
  'vault.list': (ctx, _i, s) => vaultOverview(ctx, s.workspace.id),
  'vault.login.set': (ctx, i, s) => setLogin(ctx, s.workspace.id, i.siteId, i.login),
  'vault.password.strength': (ctx, i) => passwordStrength(ctx, i.password, i.login ?? null),
  'vault.password.set': (ctx, i, s) => setPassword(ctx, s.workspace.id, i),
  'vault.password.delete': (ctx, i, s) => deletePassword(ctx, s.workspace.id, i.siteId),
  'vault.password.reveal': (ctx, i, s) => revealPassword(ctx, s.workspace.id, i.siteId, i.purpose),
  'vault.totp.set': (ctx, i, s) => {
    // QR images travel as base64 so the same contract serves IPC and the HTTP test bridge.
    const source: TotpSource = i.source.kind === 'qr' ? { kind: 'qr', png: Buffer.from(i.source.pngBase64, 'base64') } : i.source;
    return setTotp(ctx, s.workspace.id, i.siteId, source);
  },
  'vault.totp.delete': (ctx, i, s) => deleteTotp(ctx, s.workspace.id, i.siteId),
  'vault.totp.code': (ctx, i, s) => totpCode(ctx, s.workspace.id, i.siteId, s.now().getTime() / 1000),
  'vault.network.set': (ctx, i, s) => setNetworkPassword(ctx, s.workspace.id, i.password),
  'vault.token.set': (ctx, i, s) => setToken(ctx, s.workspace.id, i.siteId, i.name, i.token),
  'vault.token.delete': (ctx, i, s) => deleteToken(ctx, s.workspace.id, i.siteId, i.name),
  'vault.token.reveal': (ctx, i, s) => revealToken(ctx, s.workspace.id, i.siteId, i.name, i.purpose),
};
