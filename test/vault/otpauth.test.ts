import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBase32, encodeBase32, normalizeBase32 } from '../../main/vault/base32';
import { VaultInputError, type VaultInputReason } from '../../main/vault/errors';
import { formatOtpauthUri, parseBase32Key, parseOtpauthUri, seedFromKey } from '../../main/vault/otpauth';
import type { TotpSeed } from '../../main/vault/seed';

function reasonOf(fn: () => unknown): VaultInputReason | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (err) {
    if (err instanceof VaultInputError) return err.reason;
    throw err;
  }
}

describe('base32', () => {
  it('[SEC-2] decodes RFC 4648 test vectors and encodes them back', () => {
    const vectors: [string, string][] = [
      ['f', 'MY'],
      ['fo', 'MZXQ'],
      ['foo', 'MZXW6'],
      ['foob', 'MZXW6YQ'],
      ['fooba', 'MZXW6YTB'],
      ['foobar', 'MZXW6YTBOI'],
    ];
    for (const [plain, b32] of vectors) {
      expect(new TextDecoder().decode(decodeBase32(b32))).toBe(plain);
      expect(encodeBase32(new TextEncoder().encode(plain))).toBe(b32);
      expect(normalizeBase32(`${b32.toLowerCase()}${'='.repeat((8 - (b32.length % 8)) % 8)}`)).toBe(b32);
    }
  });

  it('[SEC-2] round-trips any bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 100 }), (bytes) => {
        fc.pre(bytes.length > 0);
        expect(decodeBase32(encodeBase32(bytes))).toEqual(bytes);
      }),
    );
  });
});

describe('parseBase32Key', () => {
  it('[SEC-2] tolerates spaces, dashes, lower case and padding in a typed key', () => {
    expect(parseBase32Key('jbsw y3dp ehpk 3pxp')).toBe('JBSWY3DPEHPK3PXP');
    expect(parseBase32Key('  JBSW-Y3DP-EHPK-3PXP\n')).toBe('JBSWY3DPEHPK3PXP');
    expect(parseBase32Key('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ');
    expect(parseBase32Key('mfrggzdfmztwq2lk====')).toBe('MFRGGZDFMZTWQ2LK');
  });

  it('rejects bad Base32 with the position of the first bad character and look-alike hints', () => {
    expect(() => parseBase32Key('JBSWY3DPEHPK3PX0')).toThrow(/character 16 \("0"\) is not allowed \(did you mean O\?\)/);
    expect(() => parseBase32Key('JBSWY3DP1HPK3PXP')).toThrow(/did you mean I or L/);
    expect(() => parseBase32Key('JBSW=Y3DPEHPK3PXP')).toThrow(/character 5/);
  });

  it('rejects impossible lengths, empty input, too-short and too-long keys', () => {
    expect(() => parseBase32Key('JBSWY3DPEHPK3PXPA')).toThrow(/cannot encode whole bytes/); // 17 chars
    expect(() => parseBase32Key('   ')).toThrow(/empty/);
    expect(() => parseBase32Key('JBSWY3DPEHPK3P')).toThrow(/14 characters cannot encode whole bytes/);
    expect(() => parseBase32Key('JBSWY3DPEHPK3PX')).toThrow(/too short \(9 bytes\)/); // one character dropped
    expect(reasonOf(() => parseBase32Key(encodeBase32(new Uint8Array(65))))).toBe('secret_too_long');
    expect(reasonOf(() => parseBase32Key('A'.repeat(100_000)))).toBe('too_long');
  });

  it('[SEC-2] builds a seed with authenticator defaults from a typed key', () => {
    expect(seedFromKey('jbsw y3dp ehpk 3pxp', { issuer: 'X', account: '@CityOfKalispell' })).toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      issuer: 'X',
      account: '@CityOfKalispell',
    });
  });
});

