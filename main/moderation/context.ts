/**
 * What every detector sees: the normalized (and policy-quote-masked) comment, the post it answers,
 * the compiled policy, and lazily computed links and phone numbers (the two costliest scans, which
 * most comments never need).
 */
import type { ModerationPolicy } from './policy';
import type { CompiledPolicy } from './compiled-policy';
import type { Label } from './types';
import { findLinks, type LinkInfo } from './links';
import { findPhones, type PhoneInfo } from './phones';
import { sentences, type Span } from './text-utils';

/** One rule firing: a weight in (0, 1] for `label`, with its span in NORMALIZED offsets. */
export interface Hit {
  label: Label;
  rule: string;
  weight: number;
  start: number;
  end: number;
  why: string;
}

export interface ScanContext {
  /** Normalized comment, case preserved; quotes of the policy itself are blanked out. */
  text: string;
  lower: string;
  post: string;
  postLower: string;
  policy: ModerationPolicy;
  compiled: CompiledPolicy;
  sentences(): Span[];
  links(): LinkInfo[];
  phones(): PhoneInfo[];
  /** Lower-case letter/digit runs of the comment: lets rules skip comments without their words. */
  tokens(): ReadonlySet<string>;
}

export type Detector = (ctx: ScanContext) => Hit[];

export function makeContext(text: string, lower: string, post: string, policy: ModerationPolicy, compiled: CompiledPolicy): ScanContext {
  let sents: Span[] | undefined;
  let links: LinkInfo[] | undefined;
  let phones: PhoneInfo[] | undefined;
  let tokens: Set<string> | undefined;
  return {
    text,
    lower,
    post,
    postLower: post.toLowerCase(),
    policy,
    compiled,
    sentences: () => (sents ??= sentences(text)),
    links: () => (links ??= findLinks(text, compiled)),
    phones: () => (phones ??= findPhones(text)),
    tokens: () => (tokens ??= new Set(lower.match(/^[\x20-\x7e\s]*$/.test(lower) ? /[a-z0-9]+/g : /[\p{L}\p{N}]+/gu) ?? [])),
  };
}

export function hit(label: Label, rule: string, weight: number, span: { start: number; end: number }, why: string): Hit {
  return { label, rule, weight, start: span.start, end: span.end, why };
}
