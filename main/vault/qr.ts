import jsQR from 'jsqr';
import { PNG } from 'pngjs';
import { VaultInputError } from './errors';
import { parseOtpauthUri } from './otpauth';
import type { TotpSeed } from './seed';

/** Raw pixels as a canvas ImageData or a screen capture gives them: 4 bytes (RGBA) per pixel. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray | Uint8Array;
}

/** A 5K screenshot is 14.7 Mpx; the cap keeps a hostile file from costing gigabytes of RAM in jsQR. */
export const MAX_PIXELS = 16_777_216;
export const MAX_SIDE = 8192;
export const MAX_PNG_BYTES = 64 * 1024 * 1024;

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function checkDimensions(width: number, height: number): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new VaultInputError('not_an_image', `The image has impossible dimensions (${width}×${height}).`);
  }
  if (width > MAX_SIDE || height > MAX_SIDE || width * height > MAX_PIXELS) {
    throw new VaultInputError('image_too_large', `The image is too large (${width}×${height}); crop it to the QR code and try again.`);
  }
}

function describeNonPng(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xd8) return 'This is a JPEG image; save the screenshot as PNG and try again.';
  if (bytes[0] === 0x47 && bytes[1] === 0x49 && bytes[2] === 0x46) return 'This is a GIF image; save the screenshot as PNG and try again.';
  return 'This file is not a PNG image.';
}

/** Decodes PNG bytes to RGBA, reading the size from the header first so a huge image is refused before inflating. */
export function decodePng(bytes: Uint8Array): RgbaImage {
  if (!(bytes instanceof Uint8Array)) throw new VaultInputError('not_an_image', 'The image must be given as bytes.');
  if (bytes.length > MAX_PNG_BYTES) {
    throw new VaultInputError('image_too_large', `The image file is too large (${bytes.length} bytes, at most ${MAX_PNG_BYTES}).`);
  }
  if (bytes.length < 33 || PNG_SIGNATURE.some((b, i) => bytes[i] !== b)) {
    throw new VaultInputError('not_an_image', describeNonPng(bytes));
  }
  // IHDR is always the first chunk: width and height are big-endian at offsets 16 and 20.
  const header = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  checkDimensions(header.getUint32(16), header.getUint32(20));
  try {
    const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
    return { width: png.width, height: png.height, data: png.data };
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new VaultInputError('not_an_image', `The PNG image is damaged and cannot be read (${why}).`);
  }
}

function checkRgba(image: RgbaImage): Uint8ClampedArray {
  checkDimensions(image.width, image.height);
  const { data } = image;
  if (!(data instanceof Uint8Array || data instanceof Uint8ClampedArray)) {
    throw new VaultInputError('not_an_image', 'The image pixels must be a byte array.');
  }
  const expected = image.width * image.height * 4;
  if (data.length !== expected) {
    throw new VaultInputError(
      'not_an_image',
      `The image has ${data.length} bytes of pixels but ${image.width}×${image.height} RGBA needs ${expected}.`,
    );
  }
  return data instanceof Uint8ClampedArray ? data : new Uint8ClampedArray(data.buffer, data.byteOffset, data.byteLength);
}

function isRgbaImage(input: unknown): input is RgbaImage {
  return typeof input === 'object' && input !== null && 'width' in input && 'height' in input && 'data' in input;
}

/**
 * The text of the QR code in a PNG file or RGBA pixels. Light-on-dark codes (dark-mode
 * screenshots) are found too, because jsQR tries the inverted image as well.
 */
export function readQrText(input: Uint8Array | RgbaImage): string {
  const image = isRgbaImage(input) ? input : decodePng(input);
  const pixels = checkRgba(image);
  const found = jsQR(pixels, image.width, image.height, { inversionAttempts: 'attemptBoth' });
  if (!found) {
    throw new VaultInputError('no_qr_found', 'No QR code was found in the image. Capture the whole code, unscaled and in focus, and try again.');
  }
  return found.data;
}

export interface ScannedSeed {
  uri: string;
  seed: TotpSeed;
}

/** Reads a site's 2FA setup QR code into its otpauth link and validated seed. */
export function readOtpauthQr(input: Uint8Array | RgbaImage): ScannedSeed {
  const text = readQrText(input).trim();
  if (/^otpauth-migration:/i.test(text)) {
    throw new VaultInputError('not_otpauth', 'This QR code is a Google Authenticator export, not a site\'s 2FA setup code.');
  }
  // The content is not echoed: a QR code that is not a setup link may still hold something private.
  if (!/^otpauth:\/\//i.test(text)) {
    throw new VaultInputError('not_otpauth', 'This QR code is not a 2FA setup code (it does not contain an otpauth:// link).');
  }
  return { uri: text, seed: parseOtpauthUri(text) };
}
