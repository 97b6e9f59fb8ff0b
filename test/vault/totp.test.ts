import fc from 'fast-check';
import { generate } from 'otplib';
import { describe, expect, it } from 'vitest';
import { encodeBase32 } from '../../main/vault/base32';
import { VaultInputError } from '../../main/vault/errors';
import type { TotpAlgorithm, TotpSeed } from '../../main/vault/seed';
import { codeAt, generateCode, secondsRemaining, timeStep } from '../../main/vault/totp';
import { referenceTotp } from './helpers/reference-totp';

const ascii = (s: string) => new TextEncoder().encode(s);

/** RFC 6238 Appendix B: the seeds are ASCII digit strings of 20, 32 and 64 bytes. */
const RFC_SEEDS: Record<TotpAlgorithm, string> = {
  SHA1: '12345678901234567890',
  SHA256: '12345678901234567890123456789012',
  SHA512: '1234567890123456789012345678901234567890123456789012345678901234',
};

const RFC_VECTORS: [number, Record<TotpAlgorithm, string>][] = [
  [59, { SHA1: '94287082', SHA256: '46119246', SHA512: '90693936' }],
  [1111111109, { SHA1: '07081804', SHA256: '68084774', SHA512: '25091201' }],
  [1111111111, { SHA1: '14050471', SHA256: '67062674', SHA512: '99943326' }],
  [1234567890, { SHA1: '89005924', SHA256: '91819424', SHA512: '93441116' }],
  [2000000000, { SHA1: '69279037', SHA256: '90698825', SHA512: '38618901' }],
  [20000000000, { SHA1: '65353130', SHA256: '77737706', SHA512: '47863826' }],
];

function rfcSeed(algorithm: TotpAlgorithm): TotpSeed {
  return { secret: encodeBase32(ascii(RFC_SEEDS[algorithm])), algorithm, digits: 8, period: 30 };
}

describe('totp', () => {
  for (const algorithm of ['SHA1', 'SHA256', 'SHA512'] as const) {
    it(`[SEC-2] generates RFC 6238 Appendix B ${algorithm} codes at all six times`, async () => {
      for (const [time, expected] of RFC_VECTORS) {
        expect(await generateCode(rfcSeed(algorithm), time), `${algorithm} at ${time}`).toBe(expected[algorithm]);
      }
    });
  }

  it('[SEC-2] accepts the 10-byte secrets X issues (otplib refuses them by default)', async () => {
    const tenBytes = new Uint8Array([0x48, 0x65, 0x6c, 0x6c, 0x6f, 0x21, 0xde, 0xad, 0xbe, 0xef]);
    const seed: TotpSeed = { secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30 };
    expect(encodeBase32(tenBytes)).toBe(seed.secret);
    await expect(generate({ secret: seed.secret, epoch: 1_700_000_000 })).rejects.toThrow(/at least 16 bytes/);
    expect(await generateCode(seed, 1_700_000_000)).toBe(referenceTotp(tenBytes, 'SHA1', 6, 30, 1_700_000_000));
  });

  it('[SEC-2] matches an independent RFC 6238 implementation for any key, algorithm, digits, period and time', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 10, maxLength: 64 }),
        fc.constantFrom<TotpAlgorithm>('SHA1', 'SHA256', 'SHA512'),
        fc.constantFrom<6 | 8>(6, 8),
        fc.integer({ min: 1, max: 300 }),
        fc.integer({ min: 0, max: 40_000_000_000 }),
        async (key, algorithm, digits, period, at) => {
          const seed: TotpSeed = { secret: encodeBase32(key), algorithm, digits, period };
          expect(await generateCode(seed, at)).toBe(referenceTotp(key, algorithm, digits, period, at));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('[SEC-2] 6-digit codes keep leading zeros and use a 60 s period when asked', async () => {
    const seed: TotpSeed = { ...rfcSeed('SHA1'), digits: 6 };
    // RFC value 07081804 at 1111111109 → the last six digits.
    expect(await generateCode(seed, 1111111109)).toBe('081804');
    const sixty: TotpSeed = { ...seed, period: 60 };
    expect(await generateCode(sixty, 0)).toBe(await generateCode(sixty, 59));
    expect(await generateCode(sixty, 59)).not.toBe(await generateCode(sixty, 60));
  });

  it('[SEC-2] counts down the seconds left in the current period', () => {
    const seed = { period: 30 };
    expect(secondsRemaining(seed, 0)).toBe(30);
    expect(secondsRemaining(seed, 1)).toBe(29);
    expect(secondsRemaining(seed, 29)).toBe(1);
    expect(secondsRemaining(seed, 29.999)).toBe(1);
    expect(secondsRemaining(seed, 30)).toBe(30);
    expect(secondsRemaining({ period: 60 }, 1111111109)).toBe(60 - (1111111109 % 60));
    expect(timeStep(seed, 59)).toBe(1);
    expect(timeStep(seed, 20000000000)).toBe(666666666);
  });

  it('[SEC-2] the code and countdown from codeAt agree with the separate calls', async () => {
    const seed = rfcSeed('SHA256');
    const view = await codeAt(seed, 1234567890);
    expect(view).toEqual({ code: '91819424', secondsRemaining: 30 - (1234567890 % 30), period: 30 });
  });

  it('[SEC-2] fractional times use the whole second they fall in', async () => {
    const seed = rfcSeed('SHA1');
    expect(await generateCode(seed, 59.9)).toBe('94287082');
  });

  it('refuses bad times with a clear error', async () => {
    const seed = rfcSeed('SHA1');
    for (const bad of [-1, Number.NaN, Number.POSITIVE_INFINITY]) {
      await expect(generateCode(seed, bad)).rejects.toThrow(/non-negative number of Unix seconds/);
    }
    expect(() => secondsRemaining({ period: 0 }, 10)).toThrow(VaultInputError);
    expect(() => secondsRemaining({ period: 1.5 }, 10)).toThrow(/whole number of seconds/);
  });

  it('refuses a corrupt seed instead of producing a plausible code', async () => {
    const good = rfcSeed('SHA1');
    const cases: [unknown, RegExp][] = [
      [{ ...good, digits: 7 }, /digits/],
      [{ ...good, algorithm: 'MD5' }, /algorithm/],
      [{ ...good, period: 0 }, /period/],
      [{ ...good, period: 301 }, /period/],
      [{ ...good, secret: 'not base32!' }, /not valid Base32/],
      [{ ...good, secret: 'AAAAAAAA' }, /too short/],
      [{ ...good, secret: encodeBase32(new Uint8Array(65)) }, /too long/],
      [{ ...good, extra: 1 }, /Invalid 2FA seed/],
      [null, /Invalid 2FA seed/],
    ];
    for (const [seed, message] of cases) {
      await expect(generateCode(seed as TotpSeed, 59)).rejects.toThrow(message);
    }
  });
});
