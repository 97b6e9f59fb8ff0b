/**
 * Shapes shared by the screener, the learner, the CLI and the evaluator. Everything here is plain
 * JSON so a verdict can be stored beside the moderation action that used it (CIV-7).
 */

/** Clause labels of the Civility and Acceptable Use Policy, in the order the policy lists them. */
export const LABELS = [
  'off_topic',
  'service_complaint',
  'campaign',
  'commercial',
  'profane_threat_harass',
  'personal_attack',
  'discrimination',
  'sexual',
  'privacy',
  'illegal',
  'copyright',
  'safety_security',
] as const;

export type Label = (typeof LABELS)[number];

export const ACTIONS = ['allow', 'redirect', 'remove', 'needs_review'] as const;
export type Action = (typeof ACTIONS)[number];

export type Platform = 'facebook' | 'x';

/** One public comment and the city post it answers. */
export interface CommentInput {
  id: string;
  /** Text of the city's post the comment replies to; off-topic is judged against it. */
  post: string;
  text: string;
  platform?: Platform;
}

/** A span of the ORIGINAL comment text (UTF-16 offsets, end exclusive) that supports a label. */
export interface Evidence {
  label: Label;
  start: number;
  end: number;
  text: string;
  why: string;
  /** Id of the rule that produced the span; the learner keys its precision estimates on it. */
  rule: string;
}

/** Where the city refers a service complaint (CIV-2). */
export interface Referral {
  departmentId: string;
  department: string;
  contact: string;
}

export interface Verdict {
  id: string;
  action: Action;
  /** Every clause label whose score reached the policy's flag threshold. */
  labels: Label[];
  /** Labels that came close but not over the threshold; they are why an item goes to review. */
  suspected: Label[];
  evidence: Evidence[];
  reason: string;
  confidence: number;
  /** Version of the policy the verdict applied (CIV-7). */
  policyVersion: string;
  /** Clause letter or item number per label, e.g. campaign -> "6a". */
  clauses: Partial<Record<Label, string>>;
  referral?: Referral;
  /** Per-label scores in [0, 1], kept so a reviewer can see how close each call was. */
  scores: Partial<Record<Label, number>>;
}

/** What the city finally did with a screened comment: the learner's teaching signal. */
export interface Decision {
  /** Decision id; falls back to the screened comment id. */
  id?: string;
  text: string;
  post: string;
  screened: Verdict;
  final: { action: Exclude<Action, 'needs_review'>; labels: Label[] };
}
