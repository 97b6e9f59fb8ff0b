/**
 * A cheap pre-check for obscenity's matcher, which costs ~50 us a comment because it runs one
 * regex per pattern. The gate runs obscenity's own English transformers (confusables, leetspeak,
 * lower case, collapsed repeats) over the text once and tests ONE alternation compiled from the
 * dataset's parsed patterns exactly as obscenity compiles each of them (\b where a pattern asks
 * for a word boundary, "." for wildcards). So it answers "maybe" whenever obscenity could match
 * (whitelisted terms aside, which only remove matches) and "no" otherwise; a property test checks
 * that it never says "no" where obscenity finds a match.
 */
import { englishRecommendedBlacklistMatcherTransformers, type DataSet } from 'obscenity';

interface PatternNode {
  kind: number;
  chars?: number[];
  childNode?: PatternNode;
}

interface CharTransformer {
  transform(char: number): number | undefined;
  reset?(): void;
}

const SPECIAL = /[[\].*+?^${}()|\\/]/g;

export function buildGate(data: DataSet<{ originalWord: string }>): (text: string) => boolean {
  const sources: string[] = [];
  for (const term of data.build().blacklistedTerms) {
    const body = (term.pattern.nodes as PatternNode[]).map(nodeSource).join('');
    if (body.length === 0) continue;
    sources.push(`${term.pattern.requireWordBoundaryAtStart ? '\\b' : ''}${body}${term.pattern.requireWordBoundaryAtEnd ? '\\b' : ''}`);
  }
  const re = new RegExp(sources.join('|'), 's');
  return (text: string): boolean => re.test(transform(text));
}

function nodeSource(node: PatternNode): string {
  if (node.kind === 2) return String.fromCodePoint(...(node.chars ?? [])).replace(SPECIAL, '\\$&');
  if (node.kind === 0 && node.childNode !== undefined) return `(?:${nodeSource(node.childNode)})?`;
  return '.';
}

type Simple = (char: number) => number | undefined;

/** The simple (stateless) transformers, in order, then the stateful ones (collapse duplicates). */
const SIMPLE: Simple[] = [];
const STATEFUL: Array<() => CharTransformer> = [];
for (const c of englishRecommendedBlacklistMatcherTransformers) {
  if ('factory' in c) STATEFUL.push(() => c.factory());
  else if (STATEFUL.length === 0) SIMPLE.push((ch) => c.transform(ch));
  else throw new Error('profanity gate: a simple transformer after a stateful one is not supported');
}

/** Simple transformers are pure functions of one code point, so their results are memoised. */
const simpleMemo = new Map<number, number>();
const SKIP = -1;

const ASCII = new Int32Array(128).fill(-2);

function applySimple(cp: number): number {
  if (cp < 128) {
    const a = ASCII[cp] ?? -2;
    if (a !== -2) return a;
  }
  const known = simpleMemo.get(cp);
  if (known !== undefined) return known;
  let out: number | undefined = cp;
  for (let i = 0; i < SIMPLE.length && out !== undefined; i++) out = SIMPLE[i]?.(out);
  const value = out ?? SKIP;
  if (cp < 128) ASCII[cp] = value;
  else if (simpleMemo.size < 65536) simpleMemo.set(cp, value);
  return value;
}

/**
 * How many repeats of each ASCII character the stateful collapse step keeps, read off a fresh
 * instance of obscenity's own transformer (its thresholds are not exported). Lets plain ASCII text
 * skip the per-character calls; other text goes through the transformer itself.
 */
const KEEP = (() => {
  const keep = new Int32Array(128);
  for (let c = 0; c < 128; c++) {
    const t = STATEFUL.map((make) => make());
    let kept = 0;
    for (let k = 0; k < 8; k++) {
      let v: number | undefined = c;
      for (let i = 0; i < t.length && v !== undefined; i++) v = t[i]?.transform(v);
      if (v !== undefined) kept++;
    }
    keep[c] = kept;
  }
  return keep;
})();
const SINGLE_STATEFUL = STATEFUL.length === 1;

function transformAscii(text: string): string {
  let out = '';
  let last = -1;
  let run = 0;
  for (let i = 0; i < text.length; i++) {
    const t = applySimple(text.charCodeAt(i));
    if (t === SKIP) continue;
    run = t === last ? run + 1 : 1;
    last = t;
    if (t < 128 && run <= (KEEP[t] ?? 1)) out += String.fromCharCode(t);
    else if (t >= 128) return '';
  }
  return out;
}

/** The text as obscenity's blacklist matcher sees it (same transformers, same order). */
function transform(text: string): string {
  if (SINGLE_STATEFUL && /^[\t\n\r -~]*$/.test(text)) {
    const fast = transformAscii(text);
    if (fast !== '' || text === '') return fast;
  }
  const steps = STATEFUL.map((make) => make());
  const codes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    let cp = text.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < text.length) {
      const lo = text.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        cp = (cp - 0xd800) * 0x400 + (lo - 0xdc00) + 0x10000;
        i++;
      }
    }
    let t: number | undefined = applySimple(cp);
    if (t === SKIP) continue;
    for (let k = 0; k < steps.length && t !== undefined; k++) t = steps[k]?.transform(t);
    if (t !== undefined) codes.push(t);
  }
  let out = '';
  for (let i = 0; i < codes.length; i += 4096) out += String.fromCodePoint(...codes.slice(i, i + 4096));
  return out;
}
