/**
 * CIV-6d personal attacks. The line the courts draw: "the council's decision was stupid" is an
 * opinion about an official act and stays; "Reyes is a greasy little weasel" attacks a person.
 * So an insult counts only when it is predicated of a PERSON (you, he/she, a name, "that
 * librarian", "kid") and not of a decision, a plan, a budget or the city as a body.
 */
import { hit, type Detector, type Hit, type ScanContext } from '../context';
import { sentenceOf } from '../text-utils';
import { keys, runRules, type Rule } from '../rules';

/** Adjectives that are also ordinary sympathy or description ("you must be sad"): only with a person noun. */
const WEAK_ADJ = new Set(['sad', 'bitter', 'crazy', 'ignorant', 'clueless', 'dense', 'smug', 'psycho', 'obese', 'incompetent', 'useless', 'lazy', 'disgusting']);

const PERSON_NOUN = /^(?:,?\s*(?:[a-z-]+\s+){0,2})(?:man|men|woman|women|lady|ladies|guy|guys|person|people|mom|moms|mother|dad|father|kid|kids|boy|girl|child|human(?: being)?|individual|excuse for a|bunch|old (?:man|woman|lady|fart)|karen|employee|worker|hag|loser|idiot|moron|creature)\b/i;

/** Subjects that name a person; a match ending right before the insult makes it predicative. */
/**
 * Words that may sit between "you('re)" / "X is" and the insult: anything but the verbs,
 * prepositions and conjunctions that would make the insult belong to something else ("is going
 * through a nasty divorce", "you let the mayor call residents liars").
 */
