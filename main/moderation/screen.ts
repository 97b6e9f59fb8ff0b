/**
 * screen(): one public comment in, one explainable verdict out (CIV-6, CIV-2, CIV-7).
 *
 * Pipeline: normalize (fold evasions, keep an offset map) -> blank out quotations of the policy
 * itself -> run every clause detector -> apply what was learned from the city's decisions ->
 * combine each label's hits (noisy-or) -> thresholds from the policy decide labels and action.
 * Pure: no I/O, no clock, no randomness, so the same comment, policy and adjustments always give
 * the same verdict.
 */
import { compilePolicy, SHINGLE, type CompiledPolicy } from './compiled-policy';
import { makeContext, type Hit } from './context';
import { DETECTORS } from './detectors/index';
import { routeComplaint } from './detectors/service';
import { complaintElsewhere } from './detectors/off-topic';
import { applyAdjustments, type LearnedAdjustments } from './learn';
import { normalize, type NormalizedText } from './normalize';
import type { ModerationPolicy } from './policy';
import { KALISPELL_POLICY } from './seed-policy';
import { LABELS, type CommentInput, type Label, type Verdict } from './types';
import { buildVerdict } from './verdict';
import { memo } from './text-utils';

const MAX_POST_CHARS = 4000;
const normalizedPost = memo((post: string) => normalize(post).text);

export function screen(input: CommentInput, policy: ModerationPolicy = KALISPELL_POLICY, learned?: LearnedAdjustments): Verdict {
  const compiled = compilePolicy(policy);
  const original = typeof input.text === 'string' ? input.text : '';
  const truncated = original.length > policy.thresholds.maxScanChars;
  const scanned = truncated ? safeSlice(original, policy.thresholds.maxScanChars) : original;
  const n = normalize(scanned);
  const masked = maskPolicyQuotes(n, compiled);
  const post = normalizedPost(safeSlice(typeof input.post === 'string' ? input.post : '', MAX_POST_CHARS));
  const ctx = makeContext(masked.text, masked.lower, post, policy, compiled);

  let hits: Hit[] = [];
  for (const detect of DETECTORS) hits.push(...detect(ctx));
  hits = applyAdjustments(hits, masked.lower, learned);
  let scores = combine(hits);
  // A service complaint about another place and subject than the post is off-topic as well
  // (CIV-2 names both).
  if ((scores.service_complaint ?? 0) >= policy.thresholds.flag) {
    const elsewhere = complaintElsewhere(ctx);
    if (elsewhere !== null) {
      hits = [...hits, ...applyAdjustments([elsewhere], masked.lower, emptyIfNoRule(learned, elsewhere.rule))];
      scores = combine(hits);
    }
  }
  const department = (scores.service_complaint ?? 0) >= policy.thresholds.review ? routeComplaint(ctx) : undefined;
  return buildVerdict({ id: String(input.id), original, n, hits, scores, policy, truncated, department });
}

/** Learned factors only (no learned terms), so the extra hit is not joined by duplicate term hits. */
function emptyIfNoRule(learned: LearnedAdjustments | undefined, rule: string): LearnedAdjustments | undefined {
  const r = learned?.rules[rule];
  return r === undefined ? undefined : { version: 1, decisions: 1, rules: { [rule]: r }, terms: [] };
}

/** Noisy-or of a label's hits: independent signals reinforce, one weak signal stays weak. */
export function combine(hits: readonly Hit[]): Partial<Record<Label, number>> {
  const miss: Partial<Record<Label, number>> = {};
  const seen = new Set<string>();
  for (const h of hits) {
    const key = `${h.rule}@${h.start}`;
    if (seen.has(key) || h.weight <= 0) continue;
    seen.add(key);
    miss[h.label] = (miss[h.label] ?? 1) * (1 - Math.min(h.weight, 0.99));
  }
  const scores: Partial<Record<Label, number>> = {};
  for (const l of LABELS) {
    const m = miss[l];
    if (m !== undefined) scores[l] = Math.round((1 - m) * 1000) / 1000;
  }
  return scores;
}

/**
 * Blanks out (with spaces, keeping offsets) any run of five or more words copied from the
 * policy's clause texts: "your policy says 'personal attacks of any kind'" quotes the rule, it
 * does not break it.
 */
function maskPolicyQuotes(n: NormalizedText, compiled: CompiledPolicy): { text: string; lower: string } {
  const anchors = n.lower.match(/[\p{L}\p{N}']+/gu) ?? [];
  if (!anchors.some((w) => compiled.clauseAnchors.has(w))) return { text: n.text, lower: n.lower };
  const words: Array<{ w: string; start: number; end: number }> = [];
  const re = /[\p{L}\p{N}']+/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(n.lower)) !== null) words.push({ w: m[0], start: m.index, end: m.index + m[0].length });
  const ranges: Array<[number, number]> = [];
  for (let i = 0; i + SHINGLE <= words.length; i++) {
    if (!compiled.clauseStarts.has(words[i]?.w ?? '')) continue;
    const gram = words.slice(i, i + SHINGLE).map((x) => x.w).join(' ');
    if (!compiled.clauseShingles.has(gram)) continue;
    const a = words[i];
    const b = words[i + SHINGLE - 1];
    if (a !== undefined && b !== undefined) ranges.push([a.start, b.end]);
  }
  if (ranges.length === 0) return { text: n.text, lower: n.lower };
  const blank = (s: string): string => {
    const chars = s.split('');
    for (const [a, b] of ranges) for (let k = a; k < b; k++) chars[k] = ' ';
    return chars.join('');
  };
  return { text: blank(n.text), lower: blank(n.lower) };
}

/** Cuts at `max` UTF-16 units without splitting a surrogate pair. */
function safeSlice(s: string, max: number): string {
  if (s.length <= max) return s;
  const code = s.charCodeAt(max - 1);
  return s.slice(0, code >= 0xd800 && code <= 0xdbff ? max - 1 : max);
}
