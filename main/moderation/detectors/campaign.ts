/**
 * CIV-6a promoting or opposing a candidate or ballot issue. What counts is an exhortation about a
 * race ("vote YES on Measure 4", "re-elect Reyes", "Kowalski for Council", "#NoOn3"), not talk
 * about elections: registration reminders, questions about what is on the ballot, or "I voted
 * for Diaz and I'm disappointed" (a past vote, criticised) all stay.
 */
import { hit, type Detector, type Hit } from '../context';
import { dueRules, keys, type Rule } from '../rules';

const OFFICE = String.raw`(?:mayor|council|city council|city commission|commission(?:er)?|alder(?:man|woman|person)?|ward \d+|sheriff|judge|school board|board|county (?:commission|attorney)|state (?:house|senate|rep(?:resentative)?)|senate|congress|governor|clerk|treasurer|attorney general|president|legislature|d\.?a\.?)`;
const MEASURE = String.raw`(?:measure|prop(?:osition)?|question|issue|initiative|referendum|amendment|ballot (?:measure|question|issue)|levy|bond|charter amendment|i-\d+|[a-z]-\d+)`;
/**
 * A proper name: one to three words or an @handle. Rules run case-insensitively (people shout
 * "VOTE NO"), so capitalisation of the name is checked in code afterwards.
 */
const NAME = String.raw`(?<name>@[a-z0-9_]{3,}|[a-z][a-z'’]+(?:\s+[a-z][a-z'’]+){0,2}?)`;
const NOT_A_NAME = new Set(['the', 'this', 'that', 'it', 'a', 'an', 'yes', 'no', 'early', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'november', 'october', 'today', 'tomorrow', 'them', 'him', 'her', 'everyone', 'anyone', 'me', 'us', 'out', 'local', 'here', 'candidates', 'candidate', 'running', 'applications', 'nominations', 'petitions', 'filing', 'deadline', 'forum', 'debate', 'ballots', 'questions', 'openings', 'vacancy', 'thanks', 'thank', 'congrats', 'congratulations', 'good', 'great', 'register', 'registration', 'voting', 'vote', 'who', 'what', 'and', 'or', 'but', 'i', 'we', 'you', 'they', 'he', 'she', 'his', 'our', 'my', 'your', 'their', 'in', 'on', 'at', 'to', 'for', 'of', 'all', 'any', 'some', 'every', 'each', 'city', 'council', 'mayor', 'public', 'works', 'parks', 'police', 'fire', 'library', 'water', 'budget', 'measure', 'prop', 'proposition', 'levy', 'bond', 'whoever', 'anybody', 'nobody', 'somebody', 'people', 'residents', 'folks', 'seats']);

