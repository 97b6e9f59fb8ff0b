import { spawnSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../main/cli/main';
import type { Io } from '../../main/cli/output';
import { openCredentialStore } from '../../main/credentials/store';
import { encodeBase32 } from '../../main/vault/base32';
import { tempDir } from '../helpers/workspace';
import { qrPng } from './helpers/qr-encode';
import { referenceTotp } from './helpers/reference-totp';

// Run inside scripts/with-keyring.mjs: a real gnome-keyring in a private D-Bus session.
const root = join(import.meta.dirname, '..', '..');
const dir = tempDir();
const demo = join(dir, 'demo');
let workspaceId = '';
const RFC_SHA1 = encodeBase32(new TextEncoder().encode('12345678901234567890'));

async function run(args: string[], stdin?: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const io: Io = {
    out: (t) => { out += `${t}\n`; },
    err: (t) => { err += `${t}\n`; },
    env: { CIVICDESK_DATA_DIR: demo },
    ...(stdin !== undefined ? { stdin: Readable.from([stdin]) } : {}),
  };
  return { code: await main(args, io), out, err };
}

async function secrets(): Promise<Record<string, string | null>> {
  const store = await openCredentialStore(workspaceId);
  const out: Record<string, string | null> = {};
  for (const a of await store.accounts()) out[a] = await store.get(a);
  return out;
}

beforeAll(async () => {
  const init = await run(['init', '--demo', '--json']);
  expect(init.code, init.err).toBe(0);
  workspaceId = (JSON.parse(init.out) as { workspaceId: string }).workspaceId;
});

afterAll(async () => {
  const store = await openCredentialStore(workspaceId);
  for (const a of await store.accounts()) await store.delete(a);
  rmSync(dir, { recursive: true, force: true });
});

describe('civicdesk vault', () => {
  it('[SEC-8] set-password reads one line from stdin and stores it in the keychain, by handle or id', async () => {
    const r = await run(['vault', 'set-password', '@CityKalispell', '--login', '@CityKalispell'], 'heron-Granite-pickle-73-meadow\nignored second line\n');
    expect(r, r.err).toMatchObject({ code: 0, err: '' });
    expect(r.out).toMatch(/Stored the password for City of Kalispell \(X\) \(@CityKalispell\) in the OS keychain/);
    expect(r.out).not.toContain('heron');
    expect((await secrets())['site:2:password']).toBe('heron-Granite-pickle-73-meadow');

    const weak = await run(['vault', 'set-password', '1', '--json'], 'kalispell1\r\n');
    expect(weak.code, weak.err).toBe(0);
    expect(JSON.parse(weak.out)).toMatchObject({ stored: true, siteId: 1, findings: [{ kind: 'weak' }] });
    expect((await secrets())['site:1:password']).toBe('kalispell1');
  });

  it('[SEC-8] set-password refuses another site\u2019s password with exit 2 and changes nothing, unless --confirm', async () => {
    const before = await secrets();
    const r = await run(['vault', 'set-password', 'CityofKalispell'], 'heron-Granite-pickle-73-meadow\n');
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/Not stored\. This is the same password as City of Kalispell \(X\).*--confirm/);
    expect(await secrets()).toEqual(before);

    const confirmed = await run(['vault', 'set-password', 'CityofKalispell', '--confirm'], 'heron-Granite-pickle-73-meadow\n');
    expect(confirmed.code, confirmed.err).toBe(0);
    expect(confirmed.out).toMatch(/Warning: This is the same password as City of Kalispell \(X\)/);
  });

  it('[SEC-2] set-totp --uri stores the seed, offers the registry change, and code --at prints RFC 6238\u2019s code', async () => {
    const r = await run(['vault', 'set-totp', 'CityKalispell', '--uri', `otpauth://totp/X:CityKalispell?secret=${RFC_SHA1}&digits=8`]);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Stored the 2FA seed.*\n.*registry still records 2FA as off.*--mark-2fa-on/s);
    expect(await run(['vault', 'code', 'CityKalispell', '--at', '59', '--json'])).toEqual({ code: 0, out: '{"code":"94287082"}\n', err: '' });
    expect(await run(['vault', 'code', '2', '--at', '1111111109'])).toMatchObject({ code: 0, out: '07081804\n' });
  });

  it('[SEC-2] set-totp takes a key or a QR image too, and --mark-2fa-on records 2FA as on in the registry', async () => {
    const bytes = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const png = join(dir, 'qr.png');
    writeFileSync(png, qrPng(`otpauth://totp/X:CityKalispell?secret=${encodeBase32(bytes)}`));
    expect((await run(['vault', 'set-totp', '2', '--qr', png])).code).toBe(0);
    expect((await run(['vault', 'code', '2', '--at', '1781000000'])).out).toBe(`${referenceTotp(bytes, 'SHA1', 6, 30, 1781000000)}\n`);

    const marked = await run(['vault', 'set-totp', '2', '--key', encodeBase32(bytes), '--mark-2fa-on', '--json']);
    expect(marked.code, marked.err).toBe(0);
    expect(JSON.parse(marked.out)).toEqual({ stored: true, siteId: 2, twofaMarkedOn: true, offerTwofa: false });
    const sites = JSON.parse((await run(['registry', 'sites', '--json'])).out) as { id: number; twofaEnabled: boolean }[];
    expect(sites.find((s) => s.id === 2)?.twofaEnabled).toBe(true);
  });

  it('errors go to stderr with exit 2 and change nothing', async () => {
    const before = await secrets();
    const cases: [string[], string | undefined, RegExp][] = [
      [['vault', 'set-password', 'nosuchhandle'], 'x-Strong-enough-pass-12\n', /No site with handle "nosuchhandle"/],
      [['vault', 'set-password', '99'], 'x-Strong-enough-pass-12\n', /No site with id 99/],
      [['vault', 'set-password', '2'], '', /No password on standard input/],
      [['vault', 'set-password', '2'], undefined, /Give the password on standard input/],
      [['vault', 'set-password'], 'pw\n', /Name one site/],
      [['vault', 'set-totp', '2'], undefined, /exactly one of --uri, --key or --qr/],
      [['vault', 'set-totp', '2', '--uri', 'otpauth://totp/X?secret=ABC'], undefined, /not valid Base32|too short/],
      [['vault', 'set-totp', '2', '--qr', join(dir, 'missing.png')], undefined, /Cannot read the QR code image/],
      [['vault', 'code', '2', '--at', 'yesterday'], undefined, /--at takes a time in whole Unix seconds/],
      [['vault', 'code', '1'], undefined, /No 2FA seed is stored for City of Kalispell \(Facebook\)/],
      [['vault', 'code', '2', '--bogus'], undefined, /Unknown option/],
    ];
    for (const [args, stdin, message] of cases) {
      const r = await run(args, stdin);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.err, args.join(' ')).toMatch(message);
      expect(r.out, args.join(' ')).toBe('');
    }
    expect(await secrets()).toEqual(before);
  });

  it('acts as the owner: an Employee\u2019s workspace may not use the vault', async () => {
    const ws = join(dir, 'employee');
    expect((await run(['init', '--name', 'Drew Patel', '--email', 'drew@example.org', '--role', 'employee', '--data-dir', ws])).code).toBe(0);
    const r = await run(['vault', 'code', '1', '--data-dir', ws]);
    expect(r).toMatchObject({ code: 2, out: '' });
    expect(r.err).toMatch(/Employees may not use the vault/);
  });

  it('[SEC-2] the real executable prints the code as JSON', () => {
    const r = spawnSync(process.execPath, [join(root, 'bin', 'civicdesk.mjs'), 'vault', 'code', 'CityKalispell', '--at', '59', '--json', '--data-dir', demo], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
    const bytes = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(JSON.parse(r.stdout)).toEqual({ code: referenceTotp(bytes, 'SHA1', 6, 30, 59) });
  });
});
