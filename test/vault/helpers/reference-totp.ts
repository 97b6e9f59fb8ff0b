import { createHmac } from 'node:crypto';

/**
 * An independent RFC 4226/6238 implementation over node:crypto, used as an oracle for
 * property tests of main/vault/totp.ts (which goes through otplib and its noble HMAC).
 */
export function referenceTotp(key: Uint8Array, algorithm: 'SHA1' | 'SHA256' | 'SHA512', digits: number, period: number, at: number): string {
  const counter = BigInt(Math.floor(at / period));
  const message = Buffer.alloc(8);
  message.writeBigUInt64BE(counter);
  const mac = createHmac(algorithm.toLowerCase(), key).update(message).digest();
  const offset = (mac[mac.length - 1] ?? 0) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}
