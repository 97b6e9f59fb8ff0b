/**
 * CIV-6e discrimination on a protected basis. Naming a group is not discrimination ("the Black
 * Student Union float was great"); calling for a group's exclusion, segregation or unequal
 * treatment, or stereotyping it, is. A protected-group mention (policy word list) must co-occur
 * with such a cue. Slurs are caught by the profanity detector.
 */
import { hit, type Detector, type Hit } from '../context';
import { findAll, near } from '../text-utils';

/** Group words that are also ordinary adjectives ("black ice", "native plants"): need a people noun. */
const AMBIGUOUS = new Set(['black', 'native', 'indian', 'trans', 'blind', 'deaf', 'chinese', 'christian', 'catholic', 'girl', 'female', 'arab', 'african']);
const PEOPLE_AFTER = /^[\s-]*(?:drivers?|youths?|teens?|folks|owners?|kids|children|people|families|folks|men|women|guys|ladies|community|residents|neighbou?rs|vendors|owners|owned|businesses|students|americans|immigrants|teens|boys|girls|workers|families|person|guy|lady|man|woman|family|kid)\b/i;

const EXCLUSION = new RegExp(
  [
    String.raw`\b(?:don'?t|do not|doesn'?t|does not) belong\b`,
    String.raw`\bshould(?:n'?t| not) be (?:allowed|let|permitted|hired)\b`,
    String.raw`\bshould(?: all)? be (?:banned|kept out|deported|sent back|separated|segregated)\b`,
    String.raw`\bkeep(?:s|ing)? (?:the |those |these |all |them |\w+ ){0,6}(?:out|away from|off)\b`,
    String.raw`\b(?:don'?t|do not) (?:need|want) (?:any )?more\b|\bzone (?:them|those|these|\w+s) out\b`,
    String.raw`\bdon'?t want (?:my|our) [a-z]+ (?:around|near|with) (?:them|those|these)\b`,
    String.raw`\bstop (?:hiring|letting|allowing|renting to|serving)\b`,
    String.raw`\b(?:don'?t|do not|never) hire (?:a|an|any|more)\b`,
    String.raw`\bhire real\b|\breal (?:americans|citizens|residents|montanans)\b`,
    String.raw`\bgo back (?:to|where)\b|\bsend (?:them|em) back\b|\bdeport\w*\b`,
    String.raw`\binvad(?:e|ed|ing|ers?|ion)\b|\binfest\w*\b|\boverrun\b`,
    String.raw`\bseparate (?:\w+ ){0,2}(?:times|hours|days|entrances|lines|pools|schools|sections|areas|sessions)\b|\bseparate (?:group|groups|class|classes|team|teams|bathroom|bathrooms) for\b|\bsegregat\w*\b`,
    String.raw`\btoken (?=\w)|\bdiversity hire\b|\bleave it to the men\b|\bbelongs? in the kitchen\b`,
    String.raw`\bnot welcome\b|\bban (?:all|them|these|those)\b|\bget rid of (?:them|all)\b`,
    String.raw`\b(?:harder|worse|tougher) for them\b|\bin line with them\b`,
    String.raw`\bno [a-z]+s?(?: or [a-z]+s?)? should\b|\bno [a-z]+(?: [a-z]+)?,? please\b|\bhire (?:only )?(?:young|white|men|christians?|straight)\b|\b(?:stop|search|profile|target|arrest|frisk) (?:every|all|any|those|these)\b|\bcheck (?:their|his|her) papers\b|\bpapers,? please\b|\b(?:call|report (?:them|him|her) to) ice\b`,
    String.raw`\bget (?:that|this|those|these|them|all (?:that|those|of that)) (?:[a-z]+ )?out of\b|\bout of our (?:library|town|city|neighbou?rhood|schools?|parks?|pool|country|community)\b`,
    String.raw`\b(?:don'?t|do not|never|stop) (?:let|letting|allow|allowing) (?:any|the|those|these|them|more)\b|\bonly (?:hire|hiring|allow|let|serve|rent to|accept)\b|\bno (?:more )?[a-z]+s allowed\b`,
    String.raw`\b(?:was|were|used to be) (?:better|nicer|nice|fine|great|safer|cleaner|good|quieter)\b[^.!?]{0,30}\b(?:before|until)\b`,
    String.raw`\bha(?:ve|s) no business (?:being|working|running|in)\b|\bshould stay (?:home|in the kitchen|in their)\b|\bkeep (?:them|her|those|these) (?:at|in) the\b`,
  ].join('|'),
  'gi',
);

