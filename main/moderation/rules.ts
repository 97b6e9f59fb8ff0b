/**
 * Declarative regex rules with key words. Running ~100 regexes over every comment would cost
 * ~100 us; most rules can only match when one of a few words is present, so each rule names
 * those words and is skipped when none occurs (a Set lookup per key). A test checks on every
 * labelled comment we have that no rule matches a comment its keys would have skipped.
 */
import { hit, type Hit, type ScanContext } from './context';
import type { Label } from './types';

export interface Keys {
  /** Whole lower-case tokens (letters and digits). */
  words: readonly string[];
  /** Anything else ("#", "$", "©"), looked for as a substring of the lower-cased text. */
  substrings: readonly string[];
}

export interface Rule {
  rule: string;
  weight: number;
  re: RegExp;
  why: string;
  /** Without keys the rule always runs. */
  keys?: Keys;
}

/** keys('vote voting # $') */
export function keys(spec: string): Keys {
  const all = spec.split(/\s+/).filter((k) => k.length > 0).map((k) => k.toLowerCase());
  return { words: all.filter((k) => /^[\p{L}\p{N}]+$/u.test(k)), substrings: all.filter((k) => !/^[\p{L}\p{N}]+$/u.test(k)) };
}

export function keysPresent(ctx: Pick<ScanContext, 'tokens' | 'lower'>, k: Keys | undefined): boolean {
  if (k === undefined) return true;
  const tokens = ctx.tokens();
  for (const w of k.words) if (tokens.has(w)) return true;
  for (const s of k.substrings) if (ctx.lower.includes(s)) return true;
  return false;
}

/**
 * One index over every rule table: key word -> (table, rule). A comment's tokens are walked once
 * and every table's due rules come out of that single pass.
 */
const tables: Array<readonly Rule[]> = [];
const tableIds = new WeakMap<readonly Rule[], number>();
const byWord = new Map<string, Array<[number, number]>>();
const bySubstring: Array<[string, number, number]> = [];
const always: Array<[number, number]> = [];

function tableId(rules: readonly Rule[]): number {
  let id = tableIds.get(rules);
  if (id !== undefined) return id;
  id = tables.length;
  tables.push(rules);
  tableIds.set(rules, id);
  rules.forEach((r, i) => {
    if (r.keys === undefined) always.push([id as number, i]);
    else {
      for (const w of r.keys.words) byWord.set(w, [...(byWord.get(w) ?? []), [id as number, i]]);
      for (const s of r.keys.substrings) bySubstring.push([s, id as number, i]);
    }
  });
  dueCache = new WeakMap();
  return id;
}

let dueCache = new WeakMap<ReadonlySet<string>, Uint8Array[]>();

/** The rules whose keys occur in the comment, in their declared order (one token pass per comment). */
export function dueRules<R extends Rule>(ctx: Pick<ScanContext, 'tokens' | 'lower'>, rules: readonly R[]): R[] {
  const id = tableId(rules);
  const tokens = ctx.tokens();
  let marks = dueCache.get(tokens);
  if (marks === undefined || marks.length !== tables.length) {
    const m = tables.map((t) => new Uint8Array(t.length));
    for (const [t, i] of always) (m[t] as Uint8Array)[i] = 1;
    for (const tok of tokens) {
      const list = byWord.get(tok);
      if (list !== undefined) for (const [t, i] of list) (m[t] as Uint8Array)[i] = 1;
    }
    for (const [s, t, i] of bySubstring) if ((m[t] as Uint8Array)[i] === 0 && ctx.lower.includes(s)) (m[t] as Uint8Array)[i] = 1;
    marks = m;
    dueCache.set(tokens, marks);
  }
  const mine = marks[id] as Uint8Array;
  const out: R[] = [];
  for (let i = 0; i < mine.length; i++) if (mine[i] === 1) out.push(rules[i] as R);
  return out;
}

/** Runs each rule whose keys are present; at most `perRule` hits each. */
export function runRules(ctx: ScanContext, label: Label, rules: readonly Rule[], perRule = 3): Hit[] {
  const out: Hit[] = [];
  for (const r of dueRules(ctx, rules)) {
    r.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    let n = 0;
    while ((m = r.re.exec(ctx.text)) !== null) {
      if (m[0].length === 0) {
        r.re.lastIndex++;
        continue;
      }
      out.push(hit(label, r.rule, r.weight, { start: m.index, end: m.index + m[0].length }, `${r.why}: "${m[0].trim()}"`));
      if (++n >= perRule) break;
    }
    r.re.lastIndex = 0;
  }
  return out;
}
