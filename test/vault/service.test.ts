import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCredentialStore, type CredentialStore } from '../../main/credentials/store';
import { setSiteStatus } from '../../main/registry/sites';
import { AppError } from '../../main/shared/errors';
import { applyWrites } from '../../main/vault/keychain-layout';
import {
  deletePassword, deleteToken, passwordStrength, revealPassword, revealToken, setLogin, setNetworkPassword, setPassword,
  setToken, totpCode, vaultOverview,
} from '../../main/vault/service';
import type { VaultEntry } from '../../main/vault/view-types';
import { CM, demoWorkspace, EMPLOYEE, IT_DIRECTOR, type TestWorkspace } from '../helpers/workspace';

// Run inside scripts/with-keyring.mjs: a real gnome-keyring in a private D-Bus session.
const FB = 1;
const X = 2;
const STRONG_X = 'glacier-Trout-velvet-91-harbor';
const STRONG_FB = 'moss Quartz lantern 57 orchard';
const NETWORK = 'Ridge-walnut-Comet-6204';

let t: TestWorkspace;
let store: CredentialStore;

beforeAll(async () => {
  t = demoWorkspace();
  store = await openCredentialStore(t.ws.id);
});

afterAll(async () => {
  for (const a of await store.accounts()) await store.delete(a);
  t.cleanup();
});

const cm = () => t.as(CM);
const entry = async (siteId: number): Promise<VaultEntry> => {
  const found = (await vaultOverview(cm(), t.ws.id)).entries.find((e) => e.siteId === siteId);
  if (!found) throw new Error(`no entry ${siteId}`);
  return found;
};
const auditText = () => (t.ws.db.prepare('SELECT action, entity, entity_id, before, after FROM audit_log').all() as Record<string, unknown>[])
  .map((r) => JSON.stringify(r)).join('\n');
