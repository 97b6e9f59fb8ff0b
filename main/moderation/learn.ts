/**
 * Learning from the city's own decisions, kept small and explainable so the CM can see (and the
 * City Attorney can audit) why the screener now behaves differently than the seed:
 *
 * - rule reliability: each rule that fired on a decided comment gains or loses weight by how often
 *   the city kept its label (agree) or dropped it (disagree): factor = (agree+2)/(disagree+2),
 *   clamped to [0.25, 1.6];
 * - learned terms: words the city repeatedly labelled when the screener missed the label (at least
 *   two decisions, and rarely seen in comments without the label) become weak triggers.
 *
 * Everything is plain JSON and pure: emptyAdjustments() is the seed behaviour, and deleting the
 * stored adjustments resets the screener.
 */
import { z } from 'zod';
import { LABELS, type Decision, type Label } from './types';
import { wordsRe } from './text-utils';
import type { Hit } from './context';

export interface RuleAdjustment {
  label: Label;
  agree: number;
  disagree: number;
  factor: number;
  decisionIds: string[];
}

export interface LearnedTerm {
  label: Label;
  term: string;
  weight: number;
  /** Decisions where the city added this label to a comment containing the term. */
  support: number;
  /** Decisions containing the term that the city did not give this label. */
  contrary: number;
  decisionIds: string[];
}

export interface LearnedAdjustments {
  version: 1;
  decisions: number;
  rules: Record<string, RuleAdjustment>;
  terms: LearnedTerm[];
}

const labelSchema = z.enum(LABELS);
export const learnedAdjustmentsSchema = z.object({
  version: z.literal(1),
  decisions: z.number().int().min(0),
  rules: z.record(
    z.string(),
    z.object({ label: labelSchema, agree: z.number().int().min(0), disagree: z.number().int().min(0), factor: z.number().min(0).max(2), decisionIds: z.array(z.string()) }),
  ),
  terms: z.array(
    z.object({ label: labelSchema, term: z.string().min(1), weight: z.number().min(0).max(1), support: z.number().int().min(0), contrary: z.number().int().min(0), decisionIds: z.array(z.string()) }),
  ),
});

/** Validates stored adjustments (e.g. read back from the database). */
export function parseAdjustments(json: unknown): LearnedAdjustments {
  return learnedAdjustmentsSchema.parse(typeof json === 'string' ? JSON.parse(json) : json);
}

export function emptyAdjustments(): LearnedAdjustments {
  return { version: 1, decisions: 0, rules: {}, terms: [] };
}

const PRIOR = 2;
const MIN_SUPPORT = 2;
const MIN_PRECISION = 0.75;
const MAX_TERMS_PER_LABEL = 25;
const STOP = new Set(
  'the and for with this that have has had will from your you about what when where which would could should there their they them just like been were more some than then also only into over here does anyone know please thanks thank city today tonight week next last time year good great still make take need want going really very much many every each other people can\'t don\'t won\'t isn\'t it\'s i\'m that\'s what\'s how who why can are was but not all any our out off get got one two new now way day even well too after before while because since those these being doing done sure'.split(' '),
);

export function learnFromDecisions(decisions: readonly Decision[]): LearnedAdjustments {
  const rules: Record<string, RuleAdjustment> = {};
  const termStats = new Map<string, { label: Label; term: string; support: Set<string>; contrary: number }>();
  const termsByDecision: Array<{ id: string; terms: Set<string>; final: Set<Label> }> = [];
  decisions.forEach((d, i) => {
    const id = d.id ?? (d.screened.id || `decision-${i + 1}`);
    const final = new Set(d.final.labels);
    const fired = new Map<string, Label>();
    for (const e of d.screened.evidence) fired.set(e.rule, e.label);
    for (const [rule, label] of fired) {
      const r = (rules[rule] ??= { label, agree: 0, disagree: 0, factor: 1, decisionIds: [] });
      if (final.has(label)) r.agree++;
      else r.disagree++;
      r.decisionIds.push(id);
    }
    const terms = candidateTerms(d.text);
    termsByDecision.push({ id, terms, final });
    const screenedLabels = new Set(d.screened.labels);
    for (const label of final) {
      if (screenedLabels.has(label)) continue;
      for (const term of terms) {
        const key = `${label}\u0000${term}`;
        const s = termStats.get(key) ?? { label, term, support: new Set<string>(), contrary: 0 };
        s.support.add(id);
        termStats.set(key, s);
      }
    }
  });
  for (const r of Object.values(rules)) r.factor = round(clamp((r.agree + PRIOR) / (r.disagree + PRIOR), 0.25, 1.6));
  for (const s of termStats.values()) {
    for (const d of termsByDecision) if (d.terms.has(s.term) && !d.final.has(s.label)) s.contrary++;
  }
  const terms: LearnedTerm[] = [];
  for (const label of LABELS) {
    const rows = [...termStats.values()]
      .filter((s) => s.label === label && s.support.size >= MIN_SUPPORT && s.support.size / (s.support.size + s.contrary) >= MIN_PRECISION)
      .sort((a, b) => b.support.size - a.support.size || a.contrary - b.contrary || a.term.localeCompare(b.term))
      .slice(0, MAX_TERMS_PER_LABEL);
    for (const s of rows) {
      const precision = s.support.size / (s.support.size + s.contrary);
      terms.push({
        label,
        term: s.term,
        weight: round(Math.min(0.8, 0.5 + 0.1 * (s.support.size - MIN_SUPPORT)) * precision),
        support: s.support.size,
        contrary: s.contrary,
        decisionIds: [...s.support],
      });
    }
  }
  return { version: 1, decisions: decisions.length, rules, terms };
}

