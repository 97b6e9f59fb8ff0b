import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCredentialStore, type CredentialStore } from '../../main/credentials/store';
import { dispatch } from '../../main/ipc/dispatch';
import type { Services } from '../../main/ipc/handlers';
import { getSite } from '../../main/registry/site-read';
import { encodeBase32 } from '../../main/vault/base32';
import { deleteTotp, setTotp, totpCode, vaultOverview } from '../../main/vault/service';
import { CM, demoWorkspace, IT_DIRECTOR, type TestWorkspace } from '../helpers/workspace';
import { qrPng } from './helpers/qr-encode';
import { referenceTotp } from './helpers/reference-totp';

// Run inside scripts/with-keyring.mjs: a real gnome-keyring in a private D-Bus session.
const FB = 1;
const X = 2;
const ascii = (s: string) => new TextEncoder().encode(s);
/** RFC 6238 appendix B: the ASCII seeds for SHA-1, SHA-256 and SHA-512. */
const RFC_SHA1 = encodeBase32(ascii('12345678901234567890'));
const RFC_SHA256 = encodeBase32(ascii('12345678901234567890123456789012'));
const RFC_SHA512 = encodeBase32(ascii('1234567890123456789012345678901234567890123456789012345678901234'));
/** X issues 10-byte secrets. */
const X_KEY_BYTES = Uint8Array.from([0x3d, 0xc6, 0xca, 0xa4, 0x82, 0x4a, 0x6d, 0x28, 0x87, 0x67]);

let t: TestWorkspace;
let store: CredentialStore;
let services: Services;

beforeAll(async () => {
  t = demoWorkspace();
  store = await openCredentialStore(t.ws.id);
  services = { workspace: t.ws, now: () => t.now };
});

afterAll(async () => {
  for (const a of await store.accounts()) await store.delete(a);
  t.cleanup();
});

const cm = () => t.as(CM);