const vaultAuditCount = () => (t.ws.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'vault.%'").get() as { n: number }).n;

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

async function rejectsWith(work: Promise<unknown>, code: string): Promise<AppError> {
  const err = await work.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(AppError);
  expect((err as AppError).code).toBe(code);
  return err as AppError;
}

describe('vault service on the OS keychain', () => {
  it('[SEC-8] stores a site password and login in the keychain only, reveals it on request (audited) and deletes it', async () => {
    const result = await setPassword(cm(), t.ws.id, { siteId: X, password: STRONG_X, login: '@CityKalispell' });
    expect(result).toMatchObject({ stored: true, findings: [] });
    expect(await store.get('site:2:password')).toBe(STRONG_X);
    expect(await store.get('site:2:password-hash')).toMatch(/^scrypt\$v=1\$N=131072,r=8,p=1\$/);

    const x = await entry(X);
    expect(x.secrets).toMatchObject({
      login: '@CityKalispell',
      password: { setBy: 'Jordan Avery', setAt: t.now.toISOString(), health: { weak: false, reusedWith: [], sameAsNetwork: false } },
      totp: null,
      tokens: [],
    });
    expect(JSON.stringify(await vaultOverview(cm(), t.ws.id))).not.toContain(STRONG_X);

    expect(await revealPassword(cm(), t.ws.id, X, 'copy')).toEqual({ password: STRONG_X });
    const reveal = t.ws.db.prepare("SELECT actor_id, after FROM audit_log WHERE action = 'vault.password.reveal'").get() as { actor_id: number; after: string };
    expect(reveal).toEqual({ actor_id: t.personId(CM), after: JSON.stringify({ secret: 'password', purpose: 'copy' }) });

    await setLogin(cm(), t.ws.id, X, 'comms@kalispell.example');
    expect((await entry(X)).secrets?.login).toBe('comms@kalispell.example');

    const after = await deletePassword(cm(), t.ws.id, X);
    expect(after.secrets?.password).toBeNull();
    expect(after.secrets?.login).toBe('comms@kalispell.example');
    expect(await store.get('site:2:password')).toBeNull();
    expect(await store.get('site:2:password-hash')).toBeNull();
    await rejectsWith(revealPassword(cm(), t.ws.id, X, 'show'), 'not_found');
  });

  it('[SEC-8] refuses a password another site already uses unless confirmed, then flags both sites until one changes', async () => {
    await setPassword(cm(), t.ws.id, { siteId: X, password: STRONG_X });
    const audits = vaultAuditCount();

    const refused = await setPassword(cm(), t.ws.id, { siteId: FB, password: STRONG_X });
    expect(refused.stored).toBe(false);
    expect(refused.findings).toEqual([expect.objectContaining({ kind: 'same_as_site', siteId: X, message: expect.stringMatching(/same password as City of Kalispell \(X\).*SEC-8/) })]);
    expect(await store.get('site:1:password')).toBeNull();
    expect(vaultAuditCount()).toBe(audits);

    const confirmed = await setPassword(cm(), t.ws.id, { siteId: FB, password: STRONG_X, confirm: true });
    expect(confirmed.stored).toBe(true);
    expect((await entry(FB)).secrets?.password?.health.reusedWith).toEqual([{ siteId: X, siteName: 'City of Kalispell (X)' }]);
    expect((await entry(X)).secrets?.password?.health.reusedWith).toEqual([{ siteId: FB, siteName: expect.stringMatching(/\(Facebook\)$/) }]);
    const row = t.ws.db.prepare("SELECT after FROM audit_log WHERE action = 'vault.password.set' ORDER BY id DESC LIMIT 1").get() as { after: string };
    expect(JSON.parse(row.after)).toMatchObject({ findings: [`same_as_site:${X}`], confirmed: true });

    await setPassword(cm(), t.ws.id, { siteId: X, password: `${STRONG_X}-new` });
    expect((await entry(FB)).secrets?.password?.health.reusedWith).toEqual([]);
    expect((await entry(X)).secrets?.password?.health.reusedWith).toEqual([]);
  });

  it('[SEC-8] keeps only a salted hash of the network password and flags a site password equal to it', async () => {
    await setPassword(cm(), t.ws.id, { siteId: FB, password: STRONG_FB });
    const result = await setNetworkPassword(t.as(IT_DIRECTOR), t.ws.id, NETWORK);
    expect(result).toMatchObject({ network: { set: true, setBy: 'Sam Okafor' }, sameAsNetwork: [] });
    const hash = await store.get('network-password-hash');
    expect(hash).toMatch(/^scrypt\$/);
    expect(hash).not.toContain(NETWORK);
    // The network password itself is nowhere in the keychain.
    for (const account of await store.accounts()) expect(await store.get(account), account).not.toBe(NETWORK);

    const refused = await setPassword(cm(), t.ws.id, { siteId: X, password: NETWORK });
    expect(refused).toMatchObject({ stored: false, findings: [expect.objectContaining({ kind: 'same_as_network', message: expect.stringMatching(/city network password/) })] });
    expect(await store.get('site:2:password')).toBe(`${STRONG_X}-new`);

    // Setting the network password to a site's password flags that site without touching its password.
    const flagged = await setNetworkPassword(cm(), t.ws.id, STRONG_FB);
    expect(flagged.sameAsNetwork).toEqual([{ siteId: FB, siteName: expect.stringMatching(/\(Facebook\)$/) }]);
    expect((await entry(FB)).secrets?.password?.health.sameAsNetwork).toBe(true);
    await setNetworkPassword(cm(), t.ws.id, NETWORK);
    expect((await entry(FB)).secrets?.password?.health.sameAsNetwork).toBe(false);
  });

  it('[SEC-8] stores a weak password but flags it, counting the registry\u2019s own names as guessable', async () => {
    const weak = await setPassword(cm(), t.ws.id, { siteId: X, password: 'CityKalispell2026!' });
    expect(weak.stored).toBe(true);
    expect(weak.findings).toEqual([expect.objectContaining({ kind: 'weak' })]);
    expect((await entry(X)).secrets?.password?.health).toMatchObject({ weak: true, score: expect.any(Number) });
    expect(passwordStrength(cm(), 'CityKalispell2026!')).toMatchObject({ weak: true });
    expect(passwordStrength(cm(), STRONG_X)).toMatchObject({ weak: false, warning: null });
    await setPassword(cm(), t.ws.id, { siteId: X, password: STRONG_X });
    expect((await entry(X)).secrets?.password?.health.weak).toBe(false);
  });

  it('stores, lists (by name only), reveals and deletes API tokens', async () => {
    const token = `EAAB-${'q'.repeat(40)}-page-token`;
    const e = await setToken(cm(), t.ws.id, FB, 'graph-page', token);
    expect(e.secrets?.tokens).toEqual([{ name: 'graph-page', setAt: t.now.toISOString(), setBy: 'Jordan Avery' }]);
    expect(JSON.stringify(await vaultOverview(cm(), t.ws.id))).not.toContain(token);
    expect(await revealToken(cm(), t.ws.id, FB, 'graph-page', 'copy')).toEqual({ token });
    await rejectsWith(setToken(cm(), t.ws.id, FB, '../etc', token), 'invalid_input');
    expect((await deleteToken(cm(), t.ws.id, FB, 'graph-page')).secrets?.tokens).toEqual([]);
    expect(await store.get('site:1:token:graph-page')).toBeNull();
  });

  it('refuses new secrets for a retired site and changes nothing', async () => {
    const ctx = cm();
    const site = ctx.db.prepare("INSERT INTO sites (platform, handle, name, purpose, scope, status, created_by, created_at) VALUES ('instagram', 'oldsite', 'Old site', '', 'official', 'active', ?, ?) RETURNING id")
      .get(t.personId(CM), t.now.toISOString()) as { id: number };
    setSiteStatus(ctx, site.id, 'retired', 'closed');
    await rejectsWith(setPassword(ctx, t.ws.id, { siteId: site.id, password: STRONG_FB }), 'invalid_input');
    expect(await store.get(`site:${site.id}:password`)).toBeNull();
  });

  it('forbids the vault to an Employee, before the keychain is touched', async () => {
    const before = await store.accounts();
    const audits = vaultAuditCount();
    const employee = t.as(EMPLOYEE);
    const err = await rejectsWith(setPassword(employee, t.ws.id, { siteId: FB, password: 'another-Strong-pass-77' }), 'forbidden');
    expect(err.message).toBe('Employees may not store site passwords.');
    await rejectsWith(vaultOverview(employee, t.ws.id), 'forbidden');
    await rejectsWith(revealPassword(employee, t.ws.id, X, 'show'), 'forbidden');
    await rejectsWith(totpCode(employee, t.ws.id, X, 0), 'forbidden');
    await rejectsWith(setNetworkPassword(employee, t.ws.id, 'whatever-it-is-99'), 'forbidden');
    expect(() => passwordStrength(employee, 'x')).toThrow(/Employees may not/);
    expect(await store.accounts()).toEqual(before);
    expect(vaultAuditCount()).toBe(audits);
  });

  it('puts every keychain item back when a change cannot be committed', async () => {
    const before = await store.get('site:2:password');
    await expect(applyWrites(store, [{ account: 'site:2:password', value: 'half-done' }, { account: 'site:2:meta', value: null }], () => {
      throw new Error('audit failed');
    })).rejects.toThrow('audit failed');
    expect(await store.get('site:2:password')).toBe(before);
    expect((await entry(X)).secrets?.password?.health.weak).toBe(false);
  });

  it('[SEC-4] a stored password is nowhere in the workspace folder, the database file or the audit log; only in the keychain', async () => {
    const secret = `Unique-${Date.now()}-tamarack-Vole`;
    await setPassword(cm(), t.ws.id, { siteId: FB, password: secret, login: 'kalispell.comms' });
    await revealPassword(cm(), t.ws.id, FB, 'show');
    t.ws.db.pragma('wal_checkpoint(TRUNCATE)');
    const needles = [secret, Buffer.from(secret, 'utf16le').toString('latin1')];
    for (const file of filesUnder(t.dir)) {
      const bytes = readFileSync(file).toString('latin1');
      for (const n of needles) expect(bytes.includes(n), file).toBe(false);
    }
    expect(auditText()).not.toContain(secret);
    expect(await store.get('site:1:password')).toBe(secret);
  });

  it('[SEC-8] no audit row carries a password, hash or token', async () => {
    const text = auditText();
    for (const s of [STRONG_X, STRONG_FB, NETWORK, 'CityKalispell2026!', 'scrypt$', 'page-token']) expect(text).not.toContain(s);
    expect(text).toMatch(/vault\.password\.set/);
    expect(text).toMatch(/vault\.network\.set/);
    expect(text).toMatch(/vault\.token\.delete/);
  });

  it('says clearly when the keychain is missing, lists the sites without secrets, and stores nothing', () => {
    const script = `
      import { initWorkspace } from './main/workspace/workspace.ts';
      import { contextFor } from './main/workspace/workspace.ts';
      import { setPassword, vaultOverview } from './main/vault/service.ts';
      const ws = initWorkspace(process.env.WS_DIR, { demo: true });
      const ctx = contextFor(ws);
      const out = {};
      try { await setPassword(ctx, ws.id, { siteId: 2, password: process.env.SECRET }); out.set = 'STORED'; }
      catch (e) { out.set = { code: e.code, message: e.message }; }
      const overview = await vaultOverview(ctx, ws.id);
      out.keychain = overview.keychain;
      out.secrets = overview.entries.map((e) => e.secrets);
      out.vaultAudit = ws.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action LIKE 'vault.%'").get().n;
      ws.db.pragma('wal_checkpoint(TRUNCATE)');
      ws.close();
      console.log(JSON.stringify(out));`;
    const dir = join(t.dir, 'no-keychain');
    const secret = 'never-Stored-anywhere-4417';
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '', WS_DIR: dir, SECRET: secret };
    const stdout = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env, encoding: 'utf8', cwd: join(import.meta.dirname, '..', '..') });
    const out = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      set: { code: string; message: string }; keychain: { available: boolean; message: string }; secrets: unknown[]; vaultAudit: number;
    };
    expect(out.set.code).toBe('keychain_unavailable');
    expect(out.set.message).toMatch(/OS keychain is not available.*Nothing was stored/s);
    expect(out.keychain).toMatchObject({ available: false, message: expect.stringMatching(/not available/) });
    expect(out.secrets).toEqual([null, null]);
    expect(out.vaultAudit).toBe(0);
    for (const file of filesUnder(dir)) expect(readFileSync(file).includes(Buffer.from(secret)), file).toBe(false);
  });
});
