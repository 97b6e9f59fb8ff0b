/**
 * Coarse topics of city posts and of the comments under them, for judging CIV-2's "related to the
 * posted topic". A comment is off-topic only when it clearly talks about something else; a short
 * "noted, see you Friday" names no topic and is never off-topic for lack of words.
 *
 * `city` topics are things a city post can be about; `foreign` topics (pro sports, dentists,
 * crypto, a lost cat) are things a city post almost never is, so a comment about them under an
 * unrelated post is off-topic with more confidence.
 */
import { wordsSource } from './text-utils';

interface Topic {
  name: string;
  kind: 'city' | 'foreign';
  words: string[];
  /** Topics close enough that a comment on one is on-topic under a post about the other. */
  near?: string[];
}

const TOPICS: Topic[] = [
  { name: 'water', kind: 'city', words: ['water', 'flood', 'floods', 'stormwater', 'storm drain', 'drain', 'water main', 'mains', 'hydrant', 'flush', 'flushing', 'flushed', 'pipe', 'tap', 'faucet', 'discolored', 'sewer', 'utility', 'utilities', 'meter', 'treatment', 'plant', 'filter', 'laundry', 'plumbing', 'drinking', 'agua', 'tubería', 'tuberías', 'leak'], near: ['billing', 'roads', 'government'] },
  { name: 'billing', kind: 'city', words: ['bill', 'billing', 'billed', 'autopay', 'paperless', 'portal', 'account', 'payment', 'fee', 'charge', 'charged', 'rate', 'factura', 'facturación', 'invoice', 'shutoff'], near: ['water', 'government'] },
  { name: 'roads', kind: 'city', words: ['street', 'road', 'closure', 'closed', 'detour', 'lane', 'paving', 'repaving', 'pavement', 'pothole', 'bridge', 'traffic', 'driver', 'sidewalk', 'barricade', 'sign', 'bus', 'route', 'construction', 'crew', 'asphalt', 'intersection', 'pedestrian', 'semis', 'parking', 'parked', 'commute', 'hubcap', 'calle'], near: ['snow', 'sanitation', 'water', 'fire'] },
  { name: 'snow', kind: 'city', words: ['snow', 'snowplow', 'plow', 'plowed', 'plowing', 'unplowed', 'storm', 'ice', 'icy', 'salt', 'tow', 'towed', 'driveway', 'shovel', 'winter', 'blizzard'], near: ['roads', 'sanitation'] },
  { name: 'lighting', kind: 'city', words: ['streetlight', 'street light', 'lamp', 'light pole'] },
  { name: 'sanitation', kind: 'city', words: ['trash', 'garbage', 'recycling', 'pickup', 'sweeper', 'litter', 'dumpster', 'compost', 'basura'], near: ['roads', 'events'] },
  { name: 'parks', kind: 'city', words: ['park', 'playground', 'field', 'restroom', 'movie', 'popcorn', 'picnic', 'lawn chair', 'blanket', 'trail', 'rec', 'recreation', 'parque', 'película', 'dusk'], near: ['pool', 'events', 'youth-sports'] },
  { name: 'pool', kind: 'city', words: ['pool', 'splash pad', 'swim', 'swimming', 'lifeguard', 'lifeguarding', 'shade', 'lesson', 'splash', 'bathhouse', 'season pass', 'sunscreen', 'parka', 'degrees'], near: ['parks', 'jobs'] },
  { name: 'library', kind: 'city', words: ['library', 'librarian', 'book', 'reading', 'read', 'reader', 'library card', 'library fines', 'overdue', 'audiobook', 'reading log', 'ebook', 'storytime', 'book drop', 'prize', 'raffle', 'challenge'], near: ['events'] },
  { name: 'elections', kind: 'city', words: ['vote', 'voting', 'voter', 'ballot', 'election', 'register', 'registration', 'registered', 'polling', 'polls', 'clerk', 'candidate', 'levy', 'measure', 'precinct', 'early vote', 'elect'], near: ['government'] },
  { name: 'government', kind: 'city', words: ['budget', 'council', 'councilmember', 'councilman', 'tax', 'taxes', 'fund', 'funding', 'hearing', 'meeting', 'mayor', 'spending', 'city hall', 'chambers', 'agenda', 'public comment', 'livestream', 'livestreamed', 'proposal', 'ordinance', 'pension', 'officers', 'priorities', 'decision', 'study'], near: ['elections', 'billing', 'water', 'police', 'roads', 'library', 'parks'] },
  { name: 'jobs', kind: 'city', words: ['hiring', 'hire', 'job', 'apply', 'applying', 'applied', 'application', 'position', 'pay', 'wage', 'hr', 'benefits', 'union', 'operator', 'certification', 'exam', 'worker', 'career', 'salary', 'hourly', 'shift', 'hires', 'niece', 'summer job'], near: ['pool', 'parks', 'water'] },
  { name: 'animals', kind: 'city', words: ['dog', 'cat', 'pet', 'license', 'rabies', 'animal', 'leash', 'barking', 'kennel', 'puppy', 'vet', 'perro', 'perros'], near: ['fireworks', 'parks'] },
  { name: 'fireworks', kind: 'city', words: ['firework', 'fireworks', 'july', 'fourth', 'sparkler', 'mortar', 'finale'], near: ['animals', 'events', 'fire', 'noise'] },
  { name: 'fire', kind: 'city', words: ['police', 'officer', 'cops', '911', 'fire', 'firefighter', 'engine', 'station', 'car seat', 'seat', 'safety', 'ambulance', 'emergency', 'cbfd', 'cbpd'], near: ['fireworks', 'government', 'roads'] },
  { name: 'events', kind: 'city', words: ['festival', 'fest', 'parade', 'music', 'market', 'vendor', 'booth', 'contest', 'pie', 'float', 'candy', 'photo', 'picture', 'album', 'event', 'celebration', 'craft', 'beer garden', 'tradition', 'table', 'bandstand'], near: ['parks', 'fireworks', 'library', 'sanitation'] },
  { name: 'youth-sports', kind: 'city', words: ['soccer', 'league', 'coach', 'team', 'signup', 'signups', 'practice', 'sibling'], near: ['parks'] },
  { name: 'nuisance', kind: 'city', words: ['noise', 'noise ordinance', 'construction', 'table saw', 'leaf blower', 'loud music', 'quiet hours', 'power tools', 'nuisance', 'code enforcement'], near: ['roads', 'government'] },
  { name: 'moderation', kind: 'city', words: ['policy', 'comment', 'civility', 'rule', 'hidden', 'delete', 'deleted', 'moderate', 'moderation', 'troll', 'page', 'censorship', 'free speech', 'first amendment', 'section'] },
  { name: 'pro-sports', kind: 'foreign', words: ['chiefs', 'royals', 'cardinals', 'packers', 'cowboys', 'broncos', 'lakers', 'yankees', 'mariners', 'seahawks', 'grizzlies', 'bobcats', 'nfl', 'nba', 'mlb', 'nhl', 'ncaa', 'playoffs', 'playoff', 'quarterback', 'touchdown', 'super bowl', 'world series', 'fantasy football', 'halftime', 'game last night', 'comeback', 'baseball', 'football', 'basketball', 'hockey', 'front office', 'traded', 'draft pick', 'refs', 'umpire', 'home run', 'huge win', 'big win', 'go cats', 'go griz', 'won the game', 'lost the game'] },
  { name: 'outdoors', kind: 'foreign', words: ['fishing license', 'fishing', 'hunting license', 'hunting', 'elk tag', 'deer tag'] },
  { name: 'seasonal', kind: 'foreign', words: ['christmas lights', 'christmas', 'decorations', 'best house on the block', 'christmas tree', 'christmas trees', 'county fair', 'fair tickets', 'rodeo', 'concert tickets', 'halloween costume', 'trick or treat', 'black friday'] },
  { name: 'crime', kind: 'city', words: ['broken into', 'break-in', 'stolen car', 'porch pirate', 'ring camera', 'car got broken', 'cameras', 'theft', 'vandalism'], near: ['fire', 'government'] },
  { name: 'dining', kind: 'foreign', words: ['pizza', 'burger', 'tacos', 'sushi', 'brunch', 'steakhouse', 'takeout', 'best food'] },
  { name: 'tickets', kind: 'foreign', words: ['taylor swift', 'concert', 'face value', 'season tickets'] },
  { name: 'local-services', kind: 'foreign', words: ['mechanic', 'plumber', 'electrician', 'daycare', 'babysitter', 'nanny', 'hair salon', 'barber', 'lawyer', 'accountant', 'roofer', 'handyman', 'realtor', 'tattoo', 'auto shop'] },
  { name: 'classifieds', kind: 'foreign', words: ['obo', 'or best offer', 'selling my', 'for sale', 'garage sale', 'yard sale', 'estate sale', 'honda', 'toyota', 'chevy', 'ford f-150'] },
  { name: 'health', kind: 'foreign', words: ['dentist', 'doctor', 'medicaid', 'medicare', 'clinic', 'pediatrician', 'chiropractor', 'orthodontist', 'therapist', 'urgent care'] },
  { name: 'retail', kind: 'foreign', words: ['target', 'costco', 'walmart', 'mall', 'trader joe', "trader joe's", 'chick-fil-a', 'olive garden', 'amazon', 'best buy', 'home depot'] },
  { name: 'school', kind: 'foreign', words: ['high school', 'homecoming', 'graduation', 'prom', 'school board', 'middle school'] },
  { name: 'church', kind: 'foreign', words: ['church', 'church bells', 'bells', 'pastor', 'sermon', 'mass'] },
  { name: 'noise', kind: 'foreign', words: ['loud boom', 'boom', 'explosion', 'sirens', 'helicopter', 'gunshots', 'quarry'], near: ['fireworks'] },
  { name: 'lost-pet', kind: 'foreign', words: ['lost cat', 'lost dog', 'missing cat', 'missing dog', 'found dog', 'found cat', 'tabby', 'lost pet', 'no collar', 'black lab', 'golden retriever', 'husky', 'wandering'], near: ['animals'] },
  { name: 'greetings', kind: 'foreign', words: ['happy birthday', 'happy anniversary', 'rest in peace', 'rip', 'get well soon', 'merry christmas', 'got engaged', 'just got married', 'engagement', 'new grandbaby', 'so proud of her', 'so proud of him'] },
  { name: 'finance', kind: 'foreign', words: ['bitcoin', 'crypto', 'cryptocurrency', 'forex', 'invest', 'investing', 'stocks', 'nft', 'signals'] },
  { name: 'real-estate', kind: 'foreign', words: ['buy houses', 'we buy houses', 'realtor', 'home offers', 'sell your house', 'any condition', 'mortgage'] },
];

