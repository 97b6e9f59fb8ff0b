/**
 * Scores the screener on a labelled corpus (one JSON object a line, see shared/corpus/README.md):
 * per-label precision/recall/F1, macro-F1, action accuracy, and the rate at which comments the
 * city would allow get removed, the error that costs a speaker their voice.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { LearnedAdjustments } from './learn';
import type { ModerationPolicy } from './policy';
import { screen } from './screen';
import { LABELS, type Label, type Verdict } from './types';

export const TARGETS = { macroF1: 0.85, actionAccuracy: 0.9, allowedRemovedRate: 0 } as const;

const rowSchema = z.object({
  id: z.string(),
  platform: z.enum(['facebook', 'x']).optional(),
  post: z.string(),
  text: z.string(),
  labels: z.array(z.enum(LABELS)),
  action: z.enum(['allow', 'redirect', 'remove']),
});
export type CorpusRow = z.infer<typeof rowSchema>;

export interface LabelScore {
  label: Label;
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

export interface EvalReport {
  rows: number;
  perLabel: LabelScore[];
  macroF1: number;
  actionAccuracy: number;
  allowed: number;
  allowedRemoved: number;
  allowedRemovedRate: number;
  needsReview: number;
  met: { macroF1: boolean; actionAccuracy: boolean; allowedRemovedRate: boolean; all: boolean };
  mistakes: Array<{ id: string; text: string; expected: { action: string; labels: Label[] }; got: { action: string; labels: Label[] } }>;
}

export function loadCorpus(path: string): CorpusRow[] {
  const lines = readFileSync(path, 'utf8').split('\n');
  const rows: CorpusRow[] = [];
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    const parsed = rowSchema.safeParse(JSON.parse(line));
    if (!parsed.success) throw new Error(`${path} line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`);
    rows.push(parsed.data);
  });
  return rows;
}

export function scoreCorpus(rows: readonly CorpusRow[], policy?: ModerationPolicy, learned?: LearnedAdjustments): EvalReport {
  const counts = new Map<Label, { tp: number; fp: number; fn: number }>(LABELS.map((l) => [l, { tp: 0, fp: 0, fn: 0 }]));
  let correctActions = 0;
  let allowed = 0;
  let allowedRemoved = 0;
  let needsReview = 0;
  const mistakes: EvalReport['mistakes'] = [];
  for (const row of rows) {
    const v: Verdict = screen({ id: row.id, post: row.post, text: row.text, ...(row.platform !== undefined ? { platform: row.platform } : {}) }, policy, learned);
    const gold = new Set(row.labels);
    const got = new Set(v.labels);
    for (const l of LABELS) {
      const c = counts.get(l);
      if (c === undefined) continue;
      if (gold.has(l) && got.has(l)) c.tp++;
      else if (got.has(l)) c.fp++;
      else if (gold.has(l)) c.fn++;
    }
    if (v.action === row.action) correctActions++;
    if (v.action === 'needs_review') needsReview++;
    if (row.action === 'allow') {
      allowed++;
      if (v.action === 'remove') allowedRemoved++;
    }
    if (v.action !== row.action || gold.size !== got.size || [...gold].some((l) => !got.has(l))) {
      mistakes.push({ id: row.id, text: row.text, expected: { action: row.action, labels: row.labels }, got: { action: v.action, labels: v.labels } });
    }
  }
  const perLabel = LABELS.map((label) => {
    const { tp, fp, fn } = counts.get(label) ?? { tp: 0, fp: 0, fn: 0 };
    const precision = tp + fp === 0 ? (fn === 0 ? 1 : 0) : tp / (tp + fp);
    const recall = tp + fn === 0 ? (fp === 0 ? 1 : 0) : tp / (tp + fn);
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, tp, fp, fn, precision, recall, f1 };
  });
  const macroF1 = perLabel.reduce((s, r) => s + r.f1, 0) / perLabel.length;
  const actionAccuracy = rows.length === 0 ? 0 : correctActions / rows.length;
  const allowedRemovedRate = allowed === 0 ? 0 : allowedRemoved / allowed;
  const met = {
    macroF1: macroF1 >= TARGETS.macroF1,
    actionAccuracy: actionAccuracy >= TARGETS.actionAccuracy,
    allowedRemovedRate: allowedRemovedRate <= TARGETS.allowedRemovedRate,
    all: false,
  };
  met.all = met.macroF1 && met.actionAccuracy && met.allowedRemovedRate;
  return { rows: rows.length, perLabel, macroF1, actionAccuracy, allowed, allowedRemoved, allowedRemovedRate, needsReview, met, mistakes };
}

export function formatReport(r: EvalReport): string {
  const pct = (x: number): string => x.toFixed(3);
  const lines = [
    `${'label'.padEnd(22)} ${'prec'.padStart(6)} ${'recall'.padStart(6)} ${'F1'.padStart(6)} ${'tp'.padStart(4)} ${'fp'.padStart(4)} ${'fn'.padStart(4)}`,
    ...r.perLabel.map((s) => `${s.label.padEnd(22)} ${pct(s.precision).padStart(6)} ${pct(s.recall).padStart(6)} ${pct(s.f1).padStart(6)} ${String(s.tp).padStart(4)} ${String(s.fp).padStart(4)} ${String(s.fn).padStart(4)}`),
    '',
    `comments                 ${r.rows}`,
    `macro-F1                 ${pct(r.macroF1)}   target >= ${TARGETS.macroF1}   ${r.met.macroF1 ? 'met' : 'MISSED'}`,
    `action accuracy          ${pct(r.actionAccuracy)}   target >= ${TARGETS.actionAccuracy}   ${r.met.actionAccuracy ? 'met' : 'MISSED'}`,
    `allowed removed          ${pct(r.allowedRemovedRate)}   (${r.allowedRemoved} of ${r.allowed})   target = 0   ${r.met.allowedRemovedRate ? 'met' : 'MISSED'}`,
    `sent to review           ${r.needsReview}`,
  ];
  return lines.join('\n');
}