/** Cues that also occur in ordinary speech ("the pool was full of kids"): two are needed. */
const WEAK_EXCLUSION = new RegExp(
  [
    String.raw`\b(?:took|take|taking) over\b|\bfull of\b|\bnormal (?:kids|people|families|folks|children)\b`,
    String.raw`\bcan'?t (?:handle|do|be trusted)\b`,
    String.raw`\buntil (?:the|all the|those|these) [^.!?]{0,40}(?:started coming|moved in|showed up|came in|came)\b`,
    String.raw`\b(?:those|these) people\b|\bpeople like (?:that|them|those)\b|\btheir kind\b`,
    String.raw`\bpushing [^.!?]{0,20} on (?:our )?(?:kids|children)\b|\b(?:near|around) (?:our )?(?:kids|children)\b`,
  ].join('|'),
  'gi',
);

const IMPLICIT_GROUP = /\breal (?:americans|citizens|montanans)\b|\bgo back (?:to (?:your|their) (?:own )?country|where (?:you|they) came from)\b|\b(?:speak|learn) english\b|\btheir kind\b/gi;

const STEREOTYPE = /\bthey (?:all |always )?(?:cheat|steal|lie|scam|rip (?:you|people) off|bring crime|ruin everything|don'?t work)\b|\b(?:enough|too many|free) handouts\b|\blive off (?:the|our) (?:system|taxes|dime)\b|\bwhere the crime is\b|\b(?:are|is) (?:all |always |just |mostly )?(?:lazy|criminals?|dangerous|dirty|thieves|terrorists|animals|illegals?|rapists|drug dealers|inferior|freeloaders|welfare queens|subhuman)\b|\bare the (?:ones|reason|problem)(?: (?:who|that|leaving|causing|ruining|bringing|stealing|dealing|doing))?\b|\b(?:all|those) [a-z]+s (?:ever )?do is\b/gi;

export const discriminationDetector: Detector = (ctx) => {
  const groups = findAll(ctx.compiled.groups, ctx.text).filter((g) => {
    const word = g.text.toLowerCase().replace(/(?:es|s|'s)$/, '');
    if (!AMBIGUOUS.has(word) && !AMBIGUOUS.has(g.text.toLowerCase())) return true;
    // Plural "Blacks", "Indians" name people; singular needs a people noun after it.
    return /s$/i.test(g.text) || PEOPLE_AFTER.test(ctx.text.slice(g.end, g.end + 30));
  });
  // Phrases that name the protected basis themselves ("real Americans", "go back where they came from").
  groups.push(...findAll(IMPLICIT_GROUP, ctx.text));
  if (groups.length === 0) return [];
  const hits: Hit[] = [];
  const cues = [
    ...findAll(EXCLUSION, ctx.text).map((c) => ({ ...c, strong: true })),
    ...findAll(STEREOTYPE, ctx.text).map((c) => ({ ...c, strong: true })),
    ...findAll(WEAK_EXCLUSION, ctx.text).map((c) => ({ ...c, strong: false })),
  ];
  for (const cue of cues) {
    const group = groups.find((g) => near(g, cue, 60)) ?? groups.find((g) => near(g, cue, 220));
    if (group === undefined) continue;
    const close = near(group, cue, 60);
    const rule = `discrimination.${cue.strong ? 'exclusion' : 'weak-cue'}${close ? '' : '-far'}`;
    const weight = (cue.strong ? 0.85 : 0.45) * (close ? 1 : 0.7);
    hits.push(
      hit('discrimination', rule, weight, {
        start: Math.min(group.start, cue.start),
        end: Math.max(group.end, cue.end),
      }, `calls for excluding or demeaning a protected group ("${group.text}": "${cue.text}")`),
    );
  }
  return hits;
};
