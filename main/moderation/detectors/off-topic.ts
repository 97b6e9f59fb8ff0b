/**
 * CIV-2 "comments must be related to the posted topic". Judged against the post the comment
 * answers: an explicit "not festival related, but..." settles it; otherwise the comment must talk
 * about a topic that the post is not about (and share no content word with it). Greetings, lost
 * pets and "can anyone recommend a dentist" are typical. Anything unclear stays on-topic: hiding a
 * relevant comment as off-topic would silence a speaker.
 */
import { hit, type Detector, type Hit, type ScanContext } from '../context';
import { topicsIn, related } from '../topics';
import { findAll, memo } from '../text-utils';
import { keys, keysPresent } from '../rules';

const MARKER_KEYS = keys('not nothing unrelated off random randomly totally different change sorry know quick');

const MARKER = /\bnot [a-z]+(?: [a-z]+)? related\b|\bnot related to\b|\bnothing to do with [^.!?,]{1,30}(?:,? but)?\b|\bunrelated(?: to [^.!?,]{1,30})?,? but\b|\boff[- ]topic\b|\brandom(?:ly)?(?: question)?,? but\b|\brandom (?:question|thought|q)\b|\bquick unrelated\b|\btotally unrelated\b|\bdifferent (?:topic|subject)\b|\bchange of subject\b|\bsorry (?:for|to) (?:hijack|go off)\w*\b|\bi know this isn'?t (?:about|related)\b/gi;

