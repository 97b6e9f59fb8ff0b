import { PNG } from 'pngjs';

/**
 * A minimal QR *encoder* for tests only, because no encoder package is installed (jsqr only
 * decodes). It covers byte mode, error-correction level L and versions 1–6 (up to 134 bytes, enough
 * for a typical otpauth link); version 7 and up would need version-information blocks. It follows
 * ISO/IEC 18004 as laid out in Nayuki's reference implementation; jsQR reading back exactly the
 * input is the check that it is right.
 */

/** Per version (index 1–6) at level L: data codewords, EC codewords per block, and blocks. */
const DATA_CODEWORDS_L = [0, 19, 34, 55, 80, 108, 136];
const EC_PER_BLOCK_L = [0, 7, 10, 15, 20, 26, 18];
const BLOCKS_L = [0, 1, 1, 1, 1, 1, 2];

function gfMul(x: number, y: number): number {
  let z = 0;
  for (let i = 7; i >= 0; i -= 1) {
    z = (z << 1) ^ ((z >>> 7) * 0x11d);
    z ^= ((y >>> i) & 1) * x;
  }
  return z;
}

function rsDivisor(degree: number): number[] {
  const result = new Array<number>(degree).fill(0);
  result[degree - 1] = 1;
  let root = 1;
  for (let i = 0; i < degree; i += 1) {
    for (let j = 0; j < degree; j += 1) {
      result[j] = gfMul(result[j] ?? 0, root);
      if (j + 1 < degree) result[j] = (result[j] ?? 0) ^ (result[j + 1] ?? 0);
    }
    root = gfMul(root, 0x02);
  }
  return result;
}

function rsRemainder(data: number[], divisor: number[]): number[] {
  const result = new Array<number>(divisor.length).fill(0);
  for (const b of data) {
    const factor = b ^ (result.shift() ?? 0);
    result.push(0);
    divisor.forEach((coef, i) => {
      result[i] = (result[i] ?? 0) ^ gfMul(coef, factor);
    });
  }
  return result;
}

function dataCodewords(bytes: Uint8Array, capacity: number): number[] {
  const bits: number[] = [];
  const put = (value: number, length: number) => {
    for (let i = length - 1; i >= 0; i -= 1) bits.push((value >>> i) & 1);
  };
  put(0b0100, 4); // byte mode
  put(bytes.length, 8);
  for (const b of bytes) put(b, 8);
  put(0, Math.min(4, capacity * 8 - bits.length)); // terminator
  while (bits.length % 8 !== 0) bits.push(0);
  const words: number[] = [];
  for (let i = 0; i < bits.length; i += 8) words.push(bits.slice(i, i + 8).reduce((acc, bit) => (acc << 1) | bit, 0));
  for (let pad = 0xec; words.length < capacity; pad ^= 0xec ^ 0x11) words.push(pad);
  return words;
}

