import { randomBytes } from 'node:crypto';
import type { SnippetPart } from './model';

/** A word is worth sending to FTS5 only if its tokenizer would find a token in it. */
const HAS_TOKEN = /[\p{L}\p{N}\p{M}\p{Co}]/u;

/** An FTS5 string: whatever is inside is text to tokenize, never syntax. */
export function ftsString(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

const quote = ftsString;

/**
 * The months (YYYYMM) from one date to another, inclusive, for the month words in the facets
 * column; null when the bounds are not dates or span too long for the words to narrow anything.
 */
export function monthsBetween(from: string, to: string, max = 60): string[] | null {
  const a = /^(\d{4})-(\d{2})/.exec(from);
  const b = /^(\d{4})-(\d{2})/.exec(to);
  if (!a || !b) return null;
  let y = Number(a[1]);
  let m = Number(a[2]);
  const endY = Number(b[1]);
  const endM = Number(b[2]);
  if (m < 1 || m > 12 || endM < 1 || endM > 12) return null;
  const out: string[] = [];
  while (y < endY || (y === endY && m <= endM)) {
    if (out.length >= max) return null;
    out.push(`${y}${String(m).padStart(2, '0')}`);
    m++;
    if (m > 12) {
      m = 1;
      y++;
    }
  }
  return out;
}

/**
 * Turns what a person typed into an FTS5 expression that can only ever mean "these words":
 * every word and "quoted phrase" becomes an FTS5 string (so AND, OR, NOT, NEAR, column:, ^, (, )
 * are literal text), joined by implicit AND; a trailing * on a word keeps prefix search. Returns
 * null when nothing searchable is left, e.g. a query of only punctuation.
 */
export function toFtsQuery(input: string): string | null {
  const terms: string[] = [];
  // FTS5 reads its query as a C string: a NUL would end it mid-quote. It is never a word anyway.
  const clean = input.replaceAll('\u0000', ' ');
  for (const m of clean.matchAll(/"([^"]*)"?|(\S+)/g)) {
    const phrase = m[1];
    if (phrase !== undefined) {
      if (HAS_TOKEN.test(phrase)) terms.push(quote(phrase));
      continue;
    }
    const word = m[2] ?? '';
    const prefix = word.length > 1 && word.endsWith('*');
    const body = prefix ? word.replace(/\*+$/, '') : word;
    if (!HAS_TOKEN.test(body)) continue;
    terms.push(prefix ? `${quote(body)}*` : quote(body));
  }
  return terms.length === 0 ? null : terms.join(' ');
}

/**
 * snippet() marks matches with strings we choose. A per-instance random nonce means stored text
 * cannot contain them by accident or design, so the split below is exact, and the renderer gets
 * plain text runs instead of markup to trust.
 */
export class SnippetMarkers {
  readonly open: string;
  readonly close: string;

  constructor() {
    const nonce = randomBytes(8).toString('hex');
    this.open = `\u0002${nonce}[`;
    this.close = `]${nonce}\u0003`;
  }

  parse(snippet: string | null): SnippetPart[] {
    if (snippet === null || snippet === '') return [];
    const parts: SnippetPart[] = [];
    let rest = snippet;
    for (;;) {
      const start = rest.indexOf(this.open);
      if (start < 0) break;
      const end = rest.indexOf(this.close, start + this.open.length);
      if (end < 0) break;
      if (start > 0) parts.push({ text: rest.slice(0, start), match: false });
      parts.push({ text: rest.slice(start + this.open.length, end), match: true });
      rest = rest.slice(end + this.close.length);
    }
    if (rest.length > 0) parts.push({ text: rest, match: false });
    return parts;
  }
}
