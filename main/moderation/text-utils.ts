/** Small regex helpers shared by the detectors. */

export interface Span {
  start: number;
  end: number;
}

export function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Builds an alternation from a word list: spaces match any run of spaces or hyphens, and an
 * optional plural ending is allowed so lists can stay singular. Longest first, so "water plant"
 * wins over "water".
 */
export function wordsSource(list: readonly string[], plural: boolean | 'inflect' = false): string {
  const parts = [...new Set(list.map((w) => w.trim().toLowerCase()).filter((w) => w.length > 0))]
    .sort((a, b) => b.length - a.length)
    .map((w) => escapeRe(w).replace(/\\?[ -]+/g, '[\\s-]+'));
  if (parts.length === 0) return '(?!)';
  const ending = plural === 'inflect' ? "(?:s|es|'s|ing|ed|er|ers)?" : plural ? "(?:s|es|'s)?" : '';
  return `(?:${parts.join('|')})${ending}`;
}

/**
 * Word-bounded, case-insensitive, global regex over a list. ASCII \b (not Unicode-aware
 * lookarounds, which are several times slower): list words begin and end with ASCII letters.
 */
export function wordsRe(list: readonly string[], plural: boolean | 'inflect' = false): RegExp {
  return new RegExp(`\\b${wordsSource(list, plural)}\\b`, 'gi');
}

/** Every match of a global regex as a span plus the matched text. */
export function findAll(re: RegExp, text: string, limit = 200, withGroups = false): Array<Span & { text: string; groups: string[] }> {
  const out: Array<Span & { text: string; groups: string[] }> = [];
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    out.push({ start: m.index, end: m.index + m[0].length, text: m[0], groups: withGroups ? m.slice(1).map((g) => g ?? '') : [] });
    if (out.length >= limit) break;
  }
  re.lastIndex = 0;
  return out;
}

export function first(re: RegExp, text: string): (Span & { text: string; groups: string[] }) | null {
  const sticky = new RegExp(re.source, re.flags.replace('g', ''));
  const m = sticky.exec(text);
  if (m === null) return null;
  return { start: m.index, end: m.index + m[0].length, text: m[0], groups: m.slice(1).map((g) => g ?? '') };
}

/** Sentence-ish segments: split on . ! ? ; and line breaks, keeping offsets. */
export function sentences(text: string): Span[] {
  const out: Span[] = [];
  const re = /[^.!?;\n]+[.!?;\n]*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) out.push({ start: m.index, end: m.index + m[0].length });
  return out;
}

export function sentenceOf(spans: readonly Span[], at: number): Span {
  for (const s of spans) if (at >= s.start && at < s.end) return s;
  return { start: 0, end: 0 };
}

/** True when two spans lie within `gap` characters of each other. */
export function near(a: Span, b: Span, gap: number): boolean {
  return a.start <= b.end + gap && b.start <= a.end + gap;
}

export function cover(spans: readonly Span[]): Span {
  let start = Infinity;
  let end = -Infinity;
  for (const s of spans) {
    start = Math.min(start, s.start);
    end = Math.max(end, s.end);
  }
  return Number.isFinite(start) ? { start, end } : { start: 0, end: 0 };
}

/** RegExp.test for shared global regexes, which otherwise carry lastIndex between calls. */
export function has(re: RegExp, text: string): boolean {
  re.lastIndex = 0;
  const found = re.test(text);
  re.lastIndex = 0;
  return found;
}

/** A tiny bounded memo: a comment batch answers a handful of posts over and over. */
export function memo<V>(fn: (key: string) => V, max = 256): (key: string) => V {
  const cache = new Map<string, V>();
  return (key: string): V => {
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const value = fn(key);
    if (cache.size >= max) {
      const oldest = cache.keys().next().value;
      if (oldest !== undefined) cache.delete(oldest);
    }
    cache.set(key, value);
    return value;
  };
}