/** The module matrix (true = dark) for `text`, with mask pattern `mask` (0–7). */
export function qrMatrix(text: string, mask = 0): boolean[][] {
  const bytes = new TextEncoder().encode(text);
  const version = DATA_CODEWORDS_L.findIndex((cap, v) => v > 0 && bytes.length + 2 <= cap);
  if (version < 1) throw new Error(`test QR encoder handles at most 134 bytes, got ${bytes.length}`);
  const size = 17 + 4 * version;
  const modules = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  const isFunction = Array.from({ length: size }, () => new Array<boolean>(size).fill(false));
  const set = (x: number, y: number, dark: boolean) => {
    const row = modules[y];
    const fn = isFunction[y];
    if (!row || !fn || x < 0 || x >= size) return;
    row[x] = dark;
    fn[x] = true;
  };

  for (let i = 0; i < size; i += 1) {
    set(6, i, i % 2 === 0);
    set(i, 6, i % 2 === 0);
  }
  for (const [cx, cy] of [[3, 3], [size - 4, 3], [3, size - 4]] as const) {
    for (let dy = -4; dy <= 4; dy += 1) {
      for (let dx = -4; dx <= 4; dx += 1) {
        const dist = Math.max(Math.abs(dx), Math.abs(dy));
        const x = cx + dx;
        const y = cy + dy;
        if (x >= 0 && x < size && y >= 0 && y < size) set(x, y, dist !== 2 && dist !== 4);
      }
    }
  }
  if (version >= 2) {
    const pos = 4 * version + 10;
    for (let dy = -2; dy <= 2; dy += 1) {
      for (let dx = -2; dx <= 2; dx += 1) set(pos + dx, pos + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
    }
  }

  const formatData = (0b01 << 3) | mask; // level L
  let rem = formatData;
  for (let i = 0; i < 10; i += 1) rem = (rem << 1) ^ ((rem >>> 9) * 0x537);
  const format = ((formatData << 10) | rem) ^ 0x5412;
  const bit = (i: number) => ((format >>> i) & 1) === 1;
  for (let i = 0; i <= 5; i += 1) set(8, i, bit(i));
  set(8, 7, bit(6));
  set(8, 8, bit(7));
  set(7, 8, bit(8));
  for (let i = 9; i < 15; i += 1) set(14 - i, 8, bit(i));
  for (let i = 0; i < 8; i += 1) set(size - 1 - i, 8, bit(i));
  for (let i = 8; i < 15; i += 1) set(8, size - 15 + i, bit(i));
  set(8, size - 8, true);

  // Versions 1–6 at level L split data into equal blocks, so interleaving is a plain round robin.
  const dataWords = dataCodewords(bytes, DATA_CODEWORDS_L[version] ?? 0);
  const blockCount = BLOCKS_L[version] ?? 1;
  const perBlock = dataWords.length / blockCount;
  const divisor = rsDivisor(EC_PER_BLOCK_L[version] ?? 0);
  const blocks = Array.from({ length: blockCount }, (_, b) => dataWords.slice(b * perBlock, (b + 1) * perBlock));
  const ecBlocks = blocks.map((block) => rsRemainder(block, divisor));
  const codewords: number[] = [];
  for (let k = 0; k < perBlock; k += 1) for (const block of blocks) codewords.push(block[k] ?? 0);
  for (let k = 0; k < divisor.length; k += 1) for (const ec of ecBlocks) codewords.push(ec[k] ?? 0);
  const masks: ((x: number, y: number) => boolean)[] = [
    (x, y) => (x + y) % 2 === 0,
    (_x, y) => y % 2 === 0,
    (x) => x % 3 === 0,
    (x, y) => (x + y) % 3 === 0,
    (x, y) => (Math.floor(x / 3) + Math.floor(y / 2)) % 2 === 0,
    (x, y) => ((x * y) % 2) + ((x * y) % 3) === 0,
    (x, y) => (((x * y) % 2) + ((x * y) % 3)) % 2 === 0,
    (x, y) => (((x + y) % 2) + ((x * y) % 3)) % 2 === 0,
  ];
  const maskFn = masks[mask];
  if (!maskFn) throw new Error(`mask must be 0–7, got ${mask}`);
  let i = 0;
  for (let right = size - 1; right >= 1; right -= 2) {
    if (right === 6) right = 5;
    for (let vert = 0; vert < size; vert += 1) {
      for (let j = 0; j < 2; j += 1) {
        const x = right - j;
        const y = ((right + 1) & 2) === 0 ? size - 1 - vert : vert;
        const row = modules[y];
        if (!row || isFunction[y]?.[x]) continue;
        const word = codewords[i >>> 3];
        const dark = word !== undefined && ((word >>> (7 - (i & 7))) & 1) === 1;
        row[x] = dark !== maskFn(x, y);
        i += 1;
      }
    }
  }
  return modules;
}

export interface RenderOptions {
  scale?: number;
  quiet?: number;
  /** Light modules on a dark background, as in dark-mode screenshots. */
  invert?: boolean;
}

/** RGBA pixels of the code, `scale` pixels per module, with a quiet zone. */
export function qrRgba(text: string, options: RenderOptions = {}): { width: number; height: number; data: Uint8ClampedArray } {
  const { scale = 4, quiet = 4, invert = false } = options;
  const matrix = qrMatrix(text);
  const side = (matrix.length + 2 * quiet) * scale;
  const data = new Uint8ClampedArray(side * side * 4);
  for (let py = 0; py < side; py += 1) {
    for (let px = 0; px < side; px += 1) {
      const mx = Math.floor(px / scale) - quiet;
      const my = Math.floor(py / scale) - quiet;
      const dark = (matrix[my]?.[mx] ?? false) !== invert;
      const o = (py * side + px) * 4;
      const v = dark ? 0 : 255;
      data[o] = v;
      data[o + 1] = v;
      data[o + 2] = v;
      data[o + 3] = 255;
    }
  }
  return { width: side, height: side, data };
}

/** The code as PNG file bytes. */
export function qrPng(text: string, options: RenderOptions = {}): Uint8Array {
  const rgba = qrRgba(text, options);
  const png = new PNG({ width: rgba.width, height: rgba.height });
  png.data = Buffer.from(rgba.data.buffer);
  return new Uint8Array(PNG.sync.write(png));
}
