import { describe, expect, it } from 'vitest';
import { VaultInputError } from '../../main/vault/errors';
import { assessPassphrase, checkPassphrase, createPassphraseRecord, passphraseNeedsRehash } from '../../main/vault/passphrase';
import type { ScryptParams } from '../../main/vault/scrypt';

const FAST: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };
const GOOD = 'juniper kettle orbit 42 canvas';

describe('passphrase', () => {
  it('[SEC-3] stores only a salted scrypt record and checks the passphrase against it', async () => {
    const record = await createPassphraseRecord(GOOD, { params: FAST });
    expect(record).toMatch(/^scrypt\$/);
    expect(record).not.toContain('juniper');
    expect(await checkPassphrase(GOOD, record)).toBe(true);
    expect(await checkPassphrase('juniper kettle orbit 42 canva', record)).toBe(false);
    expect(await checkPassphrase('', record)).toBe(false);
  });

  it('[SEC-3] uses the default (slow) scrypt parameters unless told otherwise', async () => {
    const record = await createPassphraseRecord(GOOD);
    expect(record).toContain('$N=131072,r=8,p=1$');
    expect(passphraseNeedsRehash(record)).toBe(false);
    expect(passphraseNeedsRehash(await createPassphraseRecord(GOOD, { params: FAST }))).toBe(true);
    expect(await checkPassphrase(GOOD, record)).toBe(true);
  });

  it('[SEC-3] hashes without blocking the event loop (async scrypt)', async () => {
    let ticks = 0;
    const timer = setInterval(() => {
      ticks += 1;
    }, 1);
    try {
      await createPassphraseRecord(GOOD);
    } finally {
      clearInterval(timer);
    }
    expect(ticks).toBeGreaterThan(0);
  });

  it('[SEC-3] refuses passphrases that are short or guessable, saying why', async () => {
    const cases: [string, RegExp][] = [
      ['Sh0rt!pass', /at least 12 characters \(this has 10\)/],
      ['passwordpassword', /not strong enough: Repeated patterns/],
      ['Password123456', /not strong enough: This is similar to a commonly used password/],
      ['qwertyuiopasdf', /not strong enough/],
      ['aaaaaaaaaaaaaaaa', /Repeated characters/],
    ];
    for (const [pass, message] of cases) {
      await expect(createPassphraseRecord(pass, { params: FAST }), pass).rejects.toThrow(message);
      await expect(createPassphraseRecord(pass, { params: FAST })).rejects.toBeInstanceOf(VaultInputError);
    }
    await expect(createPassphraseRecord('', { params: FAST })).rejects.toThrow(/Enter a passphrase/);
  });

  it('[SEC-3] gives live feedback with the same rule it enforces', () => {
    expect(assessPassphrase(GOOD)).toMatchObject({ acceptable: true, problem: null });
    expect(assessPassphrase('short')).toMatchObject({ acceptable: false, problem: expect.stringMatching(/at least 12/) });
    expect(assessPassphrase('CityOfKalispellFB').acceptable).toBe(true);
    expect(assessPassphrase('CityOfKalispellFB', ['CityOfKalispell', 'fb'])).toMatchObject({
      acceptable: false,
      problem: expect.stringMatching(/site, the city/),
    });
    // Length counts characters, not UTF-16 units: 12 emoji are 12 characters.
    expect(assessPassphrase('🦊🐻🦉🐺🦌🐟🦅🐿🦫🐸🦎🐍').problem ?? '').not.toMatch(/at least 12/);
  });

  it('[SEC-3] rejects a corrupt record rather than letting anyone in', async () => {
    await expect(checkPassphrase(GOOD, 'not a record')).rejects.toBeInstanceOf(VaultInputError);
  });
});