/** One line per adjustment, e.g. for the settings screen and the review bundle. */
export function explainAdjustments(a: LearnedAdjustments): string[] {
  if (a.decisions === 0 || (Object.keys(a.rules).length === 0 && a.terms.length === 0)) {
    return ['No learned adjustments: the screener applies the seed rules of the policy.'];
  }
  const lines = [`Learned from ${a.decisions} decision(s) of the city.`];
  for (const [rule, r] of Object.entries(a.rules).sort(([x], [y]) => x.localeCompare(y))) {
    if (r.factor === 1) continue;
    const verb = r.factor < 1 ? 'weakened' : 'strengthened';
    lines.push(`Rule ${rule} (${r.label}) ${verb} x${r.factor}: the city kept its label ${r.agree} time(s) and dropped it ${r.disagree} time(s) (decisions ${r.decisionIds.join(', ')}).`);
  }
  for (const t of a.terms) {
    lines.push(`Term "${t.term}" now suggests ${t.label} (weight ${t.weight}): the city added that label to ${t.support} comment(s) containing it (decisions ${t.decisionIds.join(', ')}), and withheld it from ${t.contrary}.`);
  }
  return lines;
}

/** Scales rule hits by learned factors and adds learned-term hits; returns new hits. */
export function applyAdjustments(hits: readonly Hit[], lower: string, a: LearnedAdjustments | undefined): Hit[] {
  if (a === undefined || (a.terms.length === 0 && Object.keys(a.rules).length === 0)) return [...hits];
  const out = hits.map((h) => {
    const factor = a.rules[h.rule]?.factor ?? 1;
    return factor === 1 ? h : { ...h, weight: Math.min(0.99, h.weight * factor), why: `${h.why} (weight x${factor} from the city's decisions)` };
  });
  for (const { term, re } of termMatchers(a)) {
    re.lastIndex = 0;
    const m = re.exec(lower);
    re.lastIndex = 0;
    if (m === null) continue;
    const factor = a.rules[`learned:${term.label}:${term.term}`]?.factor ?? 1;
    out.push({
      label: term.label,
      rule: `learned:${term.label}:${term.term}`,
      weight: Math.min(0.99, term.weight * factor),
      start: m.index,
      end: m.index + m[0].length,
      why: `learned term "${term.term}": the city labelled ${term.support} such comment(s) ${term.label}`,
    });
  }
  return out;
}

const matcherCache = new WeakMap<LearnedAdjustments, Array<{ term: LearnedTerm; re: RegExp }>>();

function termMatchers(a: LearnedAdjustments): Array<{ term: LearnedTerm; re: RegExp }> {
  let m = matcherCache.get(a);
  if (m === undefined) {
    m = a.terms.map((term) => ({ term, re: wordsRe([term.term]) }));
    matcherCache.set(a, m);
  }
  return m;
}

/** Words (4+ letters, not stop words) and adjacent word pairs, lower-cased. */
function candidateTerms(text: string): Set<string> {
  const words = (text.normalize('NFKC').toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'’-]*/gu) ?? []).slice(0, 2000);
  const out = new Set<string>();
  for (let i = 0; i < words.length; i++) {
    const w = words[i] ?? '';
    const useful = w.length >= 4 && !STOP.has(w) && !/^\d+$/.test(w);
    if (useful) out.add(w);
    const next = words[i + 1];
    if (next !== undefined && (useful || (next.length >= 4 && !STOP.has(next))) && !STOP.has(w) && !STOP.has(next)) out.add(`${w} ${next}`);
  }
  return out;
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, x));
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
