import { ZxcvbnFactory, type TranslationKeys } from '@zxcvbn-ts/core';
import { VaultInputError } from './errors';

/**
 * Password strength by zxcvbn-ts. Only @zxcvbn-ts/core is installed, without the
 * language-common/language-en packages that carry its 40 000-word lists and keyboard graphs, so
 * a short list of the most common passwords and local words stands in until they are added.
 */
const COMMON = [
  'password', 'passw0rd', 'p@ssword', '123456', '12345678', '123456789', '1234567890', 'qwerty', 'qwertyuiop',
  'asdfghjkl', 'zxcvbnm', 'abc123', 'letmein', 'welcome', 'admin', 'administrator', 'iloveyou', 'monkey',
  'dragon', 'football', 'baseball', 'sunshine', 'princess', 'shadow', 'master', 'superman', 'trustno1',
  'changeme', 'secret', 'login', 'starwars', 'whatever', 'freedom', 'hello', 'charlie', 'summer', 'winter',
  'spring', 'autumn', 'fall', 'january', 'february', 'march', 'april', 'june', 'july', 'august', 'september',
  'october', 'november', 'december', 'monday', 'friday', 'default', 'guest', 'test', 'facebook', 'twitter',
  'instagram', 'social', 'media', 'city', 'government', 'office', 'council', 'mayor', 'police', 'fire',
];
/** Words an attacker targeting this city's accounts would try first. */
const LOCAL = ['kalispell', 'montana', 'flathead', 'glacier', 'bigfork', 'whitefish', 'columbia', 'lakeside'];

/** zxcvbn returns translation keys; these are the English texts shown under the field. */
const ENGLISH: TranslationKeys = {
  warnings: {
    straightRow: 'A straight row of keys is easy to guess.',
    keyPattern: 'A short keyboard pattern is easy to guess.',
    simpleRepeat: 'Repeated characters like "aaa" are easy to guess.',
    extendedRepeat: 'Repeated patterns like "abcabcabc" are easy to guess.',
    sequences: 'Sequences like "abc" or "6543" are easy to guess.',
    recentYears: 'Recent years are easy to guess.',
    dates: 'Dates are easy to guess.',
    topTen: 'This is one of the ten most used passwords.',
    topHundred: 'This is one of the hundred most used passwords.',
    common: 'This is a commonly used password.',
    similarToCommon: 'This is close to a commonly used password.',
    wordByItself: 'A single word is easy to guess.',
    namesByThemselves: 'A name by itself is easy to guess.',
    commonNames: 'Common names are easy to guess.',
    userInputs: 'It should not contain the site, the city or other obvious words.',
    pwned: 'This password appeared in a data breach.',
  },
  suggestions: {
    l33t: 'Swapping letters for look-alike symbols ("@" for "a") does not help much.',
    reverseWords: 'Spelling a common word backwards does not help much.',
    allUppercase: 'Capitalize some letters, not all of them.',
    capitalization: 'Capitalize more than the first letter.',
    dates: 'Avoid dates and years that mean something to you.',
    recentYears: 'Avoid recent years.',
    associatedYears: 'Avoid years associated with you.',
    sequences: 'Avoid common sequences of characters.',
    repeated: 'Avoid repeated words and characters.',
    longerKeyboardPattern: 'Use a longer keyboard pattern with more turns.',
    anotherWord: 'Add more words that are less common.',
    useWords: 'Use several unrelated words; a long passphrase is easier to remember and harder to guess.',
    noNeed: 'You can make strong passwords without symbols, digits or capitals.',
    pwned: 'If you use this password elsewhere, change it there too.',
  },
  timeEstimation: {
    ltSecond: 'less than a second',
    second: '{base} second',
    seconds: '{base} seconds',
    minute: '{base} minute',
    minutes: '{base} minutes',
    hour: '{base} hour',
    hours: '{base} hours',
    day: '{base} day',
    days: '{base} days',
    month: '{base} month',
    months: '{base} months',
    year: '{base} year',
    years: '{base} years',
    centuries: 'centuries',
  },
};

/** Built on first use: ranking the dictionaries is not free and most app runs never check a password. */
let factory: ZxcvbnFactory | undefined;
function zxcvbn(): ZxcvbnFactory {
  factory ??= new ZxcvbnFactory({ dictionary: { common: COMMON, local: LOCAL }, translations: ENGLISH });
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
