/**
 * The moderation policy as data (CIV-7): clause texts, word lists, current candidates and ballot
 * issues, department contacts and thresholds. A city amends its policy by editing this data; every
 * verdict records `version`, so each decision can be traced to the policy it applied.
 */
import { z } from 'zod';
import { LABELS, type Label } from './types';

const words = z.array(z.string().trim().min(1)).default([]);

const clauseSchema = z.object({
  /** Clause letter or item number as printed in the policy, e.g. "6a" or "2". */
  clause: z.string().min(1),
  text: z.string().min(1),
});

const departmentSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9_-]+$/, 'department id must be lower-case letters, digits, - or _'),
    name: z.string().min(1),
    phone: z.string().min(1).optional(),
    email: z.string().email().optional(),
    url: z.string().url().optional(),
    /** Words in a complaint that route it here (lower case, matched on word boundaries). */
    keywords: z.array(z.string().trim().min(1)).min(1),
  })
  .refine((d) => d.phone !== undefined || d.email !== undefined || d.url !== undefined, {
    message: 'a department needs a phone, an email or a url to refer people to',
  });

const candidateSchema = z.object({
  name: z.string().min(1),
  office: z.string().min(1),
  /** Other spellings people use: a surname, a campaign handle. */
  aliases: words,
});

const ballotIssueSchema = z.object({
  name: z.string().min(1),
  aliases: words,
});

const lexiconSchema = z.object({
  /** Swears that are not a violation on their own ("damn proud", "hell yes"). */
  mildProfanity: words,
  /** Profane words added to obscenity's English dataset. */
  extraProfanity: words,
  /** obscenity dataset words not counted alone because they are also names or ordinary words. */
  profanityIgnored: words,
  /** obscenity dataset words that are slurs: profane and discriminatory. */
  slurs: words,
  /** obscenity dataset words that are sexual rather than merely profane. */
  sexualProfanity: words,
  insultNouns: words,
  insultAdjectives: words,
  protectedGroups: words,
  sexualTerms: words,
  healthTerms: words,
  /** Places whose address or phone is public information, never private. */
  publicPlaces: words,
  /** Public systems whose weak points must not be published (CIV-6j). */
  criticalFacilities: words,
});

const domainsSchema = z.object({
  /** Substrings of a domain that mark sexual sites (CIV-6f). */
  sexual: words,
  /** Substrings of a domain that mark piracy sites (CIV-6i). */
  piracy: words,
  /** Registrable domains that are never promotional (the city's own, government, platforms). */
  trusted: words,
});

const probability = z.number().min(0).max(1);

const thresholdsSchema = z
  .object({
    /** A label applies when its score reaches this. */
    flag: probability,
    /** A label scoring at least this but under `flag` sends the comment to review. */
    review: probability,
    /** Removals resting on less confidence than this go to review instead. */
    removeConfidence: probability,
    /** Characters screened; the rest of a longer comment is not read and the verdict says so. */
    maxScanChars: z.number().int().min(1000).max(1_000_000),
  })
  .refine((t) => t.review <= t.flag, { message: 'thresholds.review must not exceed thresholds.flag' });

const clausesShape = Object.fromEntries(LABELS.map((l) => [l, clauseSchema])) as Record<Label, typeof clauseSchema>;

export const moderationPolicySchema = z.object({
  id: z.string().min(1),
  version: z.string().min(1),
  city: z.string().min(1),
  /** Names of the city itself; they carry no topic when judging off-topic comments. */
  cityNames: words,
  source: z.string().min(1),
  clauses: z.object(clausesShape),
  lexicon: lexiconSchema,
  domains: domainsSchema,
  candidates: z.array(candidateSchema).default([]),
  ballotIssues: z.array(ballotIssueSchema).default([]),
  departments: z.array(departmentSchema).min(1),
  thresholds: thresholdsSchema,
});

export type ModerationPolicy = z.infer<typeof moderationPolicySchema>;
export type DepartmentContact = ModerationPolicy['departments'][number];

export class PolicyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PolicyError';
  }
}

/**
 * Validates policy JSON (a string or a parsed value). Throws a PolicyError that names every bad
 * field, e.g. `invalid moderation policy: thresholds.flag: Too big: expected number to be <=1`.
 */
export function parsePolicy(json: unknown): ModerationPolicy {
  let value: unknown = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw new PolicyError(`invalid moderation policy: not JSON (${(err as Error).message})`);
    }
  }
  const parsed = moderationPolicySchema.safeParse(value);
  if (!parsed.success) {
    const detail = parsed.error.issues
      .map((issue) => `${issue.path.length > 0 ? issue.path.join('.') : '(root)'}: ${issue.message}`)
      .join('; ');
    throw new PolicyError(`invalid moderation policy: ${detail}`);
  }
  const ids = new Set<string>();
  for (const d of parsed.data.departments) {
    if (ids.has(d.id)) throw new PolicyError(`invalid moderation policy: departments: duplicate id "${d.id}"`);
    ids.add(d.id);
  }
  return parsed.data;
}