describe('parseOtpauthUri', () => {
  it('[SEC-2] parses a full setup link', () => {
    const seed = parseOtpauthUri(
      'otpauth://totp/ACME%20Co:john.doe@email.com?secret=HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ&issuer=ACME%20Co&algorithm=SHA256&digits=8&period=60',
    );
    expect(seed).toEqual({
      secret: 'HXDMVJECJJWSRB3HWIZR4IFUGFTMXBOZ',
      algorithm: 'SHA256',
      digits: 8,
      period: 60,
      issuer: 'ACME Co',
      account: 'john.doe@email.com',
    });
  });

  it('[SEC-2] applies defaults and reads X-style links with a 10-byte secret', () => {
    expect(parseOtpauthUri('otpauth://totp/X:@CityOfKalispell?secret=JBSWY3DPEHPK3PXP&issuer=X')).toEqual({
      secret: 'JBSWY3DPEHPK3PXP',
      algorithm: 'SHA1',
      digits: 6,
      period: 30,
      issuer: 'X',
      account: '@CityOfKalispell',
    });
  });

  it('[SEC-2] takes the issuer from the label when the parameter is missing, and the parameter when both are present', () => {
    expect(parseOtpauthUri('otpauth://totp/Facebook%3Acity%40kalispell.com?secret=JBSWY3DPEHPK3PXP')).toMatchObject({
      issuer: 'Facebook',
      account: 'city@kalispell.com',
    });
    expect(parseOtpauthUri('otpauth://totp/Old:me?secret=JBSWY3DPEHPK3PXP&issuer=New').issuer).toBe('New');
    const bare = parseOtpauthUri('otpauth://totp/?secret=JBSWY3DPEHPK3PXP');
    expect(bare.issuer).toBeUndefined();
    expect(bare.account).toBeUndefined();
  });

  it('[SEC-2] is case-tolerant in scheme, type, algorithm and secret', () => {
    const seed = parseOtpauthUri('OTPAUTH://TOTP/a?secret=jbswy3dpehpk3pxp&algorithm=sha512');
    expect(seed.algorithm).toBe('SHA512');
    expect(seed.secret).toBe('JBSWY3DPEHPK3PXP');
  });

  it('does not rewrite dot segments in the account name', () => {
    expect(parseOtpauthUri('otpauth://totp/Site:..?secret=JBSWY3DPEHPK3PXP').account).toBe('..');
  });

  const bad: [string, string, VaultInputReason, RegExp][] = [
    ['HOTP link', 'otpauth://hotp/X:me?secret=JBSWY3DPEHPK3PXP&counter=1', 'hotp_unsupported', /counter-based \(HOTP\)/],
    ['unknown type', 'otpauth://motp/X?secret=JBSWY3DPEHPK3PXP', 'not_totp', /only time-based/],
    ['missing secret', 'otpauth://totp/X:me?issuer=X', 'missing_secret', /no secret key/],
    ['empty secret', 'otpauth://totp/X:me?secret=&issuer=X', 'missing_secret', /no secret key/],
    ['bad base32', 'otpauth://totp/X:me?secret=JBSWY3DPEHPK3PX!', 'bad_base32', /not valid Base32/],
    ['short secret', 'otpauth://totp/X:me?secret=JBSWY3DP', 'secret_too_short', /too short/],
    ['bad algorithm', 'otpauth://totp/X?secret=JBSWY3DPEHPK3PXP&algorithm=MD5', 'bad_algorithm', /SHA1, SHA256 or SHA512/],
    ['7 digits', 'otpauth://totp/X?secret=JBSWY3DPEHPK3PXP&digits=7', 'bad_digits', /expected 6 or 8/],
    ['digits not a number', 'otpauth://totp/X?secret=JBSWY3DPEHPK3PXP&digits=six', 'bad_digits', /expected 6 or 8/],
    ['period 0', 'otpauth://totp/X?secret=JBSWY3DPEHPK3PXP&period=0', 'bad_period', /from 1 to 300/],
    ['period 301', 'otpauth://totp/X?secret=JBSWY3DPEHPK3PXP&period=301', 'bad_period', /from 1 to 300/],
    ['period negative', 'otpauth://totp/X?secret=JBSWY3DPEHPK3PXP&period=-30', 'bad_period', /from 1 to 300/],
    ['period fraction', 'otpauth://totp/X?secret=JBSWY3DPEHPK3PXP&period=30.5', 'bad_period', /whole number/],
    ['duplicate secret', 'otpauth://totp/X?secret=JBSWY3DPEHPK3PXP&secret=GEZDGNBVGY3TQOJQ', 'duplicate_param', /"secret" 2 times/],
    ['broken escape', 'otpauth://totp/X:%E0%A4%A?secret=JBSWY3DPEHPK3PXP', 'bad_label', /broken %-escape/],
    ['control char in label', 'otpauth://totp/X:a%0Ab?secret=JBSWY3DPEHPK3PXP', 'bad_seed', /control characters/],
    ['web link', 'https://example.com/?secret=JBSWY3DPEHPK3PXP', 'bad_uri', /must start with otpauth:\/\//],
    ['empty', '   ', 'bad_uri', /empty/],
    ['migration export', 'otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8', 'not_otpauth', /Google Authenticator export/],
    ['huge', `otpauth://totp/X?secret=JBSWY3DPEHPK3PXP&x=${'a'.repeat(10_000)}`, 'too_long', /too long/],
  ];
  for (const [name, uri, reason, message] of bad) {
    it(`rejects a bad link (${name}) with a clear error`, () => {
      expect(reasonOf(() => parseOtpauthUri(uri))).toBe(reason);
      expect(() => parseOtpauthUri(uri)).toThrow(message);
    });
  }

  it('refuses non-string input without crashing', () => {
    expect(reasonOf(() => parseOtpauthUri(42 as unknown as string))).toBe('bad_uri');
  });

  it('never throws anything but a VaultInputError on arbitrary input', () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string({ unit: 'binary' }),
          fc.string().map((s) => `otpauth://totp/${s}`),
          fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)) }).map((s) => `otpauth://totp/${s}?secret=JBSWY3DPEHPK3PXP`),
          fc.string().map((s) => `otpauth://totp/a?secret=${s}`),
        ),
        (s) => {
        try {
          parseOtpauthUri(s);
        } catch (err) {
          expect(err).toBeInstanceOf(VaultInputError);
        }
        },
      ),
      { numRuns: 1000 },
    );
  });
});

