/**
 * Turns label scores into the verdict the CM sees: action, labels, evidence spans in the ORIGINAL
 * text, a reason in words, the clause letters and the policy version (CIV-7).
 */
import type { Hit } from './context';
import { toOriginal, type NormalizedText } from './normalize';
import type { DepartmentContact, ModerationPolicy } from './policy';
import { LABELS, type Action, type Evidence, type Label, type Referral, type Verdict } from './types';

const MAX_EVIDENCE = 24;

const LABEL_NAMES: Record<Label, string> = {
  off_topic: 'not related to the posted topic',
  service_complaint: 'service complaint for a department',
  campaign: 'promotes or opposes a candidate or ballot issue',
  commercial: 'commercial promotion or solicitation',
  profane_threat_harass: 'profane, obscene, threatening or harassing language',
  personal_attack: 'personal attack',
  discrimination: 'discrimination on a protected basis',
  sexual: 'sexual content or links to it',
  privacy: "violates a person's protected privacy",
  illegal: 'advocates illegal activity',
  copyright: 'violates ownership or copyright',
  safety_security: 'compromises public safety or the security of public systems',
};

export interface VerdictParts {
  id: string;
  original: string;
  n: NormalizedText;
  hits: Hit[];
  scores: Partial<Record<Label, number>>;
  policy: ModerationPolicy;
  truncated: boolean;
  department: DepartmentContact | undefined;
}

export function buildVerdict(p: VerdictParts): Verdict {
  const { flag, review, removeConfidence } = p.policy.thresholds;
  const labels = LABELS.filter((l) => (p.scores[l] ?? 0) >= flag);
  const suspected = LABELS.filter((l) => {
    const s = p.scores[l] ?? 0;
    return s >= review && s < flag;
  });
  const removing = labels.filter((l) => l !== 'service_complaint');
  let action: Action = removing.length > 0 ? 'remove' : labels.length > 0 ? 'redirect' : 'allow';
  const maxOf = (ls: readonly Label[]): number => ls.reduce((m, l) => Math.max(m, p.scores[l] ?? 0), 0);
  let confidence =
    action === 'remove' ? maxOf(removing) : action === 'redirect' ? maxOf(labels) : 1 - maxOf(LABELS);
  const notes: string[] = [];
  if (action === 'remove' && confidence < removeConfidence) {
    action = 'needs_review';
    notes.push(`the removal rests on weak evidence (${fmt(confidence)} < ${fmt(removeConfidence)})`);
  } else if (action !== 'remove' && suspected.some((l) => l !== 'service_complaint' || action === 'allow')) {
    action = 'needs_review';
    confidence = maxOf(suspected);
    notes.push(`unsure about ${suspected.map((l) => `${clause(p.policy, l)} (${fmt(p.scores[l] ?? 0)} < ${fmt(flag)})`).join(', ')}`);
  }
  if (p.truncated && action !== 'remove') {
    action = 'needs_review';
    notes.push(`only the first ${p.policy.thresholds.maxScanChars} characters of ${p.original.length} were screened`);
  }
  const shown = new Set<Label>([...labels, ...suspected]);
  const evidence = collectEvidence(p, shown);
  const referral = shown.has('service_complaint') && p.department !== undefined ? toReferral(p.department) : undefined;
  const clauses: Partial<Record<Label, string>> = {};
  for (const l of shown) clauses[l] = p.policy.clauses[l].clause;
  return {
    id: p.id,
    action,
    labels,
    suspected,
    evidence,
    reason: reason(p, action, labels, evidence, referral, notes),
    confidence: Math.round(Math.min(1, Math.max(0, confidence)) * 1000) / 1000,
    policyVersion: p.policy.version,
    clauses,
    ...(referral !== undefined ? { referral } : {}),
    scores: p.scores,
  };
}

function collectEvidence(p: VerdictParts, shown: ReadonlySet<Label>): Evidence[] {
  const out: Evidence[] = [];
  const seen = new Set<string>();
  const ordered = [...p.hits].filter((h) => shown.has(h.label) && h.weight > 0).sort((a, b) => b.weight - a.weight || a.start - b.start);
  for (const h of ordered) {
    const { start, end } = toOriginal(p.n, h.start, h.end);
    const key = `${h.label}:${start}:${end}`;
    if (seen.has(key) || end <= start) continue;
    seen.add(key);
    out.push({ label: h.label, start, end, text: p.original.slice(start, end), why: h.why, rule: h.rule });
    if (out.length >= MAX_EVIDENCE) break;
  }
  return out.sort((a, b) => a.start - b.start || a.label.localeCompare(b.label));
}

function toReferral(d: DepartmentContact): Referral {
  const contact = [d.phone, d.email, d.url].filter((x): x is string => x !== undefined).join(', ');
  return { departmentId: d.id, department: d.name, contact };
}

function clause(policy: ModerationPolicy, l: Label): string {
  const c = policy.clauses[l].clause;
  return `${/^\d+$/.test(c) ? 'item' : 'clause'} ${c} (${LABEL_NAMES[l]})`;
}

function reason(p: VerdictParts, action: Action, labels: readonly Label[], evidence: readonly Evidence[], referral: Referral | undefined, notes: readonly string[]): string {
  const because = (l: Label): string => {
    const e = evidence.find((x) => x.label === l);
    return e !== undefined ? `${clause(p.policy, l)}: ${e.why}` : clause(p.policy, l);
  };
  const parts: string[] = [];
  if (labels.length === 0) parts.push('No clause of the policy applies.');
  else parts.push(`${labels.map(because).join('; ')}.`);
  if (referral !== undefined) parts.push(`Refer the commenter to ${referral.department} (${referral.contact}).`);
  if (notes.length > 0) parts.push(`Needs review: ${notes.join('; ')}.`);
  const verb = { allow: 'Allow', redirect: 'Redirect', remove: 'Remove', needs_review: 'Review' }[action];
  return `${verb}. ${parts.join(' ')} (policy ${p.policy.version})`;
}

function fmt(x: number): string {
  return x.toFixed(2);
}
