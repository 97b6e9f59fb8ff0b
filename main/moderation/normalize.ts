/**
 * Text normalization with an offset map back to the original comment.
 *
 * Evasions (zero-width joiners inside a slur, bidi overrides that reverse what the reader sees,
 * fullwidth or mathematical letters, Cyrillic look-alikes) are folded away before any rule runs,
 * but evidence must point into the text the city archived, so every normalized UTF-16 unit keeps
 * the original span it came from.
 */

/** Code point ranges with no visible width or that only reorder display: dropped before matching. */
const INVISIBLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x00ad, 0x00ad], // soft hyphen
  [0x034f, 0x034f], // combining grapheme joiner
  [0x061c, 0x061c], // Arabic letter mark
  [0x115f, 0x1160], // Hangul fillers
  [0x17b4, 0x17b5],
  [0x180b, 0x180e], // Mongolian selectors and vowel separator
  [0x200b, 0x200f], // zero-width space/joiners, LRM, RLM
  [0x202a, 0x202e], // bidi embeddings and overrides
  [0x2060, 0x206f], // word joiner, invisible operators, bidi isolates
  [0x3164, 0x3164],
  [0xfe00, 0xfe0f], // variation selectors
  [0xfeff, 0xfeff], // BOM / zero-width no-break space
  [0xffa0, 0xffa0],
  [0xe0000, 0xe007f], // tag characters
];

/** Built with the RegExp constructor: a literal class of combining marks trips no-misleading-character-class. */
const ANY_INVISIBLE = new RegExp(`[${INVISIBLE_RANGES.map(([lo, hi]) => `\\u{${lo.toString(16)}}-\\u{${hi.toString(16)}}`).join('')}]`, 'u');

function invisible(cp: number): boolean {
  for (const [lo, hi] of INVISIBLE_RANGES) if (cp >= lo && cp <= hi) return true;
  return false;
}

/** Latin look-alikes from Cyrillic and Greek that NFKC leaves alone. */
const HOMOGLYPHS: Record<string, string> = {
  а: 'a', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', ɡ: 'g',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', І: 'I',
  α: 'a', ο: 'o', ρ: 'p', ν: 'v', τ: 't', ι: 'i', κ: 'k', Α: 'A', Β: 'B', Ε: 'E', Ι: 'I', Κ: 'K',
  Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Χ: 'X', Υ: 'Y', Ζ: 'Z',
  '\u2018': "'", '\u2019': "'", '\u02bc': "'", '\u201c': '"', '\u201d': '"', '\u00a0': ' ',
};

export interface NormalizedText {
  /** Normalized text, case preserved. */
  text: string;
  /** Lower-cased normalized text with the same length as `text`. */
  lower: string;
  /** Original offset where normalized unit i starts; null when the text was plain ASCII. */
  starts: Int32Array | null;
  /** Original offset (exclusive) where normalized unit i ends. */
  ends: Int32Array | null;
  originalLength: number;
}

const PLAIN = /^[\t\n\r -~]*$/;
/** Every homoglyph maps one UTF-16 unit to one, so replacing them keeps offsets. */
const HOMOGLYPH_RE = new RegExp(`[${Object.keys(HOMOGLYPHS).join('')}]`, 'g');

export function normalize(original: string): NormalizedText {
  if (PLAIN.test(original)) {
    return { text: original, lower: original.toLowerCase(), starts: null, ends: null, originalLength: original.length };
  }
  // Most non-ASCII comments only carry emoji or curly quotes: nothing to drop and nothing NFKC
  // would change, so offsets stay the identity.
  if (!ANY_INVISIBLE.test(original) && original.normalize('NFKC') === original) {
    const text = original.replace(HOMOGLYPH_RE, (ch) => HOMOGLYPHS[ch] ?? ch);
    const lower = lowerSameLength(text);
    if (text.length === original.length) return { text, lower, starts: null, ends: null, originalLength: original.length };
  }
  // One group per original code point: its folded text and where it came from.
  const groups: Array<{ text: string; start: number; end: number }> = [];
  let overrideFrom = -1;
  const closeOverride = (): void => {
    // Text after U+202E (RIGHT-TO-LEFT OVERRIDE) is displayed reversed: "\u202Ekcuf" reads as a
    // swear, so it is matched in the order the reader sees.
    if (overrideFrom >= 0) {
      const reversed = groups.splice(overrideFrom).reverse();
      groups.push(...reversed);
    }
    overrideFrom = -1;
  };
  let i = 0;
  while (i < original.length) {
    const cp = original.codePointAt(i) ?? 0;
    const width = cp > 0xffff ? 2 : 1;
    if (cp === 0x202e) {
      closeOverride();
      overrideFrom = groups.length;
    } else if (cp === 0x202c || cp === 0x0a || cp === 0x2029) {
      closeOverride();
    }
    if (!invisible(cp)) groups.push({ text: fold(original.slice(i, i + width), cp), start: i, end: i + width });
    i += width;
  }
  closeOverride();
  const starts: number[] = [];
  const ends: number[] = [];
  for (const g of groups) {
    for (let k = 0; k < g.text.length; k++) {
      starts.push(g.start);
      ends.push(g.end);
    }
  }
  const text = groups.map((g) => g.text).join('');
  return { text, lower: lowerSameLength(text), starts: Int32Array.from(starts), ends: Int32Array.from(ends), originalLength: original.length };
}

function fold(ch: string, cp: number): string {
  if (cp < 0x80) return ch;
  const mapped = HOMOGLYPHS[ch];
  if (mapped !== undefined) return mapped;
  // NFKC turns fullwidth and mathematical alphanumerics into plain letters; emoji pass unchanged.
  const nf = ch.normalize('NFKC');
  return nf.length > 0 ? nf : ch;
}

/** toLowerCase can change length (e.g. U+0130); keep offsets stable by leaving such chars alone. */
function lowerSameLength(text: string): string {
  const lower = text.toLowerCase();
  if (lower.length === text.length) return lower;
  let out = '';
  for (const ch of text) {
    const l = ch.toLowerCase();
    out += l.length === ch.length ? l : ch;
  }
  return out;
}

/** Maps a normalized span [start, end) to the original text's offsets. */
export function toOriginal(n: NormalizedText, start: number, end: number): { start: number; end: number } {
  if (n.starts === null || n.ends === null) return { start, end };
  if (n.starts.length === 0) return { start: 0, end: 0 };
  const s = Math.min(Math.max(start, 0), n.starts.length - 1);
  const e = Math.min(Math.max(end, s + 1), n.ends.length);
  // Reversed (bidi-overridden) runs map backwards, so take the extent of the whole span.
  let lo = Number.MAX_SAFE_INTEGER;
  let hi = 0;
  for (let k = s; k < e; k++) {
    lo = Math.min(lo, n.starts[k] ?? lo);
    hi = Math.max(hi, n.ends[k] ?? hi);
  }
  return { start: lo, end: hi };
}
