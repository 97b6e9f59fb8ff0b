/**
 * Tiny PNG encoder for the simulator's pictures (profile picture, cover, post photos). Generated in
 * code so no image file is shipped; different seeds give different bytes, which is what lets tests
 * see that a cover photo was really replaced.
 */
import { deflateSync } from 'node:zlib';

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

export type Rgb = [number, number, number];

/** An RGB PNG of `width`×`height`, coloured by `pixel(x, y)`. */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgb): Uint8Array {
  const raw = Buffer.alloc((width * 3 + 1) * height);
  for (let y = 0; y < height; y++) {
    const row = y * (width * 3 + 1);
    raw[row] = 0; // filter: none
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      raw[row + 1 + x * 3] = r;
      raw[row + 2 + x * 3] = g;
      raw[row + 3 + x * 3] = b;
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // colour type: RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return new Uint8Array(Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]));
}

/** A banner: two colour bands and diagonal stripes whose spacing depends on `variant`. */
export function bannerPng(width: number, height: number, top: Rgb, bottom: Rgb, variant: number): Uint8Array {
  const spacing = 5 + (variant % 7);
  return encodePng(width, height, (x, y) => {
    const base = y < height / 2 ? top : bottom;
    return (x + y) % spacing === 0 ? [255, 255, 255] : base;
  });
}

/** A round-ish badge on a plain background, for profile pictures and photo posts. */
export function badgePng(size: number, fg: Rgb, bg: Rgb): Uint8Array {
  const c = (size - 1) / 2;
  return encodePng(size, size, (x, y) => ((x - c) ** 2 + (y - c) ** 2 <= (size / 2.6) ** 2 ? fg : bg));
}