const GAP = String.raw`(?:(?!(?:going|through|about|with|for|to|from|on|at|in|into|and|or|because|when|who|that|which|let|lets|call|calls|called|think|thinks|said|says|say|know|knows|see|saw|heard|told|treat|treats|make|makes|made|have|has|had|voted|did|does|do|get|gets|got|went|getting|having|been|like|than|if|not|never|no)\b)[\w'*@!#$-]+\s*,?\s+)`;
const SUBJECT_SECOND = new RegExp(String.raw`(?:\byou(?:'re|\s+are|\s+r|\s+people\s+are|\s+guys\s+are|\s+all\s+are|'re\s+all)?|\bur|\bu\s+r|\by'all\s+are)\s+${GAP}{0,5}$`, 'i');
const PERSON = String.raw`(?:kid|guy|lady|woman|man|dude|person|librarian|coach|clerk|officer|director|manager|driver|employee|worker|neighbou?r|councilman|councilwoman|councilmember|mayor|chief|supervisor|ref|referee|teacher|mom|dad|husband|wife|boyfriend|girlfriend|ex|moderator|admin|inspector|foreman|lifeguard|cop)`;
const PEOPLE = String.raw`(?:moderators|admins|cops|officers|employees|staff|workers|drivers|people|guys|librarians|lifeguards|inspectors|crews|councilmen|commissioners|liberals|conservatives|democrats|republicans)`;
/** A person named by a pronoun or a role ("the librarian at the front desk is"), any case. */
const SUBJECT_THIRD = new RegExp(
  String.raw`(?:\b(?:he|she|they)(?:'s|\s+is|\s+was|\s+are|\s+were)|\b${PERSON}(?:\s+(?:at|on|in|from|with|of|behind|who runs)\s+(?:the\s+)?[a-z]+(?:\s+[a-z]+)?)?(?:'s|\s+is|\s+was|\s+are)|\b${PEOPLE}(?:\s+(?:here|there|at\s+(?:the\s+)?[a-z]+(?:\s+[a-z0-9]+)?))?\s+(?:are|were))\s+${GAP}{0,5}$`,
  'i',
);
/** A person named by a capitalised name ("Reyes is", "Coach Dave is"); case matters here. */
const SUBJECT_NAME = new RegExp(String.raw`\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}(?:\s+(?:on|at|from|in|with|of)\s+(?:the\s+)?[a-z]+(?:\s+[a-z]+)?)?(?:'s|\s+is|\s+was)\s+${GAP}{0,5}$`);
/** Reported speech: "you let the mayor call residents liars" quotes an insult, it does not make one. */
const REPORTED = /\b(?:call|calls|called|calling|name|named|label|labels|labelled|labeled|accuse|accused|accusing)\b/i;
const NOT_A_PERSON = /(?<!\b(?:on|at|in|from|of|with)\s+(?:the\s+)?(?:[a-z]+\s+)?)\b(?:it|this|that|the city|city|council|budget|plan|decision|policy|proposal|idea|project|program|schedule|planning|meeting|vote|rule|page|department|board|government|system|process|show|event|festival|parade|map|portal|site|website|road|street|bridge|pool|library|park)(?:'s|\s+is|\s+was|\s+are|\s+were)\s+(?:(?:[a-z'-]+|,)\s*){0,5}$/i;
const NEGATED = /\b(?:not|n't|never|no one is|nobody is|nobody's)\s+(?:(?:[a-z'-]+|,)\s*){0,3}$/i;
const NOT_NAMES = new Set(['The', 'This', 'That', 'It', 'City', 'Council', 'Everyone', 'Nobody', 'Someone', 'There', 'Here', 'What', 'Which', 'Who', 'Why', 'How', 'Police', 'Parks', 'Public', 'Works', 'Library', 'Budget', 'Saying']);

export const RIDICULE_RULES: Rule[] = [
  { rule: 'attack.appearance', keys: keys('face looks crawled ugly fat'), weight: 0.7, re: /\b(?:face like a|looks like (?:she|he|they|you) (?:crawled|fell|was dragged|got hit|just)|crawled out of a (?:dumpster|sewer|trash|hole|swamp)|ugly as|fat (?:mouth|ass|slob|pig|cow))\b/gi, why: 'mocks a person\'s appearance' },
  { rule: 'attack.shut-up', keys: keys('shut close'), weight: 0.6, re: /\b(?:shut (?:up|your (?:[a-z]+ )?(?:mouth|trap|face|pie ?hole))|close your (?:[a-z]+ )?mouth)\b/gi, why: 'tells a person to shut up' },
  { rule: 'attack.intelligence', keys: keys('iq iqs dumb stupid ignorant temperature brain'), weight: 0.75, re: /\b(?:(?:single|low)[- ]digit iqs?|(?:too|so) (?:dumb|stupid|ignorant) to (?:read|understand|know|count|think)|dumb as (?:a )?(?:rock|box|bag|post|brick|dirt)s?|room temperature iq|brain cells?)\b/gi, why: 'mocks a person\'s intelligence' },
  { rule: 'attack.dismiss', keys: keys('life nobody crawl'), weight: 0.45, re: /\b(?:get a life|nobody (?:asked|wants|cares) (?:for |about |what )?(?:your|you)\b(?: (?:opinion|input|two cents|driveway|think))?|go crawl back)\b/gi, why: 'dismisses a person contemptuously' },
  { rule: 'attack.vocative', keys: keys('you'), weight: 0.6, re: /\byou (?:old|little|stupid|fat|dumb|ugly|miserable|pathetic|sad|worthless|nosy|bitter) [a-z-]+(?=\s*[.!?]*\s*$)/gim, why: 'calls a person names' },
  { rule: 'attack.group-of', weight: 0.7, keys: keys('bunch pack gang'), re: /\b(?:bunch|pack|gang) of (?:lazy|stupid|useless|incompetent|worthless|brainless|corrupt|overpaid|fat|dumb|pathetic|lying|spineless|clueless) (?!rules|ideas|decisions|policies|nonsense|excuses|lies|garbage|junk|crap|stuff|things|meetings|plans|numbers|data|projects)[a-z]+/gi, why: 'insults a group of people' },
  { rule: 'attack.piece-of', keys: keys('piece pieces sack bag'), weight: 0.75, re: /\b(?:you(?:'re| are)?|he'?s|she'?s|they'?re|(?:drivers|cops|officers|people|guys|councilmen|staff|crews?|moderators|mods) are) (?:a |an |such |total |complete |useless |worthless |lazy |stupid |fat )*(?:piece|pieces|sack|bag) of (?:sh[\W_]*i?t|crap|garbage|trash|filth|work)\b/gi, why: 'calls a person a piece of garbage' },
  { rule: 'attack.mockery', keys: keys('lives live sell job'), weight: 0.7, re: /\b(?:lives? in (?:his|her|their) (?:mom|mother|parents|grandma)'?s? basement|(?:would|'d) sell (?:his|her|their) own mother|only got (?:his|her|the) job because (?:his|her) (?:daddy|mommy|dad|mom|uncle))\b/gi, why: 'mocks a person\'s private life' },
];

export const personalAttackDetector: Detector = (ctx) => {
  const hits: Hit[] = [];
  for (const kind of ['noun', 'adj'] as const) {
    const re = kind === 'noun' ? ctx.compiled.insultNouns : ctx.compiled.insultAdjectives;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(ctx.lower)) !== null) {
      const start = m.index;
      const end = start + m[0].length;
      const after = ctx.text.slice(end, end + 40);
      if (kind === 'noun' && /^[\s-]*(?:show|car|college|shoes|world|town|circus|fiesta|emoji|costume|makeup|face paint|run|hunt|poison|trap|race)\b/i.test(after)) continue;
      const word = m[0].toLowerCase();
      if (kind === 'adj' && WEAK_ADJ.has(word) && !PERSON_NOUN.test(after)) continue;
      const subject = personSubject(ctx, start);
      if (subject === null) continue;
      hits.push(hit('personal_attack', `attack.insult-${kind}`, kind === 'noun' ? 0.85 : 0.75, { start: subject, end }, `insults a person: "${ctx.text.slice(subject, end)}"`));
    }
  }
  // "the idiot at 1209 Spruce", "that moron who drives the plow": an insult used as a name.
  ctx.compiled.insultNounAsName.lastIndex = 0;
  let named: RegExpExecArray | null;
  while ((named = ctx.compiled.insultNounAsName.exec(ctx.text)) !== null) {
    hits.push(hit('personal_attack', 'attack.insult-as-name', 0.75, { start: named.index, end: named.index + named[0].length }, `refers to a person by an insult: "${named[0]}"`));
  }
  hits.push(...runRules(ctx, 'personal_attack', RIDICULE_RULES));
  return hits;
};

/** Start of the person the insult at `at` is said of, or null when it is said of a thing or negated. */
function personSubject(ctx: ScanContext, at: number): number | null {
  const sentence = sentenceOf(ctx.sentences(), at);
  const windowStart = Math.max(sentence.start, at - 60);
  const before = ctx.text.slice(windowStart, at);
  if (NEGATED.test(before) || NOT_A_PERSON.test(before) || REPORTED.test(before)) return null;
  const second = SUBJECT_SECOND.exec(before);
  if (second !== null) return windowStart + second.index;
  const role = SUBJECT_THIRD.exec(before);
  if (role !== null) return windowStart + role.index;
  const third = SUBJECT_NAME.exec(before);
  if (third !== null) {
    const firstWord = /^[A-Za-z]+/.exec(third[0])?.[0] ?? '';
    if (!NOT_NAMES.has(firstWord)) return windowStart + third.index;
  }
  return null;
}