function hasControlChar(s: string): boolean {
  return [...s].some((ch) => {
    const code = ch.codePointAt(0) ?? 0;
    return code <= 0x1f || (code >= 0x7f && code <= 0x9f);
  });
}

describe('formatOtpauthUri', () => {
  it('[SEC-2] writes a link authenticator apps read, with %20 rather than +', () => {
    const seed: TotpSeed = { secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, issuer: 'City of Kalispell', account: 'comms@kalispell.com' };
    expect(formatOtpauthUri(seed)).toBe(
      'otpauth://totp/City%20of%20Kalispell:comms%40kalispell.com?secret=JBSWY3DPEHPK3PXP&issuer=City%20of%20Kalispell&algorithm=SHA1&digits=6&period=30',
    );
  });

  it('[SEC-2] round-trips any valid seed through parseOtpauthUri', () => {
    const label = fc
      .oneof(fc.string({ maxLength: 40 }), fc.string({ maxLength: 20, unit: 'grapheme' }))
      .filter((s) => s !== '' && s.trim() === s && !hasControlChar(s));
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 10, maxLength: 64 }),
        fc.constantFrom('SHA1' as const, 'SHA256' as const, 'SHA512' as const),
        fc.constantFrom(6 as const, 8 as const),
        fc.integer({ min: 1, max: 300 }),
        fc.option(label, { nil: undefined }),
        fc.option(label, { nil: undefined }),
        (key, algorithm, digits, period, issuer, account) => {
          const seed: TotpSeed = { secret: encodeBase32(key), algorithm, digits, period };
          if (issuer !== undefined) seed.issuer = issuer;
          if (account !== undefined) seed.account = account;
          expect(parseOtpauthUri(formatOtpauthUri(seed))).toEqual(seed);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('round-trips colons in issuer and account', () => {
    for (const seed of [
      { secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, issuer: 'a:b', account: 'c:d' },
      { secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, account: 'c:d' },
    ] satisfies TotpSeed[]) {
      expect(parseOtpauthUri(formatOtpauthUri(seed))).toEqual(seed);
    }
  });
});
