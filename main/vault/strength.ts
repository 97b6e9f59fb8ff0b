import { ZxcvbnFactory, type TranslationKeys } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary as commonDictionary } from '@zxcvbn-ts/language-common';
import { dictionary as englishDictionary, translations as englishTranslations } from '@zxcvbn-ts/language-en';
import { VaultInputError } from './errors';

/**
 * Password strength by zxcvbn-ts with its full common and English dictionaries (passwords,
 * diceware, common words, names, Wikipedia) and keyboard graphs (qwerty, azerty, dvorak, keypads).
 */

/**
 * Place names an attacker aiming at a Montana city's accounts tries first. Words from the
 * workspace itself (site names, handles, the city's name) reach the estimator as `userInputs`
 * from the vault service, so this list only covers the region around the seeded city.
 */
const LOCAL = ['kalispell', 'montana', 'flathead', 'glacier', 'bigfork', 'whitefish', 'columbia', 'lakeside'];

/**
 * The English pack's texts, with the few the app words for its own context: "personal or page
 * related data" means nothing to a Communications Manager typing a city account's password.
 */
const ENGLISH: TranslationKeys = {
  ...englishTranslations,
  warnings: {
    ...englishTranslations.warnings,
    extendedRepeat: 'Repeated patterns like "abcabcabc" are easy to guess.',
    userInputs: 'It should not contain the site, the city or other obvious words.',
  },
};

/**
 * Built on first use: ranking ~100 000 dictionary words takes about 0.2 s, and most app runs never
 * check a password. Levenshtein matching stays off: it multiplies the cost of each check by ten to
 * fifty (too slow for feedback while typing) and the l33t and dictionary matchers already catch the
 * near-misses that matter here.
 */
let factory: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({
    dictionary: { ...commonDictionary, ...englishDictionary, local: LOCAL },
    graphs: adjacencyGraphs,
    translations: ENGLISH,
  });
  return factory;
}

export type StrengthScore = 0 | 1 | 2 | 3 | 4;

export interface Strength {
  /** zxcvbn's 0 (guessable in a few tries) to 4 (very unguessable). */
  score: StrengthScore;
  warning: string | null;
  suggestions: string[];
}

/** zxcvbn's cost grows with length; beyond this, a password is long enough that scoring the prefix is fair. */
const SCORED_PREFIX = 256;

/**
 * Scores a password. `userInputs` are words specific to the context (site name, account handle)
 * that make a password guessable if it contains them.
 */
export function estimateStrength(password: string, userInputs: readonly string[] = []): Strength {
  if (typeof password !== 'string' || password.length === 0) throw new VaultInputError('empty', 'The password is empty.');
  const inputs = userInputs.filter((w) => typeof w === 'string' && w.trim().length >= 3).map((w) => w.trim().toLowerCase());
  const result = zxcvbn().check(password.slice(0, SCORED_PREFIX), inputs);
  return {
    score: result.score as StrengthScore,
    warning: result.feedback.warning,
    suggestions: [...result.feedback.suggestions],
  };
}
