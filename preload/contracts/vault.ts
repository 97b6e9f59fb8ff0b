import { z } from 'zod';
import type {
  RevealPurpose, SetNetworkResult, SetPasswordResult, SetTotpResult, StrengthView, TotpCodeView, VaultEntry, VaultOverview,
} from '../../main/vault/view-types';
import { id, nothing, returns } from './kit';

export type * from '../../main/vault/view-types';

/** scrypt refuses longer inputs (main/vault/scrypt.ts); nobody's password is longer. */
const password = z.string().min(1, 'Enter the password.').max(1024, 'The password is longer than 1024 characters.');
const login = z.string().max(320).nullable();
const tokenName = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,59}$/, 'A token name uses letters, digits, ".", "_" and "-" (at most 60).');
const purpose = z.enum(['show', 'copy']) satisfies z.ZodType<RevealPurpose>;

/** A screenshot of a setup QR code; 10 MB of PNG is far more than any such image needs. */
const MAX_QR_BASE64 = Math.ceil((10 * 1024 * 1024) / 3) * 4;

const totpSource = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('uri'), uri: z.string().min(1).max(2048) }).strict(),
  z.object({
    kind: z.literal('key'),
    key: z.string().min(1).max(512),
    algorithm: z.enum(['SHA1', 'SHA256', 'SHA512']).optional(),
    digits: z.union([z.literal(6), z.literal(8)]).optional(),
    period: z.number().int().min(1).max(300).optional(),
  }).strict(),
  z.object({
    kind: z.literal('qr'),
    pngBase64: z.string().min(1).max(MAX_QR_BASE64, 'The image is larger than 10 MB.').regex(/^[A-Za-z0-9+/]*={0,2}$/, 'The image must be base64.'),
  }).strict(),
]);

/**
 * The vault (issue 5, SEC-2, SEC-8). No result of a list or change carries a secret: a password
 * or token leaves main only through its reveal channel, which is audited; a 2FA seed never does.
 */
export const vaultContract = {
  'vault.list': { input: nothing, result: returns<VaultOverview>() },
  'vault.login.set': { input: z.object({ siteId: id, login }).strict(), result: returns<VaultEntry>() },
  'vault.password.strength': {
    input: z.object({ password, login: login.optional() }).strict(),
    result: returns<StrengthView>(),
  },
  'vault.password.set': {
    input: z.object({ siteId: id, password, login: login.optional(), confirm: z.boolean().optional() }).strict(),
    result: returns<SetPasswordResult>(),
  },
  'vault.password.delete': { input: z.object({ siteId: id }).strict(), result: returns<VaultEntry>() },
  'vault.password.reveal': { input: z.object({ siteId: id, purpose }).strict(), result: returns<{ password: string }>() },
  'vault.totp.set': { input: z.object({ siteId: id, source: totpSource }).strict(), result: returns<SetTotpResult>() },
  'vault.totp.delete': { input: z.object({ siteId: id }).strict(), result: returns<VaultEntry>() },
  'vault.totp.code': { input: z.object({ siteId: id }).strict(), result: returns<TotpCodeView>() },
  'vault.network.set': { input: z.object({ password }).strict(), result: returns<SetNetworkResult>() },
  'vault.token.set': {
    input: z.object({ siteId: id, name: tokenName, token: z.string().min(1).max(4096) }).strict(),
    result: returns<VaultEntry>(),
  },
  'vault.token.delete': { input: z.object({ siteId: id, name: tokenName }).strict(), result: returns<VaultEntry>() },
  'vault.token.reveal': { input: z.object({ siteId: id, name: tokenName, purpose }).strict(), result: returns<{ token: string }>() },
} as const;
