import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openCredentialStore, serviceName } from '../../main/credentials/store';
import { demoWorkspace } from '../helpers/workspace';

// These tests talk to a real Secret Service: `npm test` runs them inside a private D-Bus session
// with gnome-keyring unlocked (scripts/with-keyring.mjs).
const workspaceId = `test-${randomUUID()}`;

afterAll(async () => {
  const store = await openCredentialStore(workspaceId);
  for (const a of await store.accounts()) await store.delete(a);
});

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? filesUnder(p) : [p];
  });
}

describe('credential store on the OS keychain', () => {
  it('stores, reads, lists and deletes secrets in the keychain under the workspace\u2019s service', async () => {
    const store = await openCredentialStore(workspaceId);
    expect(store.service).toBe(serviceName(workspaceId));
    await store.set('site:1:password', 'correct horse battery staple');
    await store.set('site:1:totp', 'JBSWY3DPEHPK3PXP');
    expect(await store.get('site:1:password')).toBe('correct horse battery staple');
    expect(await store.accounts()).toEqual(['site:1:password', 'site:1:totp']);
    expect(await store.delete('site:1:totp')).toBe(true);
    expect(await store.get('site:1:totp')).toBeNull();
  });

  it('keeps workspaces apart: another workspace\u2019s store does not see the secret', async () => {
    const store = await openCredentialStore(workspaceId);
    await store.set('site:9:password', 'only-here');
    const other = await openCredentialStore(`test-${randomUUID()}`);
    expect(await other.get('site:9:password')).toBeNull();
  });

  it('refuses bad credential names and empty secrets', async () => {
    const store = await openCredentialStore(workspaceId);
    await expect(store.set('../etc', 'x')).rejects.toThrow(/not a valid credential name/);
    await expect(store.set('site:1:password', '')).rejects.toThrow(/empty secret/);
  });

  it('a stored secret is nowhere in the workspace folder or its database', async () => {
    const t = demoWorkspace();
    try {
      const store = await openCredentialStore(t.ws.id);
      const secret = `s3cret-${randomUUID()}`;
      await store.set('site:1:password', secret);
      t.ws.db.pragma('wal_checkpoint(TRUNCATE)');
      for (const f of filesUnder(t.dir)) expect(readFileSync(f).includes(Buffer.from(secret)), f).toBe(false);
      await store.delete('site:1:password');
    } finally {
      t.cleanup();
    }
  });

  it('says clearly that the keychain is missing when there is no Secret Service, and stores nothing', () => {
    const script = `
      import { openCredentialStore } from './main/credentials/store.ts';
      try { await openCredentialStore('no-keychain', { timeoutMs: 3000 }); console.log('OPENED'); }
      catch (e) { console.log(JSON.stringify({ code: e.code, message: e.message })); }`;
    const env = { ...process.env, DBUS_SESSION_BUS_ADDRESS: 'unix:path=/nonexistent/bus', DISPLAY: '' };
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { env, encoding: 'utf8' });
    const result = JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { code: string; message: string };
    expect(result.code).toBe('keychain_unavailable');
    expect(result.message).toMatch(/OS keychain is not available.*Nothing was stored/s);
  });
});