const GENRE: Array<{ rule: string; weight: number; re: RegExp; why: string }> = [
  { rule: 'offtopic.greeting', weight: 0.45, re: /\bhappy (?:birthday|anniversary|bday)\b|\bcongrat(?:s|ulations) (?:to my|on your)\b|\brest in peace\b|\bget well soon\b/gi, why: 'personal greeting' },
  { rule: 'offtopic.lost-pet', weight: 0.45, re: /\b(?:lost|missing|found|have you seen):? (?:a |an |our |my |this )?(?:[a-z]+ ){0,2}(?:cat|dog|kitten|puppy|pet|parrot|bird|lab|retriever|husky|shepherd|terrier|beagle|chihuahua)\b|\bno collar\b/gi, why: 'lost-and-found pet notice' },
  { rule: 'offtopic.recommend', weight: 0.3, re: /\b(?:can|could) (?:anyone|someone|somebody) recommend\b|\bany recommendations for\b|\blooking for (?:a good|recommendations)\b|\b(?:have|know|know of) a good [a-z]+(?: [a-z]+)? (?:to recommend|you(?:'d| would) recommend|with openings|that takes|who takes|near)\b|\b(?:anyone|anybody) know (?:of )?a good\b/gi, why: 'asks for a recommendation' },
  { rule: 'offtopic.anyone-else', weight: 0.3, re: /\b(?:anyone|anybody) else (?:hear|see|notice|smell|watch)\b|\bwhat was that (?:noise|sound|boom)?\b|\b(?:anyone|anybody) (?:watch|see|catch) the [a-z]+ game\b/gi, why: 'asks about an unrelated happening' },
  { rule: 'offtopic.community', weight: 0.3, re: /\b(?:does|do|has|is|did|can|could|will) (?:anyone|anybody)\b|\b(?:anyone|anybody) (?:know|have|has|seen|hear|heard|recommend|got|selling|buying|looking|interested|wanna|want|need)\b|\bwho (?:has|makes|sells|does|knows) the best\b|\bbest [a-z]+ in town\b|\bwhere(?: is|'s) everyone\b/gi, why: 'turns to other readers about something else' },
  { rule: 'offtopic.classified', weight: 0.35, re: /\bselling my\b|\bobo\b|\bor best offer\b|\b(?:garage|yard|estate) sale\b/gi, why: 'classified ad' },
  { rule: 'offtopic.does-anyone-know', weight: 0.15, re: /\b(?:does|do) (?:anyone|anybody) know (?:if|why|where|what|when|who|how)\b/gi, why: 'general question to other readers' },
];

const COMMUNITY = /\b(?:does|do|has|is|did|can|could|will) (?:anyone|anybody)\b|\b(?:anyone|anybody) (?:know|have|has|seen|see|hear|heard|else|recommend|got|want|going|selling|buying|looking|interested|wanna)\b|\bwho (?:has|makes|sells|does|knows) the best\b|\bbest [a-z]+ in town\b|\bwho else\b|\bwhere(?: is|'s) everyone\b|\bwhat is everyone\b|\bneighbou?rs,|\blost:|\bgo [a-z]+!/gi;
/** Words pointing back at the post ("is it free?", "love this"); "this year" is not one. */
const DEICTIC = /\b(?:this|that|it|these|those|there)\b(?! (?:year|week|weekend|morning|afternoon|evening|month|summer|winter|spring|fall|time|one|guy|lady|woman|man|day|night))/i;

const REPLY_CUE = /\b(?:thanks?|thank you|ty|appreciate|good reminder|great (?:idea|news|job|program|event)|noted|will do|see you|love (?:this|it)|shared|this (?:post|program|event|notice|is great)|did this|for this|afterwards?|after that|on the way (?:home|there|back))\b/i;

const STOP = new Set(
  'the and for with this that have has had will from your you about what when where which would could should there their they them just like been were more some than then also only into over here does anyone know please thanks thank city today tonight week weeks next last time year years good great still make take need want going really very much many every each other people cant dont wont isnt its it\'s i\'m that\'s what\'s how who why can are was but not all any our out off get got one two new now way day days back even well too after before while because since those these them then being doing done sure yes no street streets road roads avenue lane drive work hours open place'.split(' '),
);

function contentWords(text: string, cityWords: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  const lower = text.toLowerCase();
  const words = /^[\x20-\x7e\s]*$/.test(lower) ? lower.match(/[a-z0-9][a-z0-9']*/g) : lower.match(/[\p{L}\p{N}][\p{L}\p{N}'’]*/gu);
  for (const w of words ?? []) {
    const word = w.replace(/['’]s$/, '');
    if (word.length < 4 && !/^\d+(?:st|nd|rd|th)$/.test(word)) continue;
    if (STOP.has(word) || cityWords.has(word)) continue;
    out.add(stem(word));
  }
  return out;
}

const commentWordsCache = new WeakMap<ReadonlySet<string>, Set<string>>();

/** The comment's content words, memoised on its token set (one per screened comment). */
function commentWords(ctx: ScanContext): Set<string> {
  const key = ctx.tokens();
  let words = commentWordsCache.get(key);
  if (words === undefined) {
    words = contentWords(ctx.text, ctx.compiled.cityWords);
    commentWordsCache.set(key, words);
  }
  return words;
}

function stem(w: string): string {
  return w.replace(/(?:ing|ed|es|s)$/, '');
}

/** Per-post analysis, memoised: city words are the same for every post of one policy. */
const postAnalysis = memo((key: string) => {
  const [cityKey, post] = key.split('\u0000') as [string, string];
  return { words: contentWords(post, new Set(cityKey.split(' '))), topics: new Set(topicsIn(post).map((t) => t.topic)) };
});

function analysePost(ctx: ScanContext): { words: Set<string>; topics: Set<string> } {
  return postAnalysis(`${[...ctx.compiled.cityWords].join(' ')}\u0000${ctx.post}`);
}

/** Exposed so a test can check the keys never hide a match. */
export const OFF_TOPIC_GATED = [{ re: MARKER, keys: MARKER_KEYS }];

export const offTopicDetector: Detector = (ctx) => {
  const hits: Hit[] = [];
  for (const m of keysPresent(ctx, MARKER_KEYS) ? findAll(MARKER, ctx.text, 1) : []) hits.push(hit('off_topic', 'offtopic.marker', 0.9, m, `says it is off-topic: "${m.text}"`));
  if (ctx.post.trim().length === 0) return hits;
  const verdict = mismatch(ctx);
  if (verdict === null) return hits;
  hits.push(verdict);
  for (const g of GENRE) {
    for (const m of findAll(g.re, ctx.text, 1)) hits.push(hit('off_topic', g.rule, g.weight, m, `${g.why}: "${m.text}"`));
  }
  return hits;
};

/** A hit when the comment's topics are all unrelated to the post's, else null. */
function mismatch(ctx: ScanContext): Hit | null {
  const { words: postWords, topics: postTopics } = analysePost(ctx);
  for (const w of commentWords(ctx)) if (postWords.has(w)) return null;
  const commentTopics = topicsIn(ctx.text);
  const foreignTopic = commentTopics.some((t) => t.kind === 'foreign');
  // A comment about a foreign topic ("the high school's homecoming parade") is not saved by a
  // word that merely neighbours the post's topic; it needs the same topic.
  if (commentTopics.some((t) => (foreignTopic ? postTopics.has(t.topic) : related(t.topic, postTopics)))) return null;
  const greeting = GENRE.slice(0, 2).some((g) => findAll(g.re, ctx.text, 1).length > 0);
  if (REPLY_CUE.test(ctx.text) && !greeting) return null;
  if (commentTopics.length === 0 && !greeting) {
    // Nothing in common with the post: off-topic only when the comment turns to the community
    // with something of its own ("anyone know when the fair tickets go on sale?").
    const community = findAll(COMMUNITY, ctx.text, 1)[0];
    if (community === undefined || DEICTIC.test(ctx.text) || commentWords(ctx).size < 3) return null;
    return hit('off_topic', 'offtopic.no-relation', 0.5, community, `asks the community about something the post is not about ("${community.text}")`);
  }
  const foreign = commentTopics.find((t) => t.kind === 'foreign');
  const shown = foreign ?? commentTopics[0];
  const about = [...new Set(commentTopics.map((t) => t.topic))].join(', ') || 'a personal matter';
  const span = shown ?? { start: 0, end: ctx.text.length };
  return hit('off_topic', foreign !== undefined ? 'offtopic.foreign-topic' : 'offtopic.other-city-topic', foreign !== undefined ? 0.55 : 0.3, span, `talks about ${about}, not the post's topic (${[...postTopics].join(', ') || 'none found'})`);
}

const PLACE = /\b\d+(?:st|nd|rd|th)\b|\b\d{2,6} [A-Z][a-z]+\b|\b[A-Z][a-z]+ (?:St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Ln|Lane|Ct|Court|Way|Blvd|Pkwy|Park)\b|(?<=\b(?:on|at|near) )(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|Facebook|Twitter)\b)[A-Z][a-z]{2,}\b/g;

/**
 * For a comment already judged a service complaint: off-topic too when it is about another place
 * and another subject than the post (a pothole on Willow under a post about an ordinance). Same
 * topic, a shared word, or no place named keeps it on-topic.
 */
export function complaintElsewhere(ctx: ScanContext): Hit | null {
  if (ctx.post.trim().length === 0) return null;
  const { words: postWords, topics: postTopics } = analysePost(ctx);
  for (const w of commentWords(ctx)) if (postWords.has(w)) return null;
  if (topicsIn(ctx.text).some((t) => postTopics.has(t.topic))) return null;
  const postLower = ctx.post.toLowerCase();
  const place = [...ctx.text.matchAll(PLACE)].find((m) => !postLower.includes(m[0].toLowerCase()));
  if (place === undefined) return null;
  return hit('off_topic', 'offtopic.complaint-elsewhere', 0.45, { start: place.index, end: place.index + place[0].length }, `service complaint about ${place[0]}, which the post is not about`);
}