export const CAMPAIGN_RULES: Array<Rule & { named?: boolean }> = [
  {
    rule: 'campaign.vote-on-measure', keys: keys('vote voting say yes no yea nay'),
    weight: 0.9,
    re: new RegExp(String.raw`\b(?:vote|voting|say)\s+(?:yes|no|yea|nay)\s+(?:on|to|for)\s+(?:the\s+)?(?:[a-z0-9'-]+\s+){0,3}?${MEASURE}(?:\s+#?[a-z]?\d+[a-z]?)?\b|\b(?:yes|no)\s+on\s+(?:${MEASURE}\s*)?[a-z]?\d+[a-z]?\b`, 'gi'),
    why: 'urges a vote on a ballot issue',
  },
  {
    rule: 'campaign.hashtag', keys: keys('#'),
    weight: 0.85,
    re: /#(?:yes|no|vote(?:yes|no))on[a-z0-9]+\b|#[a-z]+(?:4|for)(?:mayor|council|ward\d*|judge|sheriff|senate|congress|governor|commission(?:er)?)\b|#(?:re)?elect[a-z]+\b/gi,
    why: 'campaign hashtag',
  },
  {
    rule: 'campaign.name-year-hashtag', keys: keys('#'),
    weight: 0.4,
    re: /#[a-z]+20\d\d\b/gi,
    why: 'hashtag in the form of a campaign slogan',
  },
  {
    rule: 'campaign.elect-name', keys: keys('elect reelect vote retain recall unseat defeat oust impeach'),
    weight: 0.9,
    re: new RegExp(String.raw`\b(?:re-?elect|elect|vote for|vote|retain|recall|unseat|defeat|oust|impeach)\s+${NAME}\s*(?:(?:for|to)\s+(?:the\s+)?${OFFICE}|in\s+(?:ward|district|november|the (?:general|primary))|in (?:the )?(?:fall|spring|november|election|primary|\d{4})|(?:this|next) (?:fall|year|november|election|time)|on\s+(?:nov|election|the \d+|tuesday)|,\s*ward|[!.,]|\s*$)`, 'gi'),
    named: true,
    why: 'urges voting for or against a named candidate',
  },
  {
    rule: 'campaign.elect-name-lower', keys: keys('elect reelect vote support supporting back backing endorse endorsing dump'),
    weight: 0.85,
    re: new RegExp(String.raw`\b(?:re-?elect|vote|elect|support|supporting|back|backing|endorse|endorsing|dump)\s+[a-z@][\w'’]+(?:\s+[a-z][\w'’]+)?\s+(?:for|4)\s+${OFFICE}\b(?!\s+(?:meeting|candidates?|race|seat|election|forum|debate|agenda|work|members?|chambers))`, 'gi'),
    why: 'urges voting for a candidate',
  },
  {
    rule: 'campaign.party', keys: keys('vote voting'),
    weight: 0.85,
    re: /\bvote (?:straight )?(?:democrat(?:ic)?|republican|gop|libertarian|green party|blue|red)\b/gi,
    why: 'urges a party-line vote',
  },
  {
    rule: 'campaign.keep-in-office', keys: keys('keep'),
    weight: 0.4,
    re: /\bkeep (?:him|her|them|[A-Z][a-z]+)(?: in office| on the (?:council|bench|board))?\s*!/g,
    why: 'argues for keeping a candidate in office',
  },
  {
    rule: 'campaign.on-ballot-stance', keys: keys('ballot'),
    weight: 0.55,
    re: /\b(?:is|are) on the ballot\b[^.!?]{0,60}\b(?:kept|earned|deserves?|support|vote for|keep|re-?elect)\b/gi,
    why: 'argues for a candidate on the ballot',
  },
  {
    rule: 'campaign.vote-out', keys: keys('vote voting'),
    weight: 0.8,
    re: /\bvote (?:against|out) (?:the |every |all )?(?:incumbents?|mayor|council(?:man|woman|member)?s?|commissioners?|every(?:one| one of them)|them all|all of them)\b|\bvote (?:the )?(?:incumbents?|council|mayor|bums) out\b/gi,
    why: 'urges voting against incumbents',
  },
  {
    rule: 'campaign.re-elect', keys: keys('elect reelect'),
    weight: 0.85,
    re: /\bre-?elect(?:ing)?\s+(?:him|her|them|(?:the\s+)?(?:mayor|councilman|councilwoman|councilmember|council member|commissioner|judge|sheriff|alderman|senator|rep)\b|[A-Z][a-z]+)/g,
    why: 'urges re-electing a candidate',
  },
  {
    rule: 'campaign.dont-reelect', keys: keys('elect reelect vote voting'),
    weight: 0.9,
    re: /\b(?:do not|don't|never|stop|no more)\s+(?:re-?elect(?:ing)?|vote for|voting for)\s+(?:him|her|them|this (?:guy|woman|man|clown)|these (?:people|clowns)|anyone who|any of)\b|\bvote (?:for )?(?:literally )?(?:anyone|anybody) (?:else|but)\b|\bvote (?:him|her|them|the bums|these clowns|every one of them) out\b/gi,
    why: 'urges voting against a candidate',
  },
  {
    rule: 'campaign.name-for-office', keys: keys('mayor council commission commissioner alder alderman alderwoman alderperson ward sheriff judge board county state senate congress governor clerk treasurer attorney president legislature da d'),
    weight: 0.8,
    re: new RegExp(String.raw`(?<!\b(?:running|ran|run|candidates?|vote|voted|voting|filed|campaign(?:ing)?|thanks?|thank you|proud of|congrats|congratulations)\s)${NAME}\s+(?:for|4)\s+${OFFICE}\b(?!\s+(?:meeting|candidates?|race|seat|election|forum|debate|agenda|said|says|voted|approved|work|members?|chambers))`, 'gi'),
    named: true,
    why: 'campaign slogan naming a candidate for an office',
  },
  {
    rule: 'campaign.stance-on-measure', keys: keys('measure prop proposition initiative referendum levy bond ballot'),
    weight: 0.6,
    re: /\b(?:support|oppose|pass|reject|defeat|stop|kill|approve|fight|vote (?:for|against|down)|say (?:yes|no) to)\s+(?:the\s+)?(?:[a-z]+\s+){0,2}?(?:measure|prop(?:osition)?|initiative|referendum|levy|bond|ballot (?:measure|question|issue))(?:\s+(?:#\s?)?[a-z]?\d+[a-z]?)?\b/gi,
    why: 'urges support for or against a ballot issue',
  },
  {
    rule: 'campaign.my-vote', keys: keys('vote voting'),
    weight: 0.7,
    re: /\b(?:has|have|gets?|earned|got|deserves?) my vote\b|\bmy vote (?:goes|is going) to\b|\b(?:i'?m|i am|we'?re|we are) voting (?:for|against) [a-z@]/gi,
    why: 'declares a vote for or against a candidate',
  },
  {
    rule: 'campaign.another-term', keys: keys('term years need'),
    weight: 0.75,
    re: /\b(?:has earned|deserves|give (?:him|her|them))\s+(?:another|a second|a third|four more) (?:term|years)\b|\bfour more years\b|\bwe need [A-Z][a-z]+(?:\s+[A-Z][a-z]+)? (?:on|in|as) (?:the )?(?:council|mayor|office|commission|board|bench)\b/g,
    why: 'argues a candidate should win the election',
  },
  {
    rule: 'campaign.volunteer', keys: keys('knock knocking doors canvass canvassing phonebank phonebanking phone volunteer donate chip'),
    weight: 0.55,
    re: /\b(?:sign up to |help (?:us )?|come )?knock(?:ing)? (?:on )?doors\b|\bcanvass(?:ing)? (?:for|with)\b|\bphone ?bank(?:ing)? for\b|\b(?:volunteer (?:for|with)|donate to|chip in (?:to|for)) (?:the|my|our|his|her|their) (?:re-?election )?campaign\b/gi,
    why: 'recruits help for a campaign',
  },
  {
    rule: 'campaign.slogan-year', keys: keys('2024 2025 2026 2027 2028'),
    weight: 0.4,
    re: /(?<!\b(?:in|of|since|by|for|until|from|the|fy|summer|spring|fall|winter)\s)\b[A-Z][a-z]+ 20\d\d\s*!/g,
    why: 'name and year in the form of a campaign slogan',
  },
  {
    rule: 'campaign.anyone-but', keys: keys('anyone anybody but dump fire recall oust unseat defeat'),
    weight: 0.8,
    re: /\b(?:anyone|anybody) but [A-Z][a-z]+\b|#(?:dump|fire|recall|oust|unseat|defeat|never|notmy)[A-Z][a-z]+\b/g,
    why: 'urges voting against a named candidate',
  },
  {
    rule: 'campaign.handle', keys: keys('@'),
    weight: 0.7,
    re: /\b(?:elect|vote(?: for)?|support|back)\s+@[a-z0-9_]*(?:for|4)[a-z0-9_]+/gi,
    why: 'urges voting for a campaign account',
  },
];

export const campaignDetector: Detector = (ctx) => {
  const hits: Hit[] = [];
  for (const r of dueRules(ctx, CAMPAIGN_RULES)) {
    r.re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = r.re.exec(ctx.text)) !== null) {
      if (r.named === true && !isProperName(m.groups?.['name'] ?? '')) {
        // Retry from the next character: a shorter name may start later ("supporting Linda Park").
        r.re.lastIndex = m.index + 1;
        continue;
      }
      hits.push(hit('campaign', r.rule, r.weight, { start: m.index, end: m.index + m[0].length }, `${r.why}: "${m[0].trim()}"`));
    }
  }
  hits.push(...knownRaces(ctx.text, ctx.compiled.candidates, ctx.compiled.ballotIssues));
  return hits;
};

const TITLE = /^(?:mayor|councilman|councilwoman|councilmember|commissioner|judge|sheriff|alderman|senator|rep|chief|dr|mr|mrs|ms)\.?\s+/i;

function isProperName(name: string): boolean {
  if (name.startsWith('@')) return true;
  const words = name.replace(TITLE, '').split(/\s+/);
  if (words.length === 0 || words[0] === '') return false;
  return words.every((w) => /^[A-Z]/.test(w) && !NOT_A_NAME.has(w.toLowerCase()));
}

const STANCE = /\b(?:vote|voting|elect|re-?elect|support|oppose|back|defeat|reject|pass|approve|kill|sign|endorse|yes|no|for|against)\b/i;
const NEUTRAL_QUESTION = /\?\s*$|\b(?:is|does|when|where|what|which|how)\b[^.!]*\?/i;

/**
 * Names of the current candidates and ballot issues (policy data) near a stance word. Weaker than
 * the exhortation rules above: a neutral question about a listed measure is not campaigning.
 */
function knownRaces(text: string, candidates: RegExp | null, issues: RegExp | null): Hit[] {
  const out: Hit[] = [];
  for (const [re, what] of [[candidates, 'candidate'], [issues, 'ballot issue']] as const) {
    if (re === null) continue;
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(text)) !== null) {
      const sentenceStart = Math.max(text.lastIndexOf('.', m.index) + 1, m.index - 80);
      const sentenceEnd = (() => {
        const e = text.slice(m.index).search(/[.!?]/);
        return e < 0 ? text.length : Math.min(m.index + e + 1, m.index + 120);
      })();
      const sentence = text.slice(sentenceStart, sentenceEnd);
      if (!STANCE.test(sentence) || NEUTRAL_QUESTION.test(sentence)) continue;
      out.push(hit('campaign', `campaign.listed-${what === 'candidate' ? 'candidate' : 'issue'}`, 0.5, { start: m.index, end: m.index + m[0].length }, `takes a stance on the listed ${what} "${m[0]}"`));
    }
  }
  return out;
}
