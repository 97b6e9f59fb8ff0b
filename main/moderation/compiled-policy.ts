/**
 * Turns a policy's word lists into matchers once per policy object (cached), so screening a
 * comment never rebuilds a regex or the profanity automaton.
 */
import { DataSet, RegExpMatcher, englishDataset, englishRecommendedTransformers, parseRawPattern } from 'obscenity';
import type { ModerationPolicy, DepartmentContact } from './policy';
import { LABELS } from './types';
import { wordsRe, wordsSource } from './text-utils';
import { buildGate } from './profanity-gate';

export interface CompiledPolicy {
  profanity: RegExpMatcher;
  profanityWords: DataSet<{ originalWord: string }>;
  /** False only when obscenity cannot match: lets most comments skip the costly matcher. */
  profanityGate: (text: string) => boolean;
  mild: Set<string>;
  ignored: Set<string>;
  slurs: Set<string>;
  sexualProfanity: Set<string>;
  insultNouns: RegExp;
  insultAdjectives: RegExp;
  /** "the idiot at 12 Oak St", "that moron who runs the plow". */
  insultNounAsName: RegExp;
  groups: RegExp;
  sexualTerms: RegExp;
  health: RegExp;
  publicPlaces: RegExp;
  critical: RegExp;
  candidates: RegExp | null;
  ballotIssues: RegExp | null;
  departments: Array<{ dept: DepartmentContact; re: RegExp }>;
  /** Five-word shingles of the policy's own clause texts: a comment quoting them is not violating them. */
  clauseShingles: Set<string>;
  /** First words of those shingles, to skip building shingles that cannot match. */
  clauseStarts: Set<string>;
  /** The longest word of each shingle: a comment without any of them cannot quote a clause. */
  clauseAnchors: Set<string>;
  cityWords: Set<string>;
  trustedDomains: Set<string>;
  sexualDomainWords: string[];
  piracyDomainWords: string[];
}

const cache = new WeakMap<ModerationPolicy, CompiledPolicy>();

export function compilePolicy(policy: ModerationPolicy): CompiledPolicy {
  const hit = cache.get(policy);
  if (hit !== undefined) return hit;
  const lex = policy.lexicon;
  const profanityWords = new DataSet<{ originalWord: string }>().addAll(englishDataset);
  for (const word of lex.extraProfanity) {
    const w = word.toLowerCase();
    const base = sanitizePattern(w);
    // Whole word plus the usual endings ("frakking", "frakked"); obscenity collapses doubled letters.
    profanityWords.addPhrase((p) =>
      ['', '[s]', '[ing]', '[ed]', '[er][s]', '[in]'].reduce((b, ending) => b.addPattern(parseRawPattern(`|${base}${ending}|`)), p.setMetadata({ originalWord: w })),
    );
  }
  const candidateNames = policy.candidates.flatMap((c) => [c.name, ...c.aliases]);
  const issueNames = policy.ballotIssues.flatMap((b) => [b.name, ...b.aliases]);
  const compiled: CompiledPolicy = {
    profanity: new RegExpMatcher({ ...profanityWords.build(), ...englishRecommendedTransformers }),
    profanityWords,
    profanityGate: buildGate(profanityWords),
    mild: lowerSet(lex.mildProfanity),
    ignored: lowerSet(lex.profanityIgnored),
    slurs: lowerSet(lex.slurs),
    sexualProfanity: lowerSet(lex.sexualProfanity),
    insultNouns: wordsRe(lex.insultNouns, true),
    insultAdjectives: wordsRe(lex.insultAdjectives),
    insultNounAsName: new RegExp(`\\b(?:the|that|this|some|these|those) ${wordsSource(lex.insultNouns, true)} (?:at|on|in|from|who|that|next door|across|down the|driving|running|working)\\b`, 'gi'),
    groups: wordsRe(lex.protectedGroups, true),
    sexualTerms: wordsRe(lex.sexualTerms, true),
    health: wordsRe(lex.healthTerms),
    publicPlaces: wordsRe(lex.publicPlaces, true),
    critical: wordsRe(lex.criticalFacilities, true),
    candidates: candidateNames.length > 0 ? wordsRe(candidateNames.map((n) => n.replace(/^@/, ''))) : null,
    ballotIssues: issueNames.length > 0 ? wordsRe(issueNames) : null,
    departments: policy.departments.map((dept) => ({ dept, re: wordsRe(dept.keywords, true) })),
    clauseShingles: shingles(LABELS.map((l) => policy.clauses[l].text)),
    clauseStarts: new Set([...shingles(LABELS.map((l) => policy.clauses[l].text))].map((g) => g.split(' ')[0] ?? '')),
    clauseAnchors: new Set([...shingles(LABELS.map((l) => policy.clauses[l].text))].map((g) => g.split(' ').reduce((a, b) => (b.length > a.length ? b : a), ''))),
    cityWords: new Set(policy.cityNames.flatMap((n) => n.toLowerCase().split(/\s+/))),
    trustedDomains: lowerSet(policy.domains.trusted),
    sexualDomainWords: [...lowerSet(policy.domains.sexual)],
    piracyDomainWords: [...lowerSet(policy.domains.piracy)],
  };
  cache.set(policy, compiled);
  return compiled;
}

function lowerSet(list: readonly string[]): Set<string> {
  return new Set(list.map((w) => w.toLowerCase()));
}

/** obscenity's pattern syntax reserves [ ] ? | and backslash. */
function sanitizePattern(word: string): string {
  return word.replace(/[[\]?|\\]/g, '');
}

export const SHINGLE = 5;

export function shingles(texts: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const t of texts) {
    const words = t.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
    for (let i = 0; i + SHINGLE <= words.length; i++) out.add(words.slice(i, i + SHINGLE).join(' '));
  }
  return out;
}