const BY_NAME = new Map(TOPICS.map((t) => [t.name, t]));

/** Single words are looked up token by token; phrases ("lost dog", "wi-fi") by one regex. */
const WORD_TOPICS = new Map<string, Topic[]>();
const PHRASE_TOPICS = new Map<string, Topic[]>();
for (const t of TOPICS) {
  for (const w of t.words) {
    const key = w.toLowerCase().replace(/[\s-]+/g, ' ');
    const table = /^[\p{L}\p{N}]+$/u.test(key) ? WORD_TOPICS : PHRASE_TOPICS;
    table.set(key, [...(table.get(key) ?? []), t]);
  }
}
const PHRASES = new RegExp(`\\b(${wordsSource([...PHRASE_TOPICS.keys()])})(?:s|es|ing|ed|er|ers)?\\b`, 'g');
const ENDINGS = ['s', 'es', 'ing', 'ed', 'er', 'ers'];
const STREET_WORDS = new Set(['street', 'road', 'avenue', 'drive', 'lane', 'court', 'boulevard', 'way', 'route']);
const TOKEN = /[a-z0-9\u00c0-\u024f]+/g;

export interface TopicHit {
  topic: string;
  kind: 'city' | 'foreign';
  start: number;
  end: number;
  word: string;
}

export function topicsIn(text: string): TopicHit[] {
  const lower = text.toLowerCase();
  const out: TopicHit[] = [];
  const perTopic = new Map<string, number>();
  const push = (ts: readonly Topic[] | undefined, start: number, length: number): void => {
    for (const t of ts ?? []) {
      const n = perTopic.get(t.name) ?? 0;
      if (n >= 5) continue;
      perTopic.set(t.name, n + 1);
      out.push({ topic: t.name, kind: t.kind, start, end: start + length, word: text.slice(start, start + length) });
    }
  };
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(lower)) !== null) {
    const w = m[0];
    // "Main Street", "5th Avenue": part of a place name, not talk about roads.
    if (STREET_WORDS.has(w) && /(?:\b[A-Z][a-z]+|\d(?:st|nd|rd|th)?)\s+$/.test(text.slice(Math.max(0, m.index - 20), m.index))) continue;
    let ts = WORD_TOPICS.get(w);
    for (const e of ENDINGS) {
      if (ts !== undefined) break;
      if (w.length > e.length + 2 && w.endsWith(e)) ts = WORD_TOPICS.get(w.slice(0, -e.length));
    }
    push(ts, m.index, w.length);
  }
  PHRASES.lastIndex = 0;
  const phraseSpans: Array<[number, number]> = [];
  const phraseHits: TopicHit[] = [];
  while ((m = PHRASES.exec(lower)) !== null) {
    const before = out.length;
    push(PHRASE_TOPICS.get((m[1] ?? '').replace(/[\s-]+/g, ' ')), m.index, m[0].length);
    phraseHits.push(...out.splice(before));
    phraseSpans.push([m.index, m.index + m[0].length]);
  }
  // "street light" is about lighting; its "street" alone is not also a roads topic.
  const words = out.filter((h) => !phraseSpans.some(([a, b]) => h.start >= a && h.end <= b));
  return [...words, ...phraseHits].sort((x, y) => x.start - y.start);
}

/** True when a comment topic relates to any of the post's topics (same or declared near). */
export function related(commentTopic: string, postTopics: ReadonlySet<string>): boolean {
  if (postTopics.has(commentTopic)) return true;
  const t = BY_NAME.get(commentTopic);
  if (t?.near?.some((n) => postTopics.has(n)) === true) return true;
  for (const p of postTopics) if (BY_NAME.get(p)?.near?.includes(commentTopic) === true) return true;
  return false;
}
