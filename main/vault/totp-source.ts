import { AppError } from '../shared/errors';
import { parseOtpauthUri, seedFromKey } from './otpauth';
import { readOtpauthQr } from './qr';
import type { TotpAlgorithm, TotpDigits, TotpSeed } from './seed';
import { generateCode } from './totp';

/** The three ways a person adds a 2FA seed: the site's setup link, its key typed in, or its QR code. */
export type TotpSource =
  | { kind: 'uri'; uri: string }
  | { kind: 'key'; key: string; algorithm?: TotpAlgorithm | undefined; digits?: TotpDigits | undefined; period?: number | undefined }
  | { kind: 'qr'; png: Uint8Array };

/**
 * A validated seed from any source, proven to produce a code before anything is stored, so a seed
 * that passes parsing but trips the TOTP library is refused now rather than at the next login.
 */
export async function seedFromSource(source: TotpSource, label: { issuer: string; account: string | null }): Promise<TotpSeed> {
  let seed: TotpSeed;
  if (source.kind === 'uri') seed = parseOtpauthUri(source.uri);
  else if (source.kind === 'qr') seed = readOtpauthQr(source.png).seed;
  else if (source.kind === 'key') {
    seed = seedFromKey(source.key, {
      ...(source.algorithm ? { algorithm: source.algorithm } : {}),
      ...(source.digits ? { digits: source.digits } : {}),
      ...(source.period ? { period: source.period } : {}),
      // A typed key carries no label; the site's own names stand in so the seed says whose it is.
      issuer: label.issuer,
      ...(label.account ? { account: label.account } : {}),
    });
  } else {
    throw new AppError('invalid_input', 'Give the 2FA setup link, the key, or a QR code image.');
  }
  await generateCode(seed, 0);
  return seed;
}
