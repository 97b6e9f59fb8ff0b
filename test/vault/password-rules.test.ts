import { describe, expect, it } from 'vitest';
import { VaultInputError } from '../../main/vault/errors';
import { checkPassword, hashNetworkPassword, hashSitePassword, type SiteHash } from '../../main/vault/password-rules';
import { DEFAULT_SCRYPT, hashSecret, needsRehash, verifySecret, type ScryptParams } from '../../main/vault/scrypt';
import { estimateStrength } from '../../main/vault/strength';

/** The lowest cost scrypt.ts accepts, so these tests stay fast; one test uses the defaults. */
const FAST: ScryptParams = { N: 2 ** 10, r: 8, p: 1 };

const STRONG = 'cobalt-harbor-lantern-97-quietly';

describe('hashSecret / verifySecret', () => {
  it('[SEC-8] stores algorithm, parameters, salt and hash, never the password', async () => {
    const stored = await hashSecret('Tr1cky password!', FAST);
    expect(stored).toMatch(/^scrypt\$v=1\$N=1024,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(stored).not.toContain('Tr1cky');
    expect(await verifySecret('Tr1cky password!', stored)).toBe(true);
    expect(await verifySecret('Tr1cky password?', stored)).toBe(false);
    expect(await verifySecret('tr1cky password!', stored)).toBe(false);
  });

  it('[SEC-8] salts every hash, so equal passwords do not give equal records', async () => {
    const a = await hashSecret('same password', FAST);
    const b = await hashSecret('same password', FAST);
    expect(a).not.toBe(b);
    expect(await verifySecret('same password', a)).toBe(true);
    expect(await verifySecret('same password', b)).toBe(true);
  });

  it('[SEC-8] uses OWASP-strength parameters by default and verifies with them', async () => {
    expect(DEFAULT_SCRYPT).toEqual({ N: 131072, r: 8, p: 1 });
    const stored = await hashSecret('default cost');
    expect(stored).toContain('$N=131072,r=8,p=1$');
    expect(await verifySecret('default cost', stored)).toBe(true);
    expect(needsRehash(stored)).toBe(false);
    expect(needsRehash(await hashSecret('x', FAST))).toBe(true);
  });

  it('[SEC-8] treats composed and decomposed accents as the same password (NFKC)', async () => {
    const stored = await hashSecret('caf\u00e9 au lait', FAST);
    expect(await verifySecret('cafe\u0301 au lait', stored)).toBe(true);
  });

  it('refuses malformed or dangerous records instead of reading them as "different"', async () => {
    const good = await hashSecret('pw', FAST);
    const records = [
      '',
      'plaintext-password',
      good.replace('scrypt$', 'bcrypt$'),
      good.replace('N=1024', 'N=1000'), // not a power of two
      good.replace('N=1024', 'N=16'), // too cheap to protect anything
      good.replace('N=1024', 'N=16777216'), // 16 GiB: a corrupt record must not pin memory
      good.replace('r=8', 'r=0'),
      good.replace('p=1', 'p=99'),
      good.slice(0, -30),
    ];
    for (const record of records) {
      await expect(verifySecret('pw', record), record).rejects.toBeInstanceOf(VaultInputError);
    }
    await expect(verifySecret('pw', null as unknown as string)).rejects.toThrow(/not in a recognized format/);
  });

  it('refuses empty and huge passwords with clear errors', async () => {
    await expect(hashSecret('', FAST)).rejects.toThrow(/empty/);
    await expect(hashSecret('x'.repeat(1025), FAST)).rejects.toThrow(/too long/);
    await expect(hashSecret('x', { N: 3, r: 8, p: 1 })).rejects.toThrow(/Unsupported scrypt parameters/);
  });
});

describe('checkPassword', () => {
  async function sites(): Promise<SiteHash[]> {
    return [
      await hashSitePassword('fb', 'Facebook: City of Kalispell', 'shared-Secret-2024!', FAST),
      await hashSitePassword('x', 'X: @CityOfKalispell', 'orbit-meadow-cactus-71-sorrel', FAST),
    ];
  }

  it('[SEC-8] reports a password already used by another site, naming the site', async () => {
    const result = await checkPassword('shared-Secret-2024!', { otherSites: await sites() });
    expect(result.ok).toBe(false);
    expect(result.findings).toContainEqual(expect.objectContaining({ kind: 'same_as_site', siteId: 'fb', label: 'Facebook: City of Kalispell' }));
    expect(result.findings.find((f) => f.kind === 'same_as_site')?.message).toMatch(/same password as Facebook: City of Kalispell/);
  });

  it('[SEC-8] does not count the site being edited as reuse', async () => {
    const result = await checkPassword('orbit-meadow-cactus-71-sorrel', { otherSites: await sites(), currentSiteId: 'x' });
    expect(result.findings.filter((f) => f.kind === 'same_as_site')).toEqual([]);
    const without = await checkPassword('orbit-meadow-cactus-71-sorrel', { otherSites: await sites() });
    expect(without.findings).toContainEqual(expect.objectContaining({ kind: 'same_as_site', siteId: 'x' }));
  });

  it('[SEC-8] reports the city network password', async () => {
    const networkHash = await hashNetworkPassword(STRONG, FAST);
    const result = await checkPassword(STRONG, { otherSites: [], networkHash });
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'same_as_network' })]);
    expect(result.ok).toBe(false);
  });

  it('[SEC-8] reports weak passwords with zxcvbn feedback', async () => {
    for (const weak of ['password', 'password123', 'qwertyuiop', 'aaaaaaaaaaaa', 'abc12345', 'Kalispell2024']) {
      const result = await checkPassword(weak, { otherSites: [] });
      const finding = result.findings.find((f) => f.kind === 'weak');
      expect(finding, weak).toBeDefined();
      expect(result.score, weak).toBeLessThan(3);
      if (finding?.kind === 'weak') expect(finding.message.length).toBeGreaterThan(0);
    }
    const repeat = await checkPassword('aaaaaaaaaaaa', { otherSites: [] });
    expect(repeat.findings[0]).toMatchObject({ kind: 'weak', warning: expect.stringMatching(/Repeated characters/) });
  });

  it('[SEC-8] counts the site\'s own name and handle as guessable', async () => {
    expect(estimateStrength('CityOfKalispellFB').score).toBeGreaterThanOrEqual(3);
    const result = await checkPassword('CityOfKalispellFB', { otherSites: [], userInputs: ['CityOfKalispell', 'Facebook', 'fb'] });
    expect(result.score).toBeLessThan(3);
    expect(result.findings).toEqual([expect.objectContaining({ kind: 'weak', warning: expect.stringMatching(/site, the city/) })]);
  });

  it('[SEC-8] accepts a strong, unique password and reports every problem at once otherwise', async () => {
    const networkHash = await hashNetworkPassword('password', FAST);
    const ok = await checkPassword(STRONG, { otherSites: await sites(), networkHash });
    expect(ok).toMatchObject({ ok: true, findings: [] });
    expect(ok.score).toBeGreaterThanOrEqual(3);

    const reused = [await hashSitePassword('ig', 'Instagram', 'password', FAST)];
    const bad = await checkPassword('password', { otherSites: reused, networkHash });
    expect(bad.findings.map((f) => f.kind).sort()).toEqual(['same_as_network', 'same_as_site', 'weak']);
  });

  it('refuses an empty candidate and surfaces a corrupt stored hash', async () => {
    await expect(checkPassword('', { otherSites: [] })).rejects.toThrow(/empty/);
    await expect(checkPassword(STRONG, { otherSites: [{ siteId: 'fb', label: 'Facebook', hash: 'garbage' }] })).rejects.toThrow(
      /not in a recognized format/,
    );
  });

  it('scores very long passwords without hanging', async () => {
    const started = Date.now();
    const result = await checkPassword('Zq7!'.repeat(250), { otherSites: [] });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.score).toBeGreaterThanOrEqual(0);
  });
});
