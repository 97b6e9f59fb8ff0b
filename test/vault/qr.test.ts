import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { VaultInputError, type VaultInputReason } from '../../main/vault/errors';
import { readOtpauthQr, readQrText } from '../../main/vault/qr';
import { qrPng, qrRgba } from './helpers/qr-encode';

const X_URI = 'otpauth://totp/X:@CityOfKalispell?secret=JBSWY3DPEHPK3PXP&issuer=X';

function reasonOf(fn: () => unknown): VaultInputReason | 'no error' {
  try {
    fn();
    return 'no error';
  } catch (err) {
    if (err instanceof VaultInputError) return err.reason;
    throw err;
  }
}

function blankPng(width: number, height: number): Uint8Array {
  const png = new PNG({ width, height });
  png.data.fill(255);
  return new Uint8Array(PNG.sync.write(png));
}

/** A PNG signature and IHDR chunk claiming the given size, with no image data after it. */
function pngHeaderOnly(width: number, height: number): Uint8Array {
  const bytes = new Uint8Array(33);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  bytes.set([8, 6, 0, 0, 0], 24);
  return bytes;
}

describe('readOtpauthQr', () => {
  it('[SEC-2] reads a 2FA setup QR code from PNG bytes into the link and seed', () => {
    const scanned = readOtpauthQr(qrPng(X_URI));
    expect(scanned.uri).toBe(X_URI);
    expect(scanned.seed).toEqual({ secret: 'JBSWY3DPEHPK3PXP', algorithm: 'SHA1', digits: 6, period: 30, issuer: 'X', account: '@CityOfKalispell' });
  });

  it('[SEC-2] reads raw RGBA pixels (canvas ImageData shape) and light-on-dark codes', () => {
    const uri = 'otpauth://totp/Facebook:city%40kalispell.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Facebook&digits=8';
    expect(readOtpauthQr(qrRgba(uri)).seed.digits).toBe(8);
    expect(readOtpauthQr(qrRgba(uri, { invert: true })).uri).toBe(uri);
    const asBytes = qrRgba(uri, { scale: 3 });
    expect(readOtpauthQr({ ...asBytes, data: new Uint8Array(asBytes.data.buffer) }).uri).toBe(uri);
  });

  it('[SEC-2] reads the code from a larger screenshot with the code off-centre', () => {
    const code = qrRgba(X_URI, { scale: 3 });
    const width = code.width + 300;
    const height = code.height + 200;
    const data = new Uint8ClampedArray(width * height * 4).fill(255);
    for (let y = 0; y < code.height; y += 1) {
      data.set(code.data.subarray(y * code.width * 4, (y + 1) * code.width * 4), ((y + 150) * width + 250) * 4);
    }
    expect(readQrText({ width, height, data })).toBe(X_URI);
  });

  it('refuses a QR code that is not a setup link, without echoing its content', () => {
    const err = (() => {
      try {
        readOtpauthQr(qrPng('https://kalispell.com/private-note'));
      } catch (e) {
        return e;
      }
      return null;
    })();
    expect(err).toBeInstanceOf(VaultInputError);
    expect((err as VaultInputError).reason).toBe('not_otpauth');
    expect((err as VaultInputError).message).not.toContain('private-note');
    expect(() => readOtpauthQr(qrPng('otpauth-migration://offline?data=CjEKCkhlbGxvId6tvu8'))).toThrow(/Google Authenticator export/);
  });

  it('passes on the link\'s own error for a bad setup link in a QR code', () => {
    expect(reasonOf(() => readOtpauthQr(qrPng('otpauth://hotp/X?secret=JBSWY3DPEHPK3PXP&counter=0')))).toBe('hotp_unsupported');
    expect(reasonOf(() => readOtpauthQr(qrPng('otpauth://totp/X?issuer=X')))).toBe('missing_secret');
  });

  it('says when there is no QR code in a valid image', () => {
    expect(reasonOf(() => readQrText(blankPng(120, 80)))).toBe('no_qr_found');
    expect(() => readQrText(blankPng(120, 80))).toThrow(/No QR code was found/);
  });

  it('refuses bytes that are not a PNG image, naming JPEG and GIF', () => {
    expect(reasonOf(() => readQrText(new Uint8Array(0)))).toBe('not_an_image');
    expect(() => readQrText(new TextEncoder().encode('otpauth://totp/X?secret=JBSWY3DPEHPK3PXP'.padEnd(64, ' ')))).toThrow(/not a PNG image/);
    expect(() => readQrText(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, ...new Array<number>(60).fill(0)]))).toThrow(/JPEG/);
    expect(() => readQrText(new TextEncoder().encode('GIF89a'.padEnd(64, '\0')))).toThrow(/GIF/);
  });

  it('refuses a damaged PNG with a clear error', () => {
    const good = qrPng(X_URI);
    const truncated = good.slice(0, Math.floor(good.length / 2));
    expect(reasonOf(() => readQrText(truncated))).toBe('not_an_image');
    expect(() => readQrText(truncated)).toThrow(/damaged/);
    const garbage = good.slice();
    for (let i = 40; i < garbage.length; i += 1) garbage[i] = (i * 7919) & 0xff;
    expect(reasonOf(() => readQrText(garbage))).toBe('not_an_image');
  });

  it('refuses a huge image from its header, before inflating it', () => {
    expect(reasonOf(() => readQrText(pngHeaderOnly(100_000, 100_000)))).toBe('image_too_large');
    expect(reasonOf(() => readQrText(pngHeaderOnly(5000, 5000)))).toBe('image_too_large'); // 25 Mpx
    expect(reasonOf(() => readQrText(pngHeaderOnly(0, 10)))).toBe('not_an_image');
    expect(reasonOf(() => readQrText(new Uint8Array(65 * 1024 * 1024)))).toBe('image_too_large');
  });

  it('refuses RGBA input whose size does not match its pixel data', () => {
    expect(() => readQrText({ width: 10, height: 10, data: new Uint8ClampedArray(399) })).toThrow(/399 bytes of pixels but 10×10 RGBA needs 400/);
    expect(reasonOf(() => readQrText({ width: -1, height: 10, data: new Uint8ClampedArray(0) }))).toBe('not_an_image');
    expect(reasonOf(() => readQrText({ width: 1.5, height: 10, data: new Uint8ClampedArray(60) }))).toBe('not_an_image');
    expect(reasonOf(() => readQrText({ width: 9000, height: 10, data: new Uint8ClampedArray(0) }))).toBe('image_too_large');
    expect(reasonOf(() => readQrText({ width: 1, height: 1, data: [0, 0, 0, 0] as unknown as Uint8Array }))).toBe('not_an_image');
  });
});