describe('vault 2FA seeds and codes', () => {
  it('[SEC-2] adds a seed from an otpauth link and gives RFC 6238\u2019s codes at the given times (SHA-1, SHA-256, SHA-512)', async () => {
    const cases: [string, string, [number, string][]][] = [
      ['SHA1', RFC_SHA1, [[59, '94287082'], [1111111109, '07081804'], [1234567890, '89005924'], [20000000000, '65353130']]],
      ['SHA256', RFC_SHA256, [[59, '46119246'], [1111111111, '67062674'], [2000000000, '90698825']]],
      ['SHA512', RFC_SHA512, [[59, '90693936'], [1234567890, '93441116'], [20000000000, '47863826']]],
    ];
    for (const [algorithm, secret, vectors] of cases) {
      await setTotp(cm(), t.ws.id, X, { kind: 'uri', uri: `otpauth://totp/X:%40CityKalispell?secret=${secret}&issuer=X&algorithm=${algorithm}&digits=8&period=30` });
      for (const [at, code] of vectors) {
        expect(await totpCode(cm(), t.ws.id, X, at), `${algorithm} at ${at}`).toMatchObject({ code, digits: 8, period: 30, at });
      }
    }
    expect(await totpCode(cm(), t.ws.id, X, 59)).toMatchObject({ secondsRemaining: 1 });
    const at60 = await totpCode(cm(), t.ws.id, X, 60);
    expect(at60).toMatchObject({ secondsRemaining: 30, msRemaining: 30_000 });
    // The same code to the end of its step, with the exact time left for a countdown.
    expect(await totpCode(cm(), t.ws.id, X, 89.75)).toMatchObject({ code: at60.code, secondsRemaining: 1, msRemaining: 250 });
  });

  it('[SEC-2] accepts X\u2019s 10-byte secret typed as a Base32 key, in groups and lower case', async () => {
    const key = encodeBase32(X_KEY_BYTES).toLowerCase().replace(/(.{4})/g, '$1 ').trim();
    const result = await setTotp(cm(), t.ws.id, X, { kind: 'key', key });
    expect(result.entry.secrets?.totp).toMatchObject({ issuer: 'X account', account: '@CityKalispell', algorithm: 'SHA1', digits: 6, period: 30, setBy: 'Jordan Avery' });
    for (const at of [0, 59, 1_700_000_000, 1_781_234_567]) {
      expect((await totpCode(cm(), t.ws.id, X, at)).code).toBe(referenceTotp(X_KEY_BYTES, 'SHA1', 6, 30, at));
    }
  });

  it('[SEC-2] reads a seed from a QR code image and offers, without making, the registry change to mark 2FA on', async () => {
    const secret = encodeBase32(Uint8Array.from({ length: 20 }, (_, i) => (i * 37 + 11) & 0xff));
    const uri = `otpauth://totp/Facebook:comms%40kalispell.example?secret=${secret}&issuer=Facebook`;
    // The demo X site records 2FA as off; the Facebook site as on.
    const x = await setTotp(cm(), t.ws.id, X, { kind: 'qr', png: qrPng(uri) });
    expect(x.offerTwofa).toBe(true);
    expect(getSite(cm(), X).twofaEnabled).toBe(false);
    expect(JSON.parse(await store.get('site:2:totp') ?? '{}')).toMatchObject({ secret, issuer: 'Facebook', account: 'comms@kalispell.example' });
    const at = 1_781_000_000;
    expect((await totpCode(cm(), t.ws.id, X, at)).code).toBe(referenceTotp(Uint8Array.from({ length: 20 }, (_, i) => (i * 37 + 11) & 0xff), 'SHA1', 6, 30, at));

    expect((await setTotp(cm(), t.ws.id, FB, { kind: 'uri', uri })).offerTwofa).toBe(false);
    // The IT Director may use the vault but not change the registry, so nothing is offered.
    expect((await setTotp(t.as(IT_DIRECTOR), t.ws.id, X, { kind: 'uri', uri })).offerTwofa).toBe(false);
  });

  it('[SEC-2] refuses a bad link, key or image with a clear message and stores nothing', async () => {
    await deleteTotp(cm(), t.ws.id, FB);
    const cases: [Parameters<typeof setTotp>[3], RegExp][] = [
      [{ kind: 'uri', uri: 'otpauth://hotp/X?secret=JBSWY3DPEHPK3PXP&counter=1' }, /counter-based \(HOTP\)/],
      [{ kind: 'uri', uri: 'https://example.org' }, /must start with otpauth:\/\//],
      [{ kind: 'key', key: 'JBSWY3DPEHPK3PX0' }, /did you mean O/],
      [{ kind: 'key', key: 'JBSWY3DP' }, /too short/],
      [{ kind: 'qr', png: new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3]) }, /JPEG/],
      [{ kind: 'qr', png: qrPng('https://kalispell.com') }, /not a 2FA setup code/],
    ];
    for (const [source, message] of cases) {
      await expect(setTotp(cm(), t.ws.id, FB, source), JSON.stringify(source).slice(0, 60)).rejects.toThrow(message);
    }
    expect(await store.get('site:1:totp')).toBeNull();
    await expect(totpCode(cm(), t.ws.id, FB, 0)).rejects.toThrow(/No 2FA seed is stored/);
  });

  it('[SEC-2] over the IPC contract: the code uses main\u2019s clock, the list never carries a seed, a password or a token', async () => {
    const secret = RFC_SHA1;
    const png = Buffer.from(qrPng(`otpauth://totp/X:CityKalispell?secret=${secret}&digits=8`)).toString('base64');
    const set = await dispatch(services, 'vault.totp.set', { siteId: X, source: { kind: 'qr', pngBase64: png } });
    expect(set).toMatchObject({ ok: true, value: { offerTwofa: true } });
    t.setNow(new Date(59_000));
    expect(await dispatch(services, 'vault.totp.code', { siteId: X })).toEqual({ ok: true, value: { code: '94287082', secondsRemaining: 1, msRemaining: 1000, period: 30, digits: 8, at: 59 } });
    t.setNow(new Date('2026-06-01T15:00:00Z'));

    const password = 'wren-Basalt-mitten-38-quarry';
    expect(await dispatch(services, 'vault.password.set', { siteId: X, password, login: '@CityKalispell' })).toMatchObject({ ok: true, value: { stored: true } });
    expect(await dispatch(services, 'vault.token.set', { siteId: X, name: 'api-bearer', token: 'AAAA-bearer-token-value' })).toMatchObject({ ok: true });
    const list = await dispatch(services, 'vault.list', undefined);
    expect(list).toMatchObject({ ok: true, value: { keychain: { available: true }, entries: [{ siteId: FB }, { siteId: X, secrets: { totp: { digits: 8 } } }] } });
    const wire = JSON.stringify(list);
    for (const secretText of [secret, password, 'AAAA-bearer-token-value', 'scrypt$']) expect(wire).not.toContain(secretText);

    expect(await dispatch(services, 'vault.password.reveal', { siteId: X, purpose: 'show' })).toEqual({ ok: true, value: { password } });
    expect(await dispatch(services, 'vault.password.reveal', { siteId: X })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch(services, 'vault.totp.set', { siteId: X, source: { kind: 'qr', pngBase64: 'not base64!' } })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(await dispatch(services, 'vault.password.set', { siteId: X, password: '' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('[SEC-2] removing a seed leaves the registry as it was', async () => {
    const before = getSite(cm(), X).twofaEnabled;
    const entry = await deleteTotp(cm(), t.ws.id, X);
    expect(entry.secrets?.totp).toBeNull();
    expect(await store.get('site:2:totp')).toBeNull();
    expect(getSite(cm(), X).twofaEnabled).toBe(before);
    expect((await vaultOverview(cm(), t.ws.id)).entries.find((e) => e.siteId === X)?.secrets?.totp).toBeNull();
  });
});
