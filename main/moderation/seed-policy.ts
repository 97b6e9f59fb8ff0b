/**
 * Seed moderation policy for the City of Kalispell, built from the Civility and Acceptable Use
 * Policy in Resolution 5716 (adopted 20 April 2015). Clause texts are quoted from the resolution.
 *
 * Everything else is data the Communications Manager edits as the city's situation changes:
 * - candidates and ballotIssues are ILLUSTRATIVE placeholders, not real races; replace them with
 *   the current ballot before an election;
 * - department contacts: the resolution gives only the City Clerk's phone and e-mail, so the other
 *   departments point to the city website until the CM enters their direct lines.
 */
import { parsePolicy, type ModerationPolicy } from './policy';

const ITEM_2 =
  "Comments must be related to the posted topic for the City's social media page or post. The City of Kalispell social media accounts are not meant for comments that do not directly relate to the purpose or topic of the social media website or for service complaints.";

const CITY_SITE = 'https://www.kalispell.com';

const seed = {
  id: 'kalispell-civility-acceptable-use',
  version: 'kalispell-r5716-2015-04-20.1',
  city: 'City of Kalispell',
  cityNames: ['Kalispell', 'City of Kalispell'],
  source: 'Resolution 5716, Social Media Use Policy, Civility and Acceptable Use Policy (20 April 2015)',
  clauses: {
    off_topic: { clause: '2', text: ITEM_2 },
    service_complaint: {
      clause: '2',
      text: `${ITEM_2} For general comments or communications concerning a department, please contact the department directly by phone, email or in person.`,
    },
    campaign: { clause: '6a', text: 'Comments promoting or opposing any person campaigning for election to a political office or ballot issues;' },
    commercial: { clause: '6b', text: 'Promotion or advertisement of a business or commercial enterprise or solicitation of commerce;' },
    profane_threat_harass: { clause: '6c', text: 'The use of profane, obscene, threatening or harassing language;' },
    personal_attack: { clause: '6d', text: 'Personal attacks of any kind;' },
    discrimination: {
      clause: '6e',
      text: 'Comments that promotes, fosters, or perpetuates discrimination on the basis of race, color, religion, creed, sex, age, marital status, national origin, or actual or perceived sexual orientation, gender identity or disability as well as any other category protected by federal, state or local law;',
    },
    sexual: { clause: '6f', text: 'Sexual content or links to sexual content;' },
    privacy: { clause: '6g', text: 'Comments that violate the protected privacy interests of any person;' },
    illegal: { clause: '6h', text: 'Comments advocating illegal activity;' },
    copyright: { clause: '6i', text: 'Content that violates a legal ownership interest or copyright law of any other party;' },
    safety_security: { clause: '6j', text: 'Information that may compromise the safety or security of the public or public systems.' },
  },
  lexicon: {
    mildProfanity: ['damn', 'dang', 'darn', 'hell', 'heck', 'crap', 'crappy', 'shoot', 'butt', 'butts', 'sucks', 'piss', 'pissed', 'pissing', 'bloody', 'freaking', 'frickin', 'friggin'],
    extraProfanity: ['goddamn', 'goddamnit', 'dumbass', 'jackass', 'douchebag', 'douche', 'acab', 'stfu', 'gtfo', 'wtf', 'bullshit'],
    profanityIgnored: ['dick', 'cum', 'tit', 'anal', 'anus', 'scat', 'sex', 'rape', 'negro', 'hooker', 'boob', 'piss', 'turd'],
    slurs: ['nigger', 'chink', 'kike', 'fag', 'dyke', 'tranny', 'retard', 'spastic', 'abeed', 'abo', 'africoon', 'arabush', 'boonga', 'chingchong'],
    sexualProfanity: ['blowjob', 'buttplug', 'deepthroat', 'dildo', 'doggystyle', 'double penetration', 'ejaculate', 'felch', 'fellatio', 'finger bang', 'fisting', 'gangbang', 'handjob', 'hentai', 'jerk off', 'jizz', 'lubejob', 'masturbate', 'orgasm', 'orgy', 'porn', 'semen', 'bestiality', 'incest', 'penis', 'vagina', 'pussy', 'cock'],
    insultNouns: ['idiot', 'moron', 'imbecile', 'loser', 'weasel', 'snowflake', 'man-child', 'manchild', 'psycho', 'lunatic', 'clown', 'buffoon', 'dimwit', 'halfwit', 'nitwit', 'cretin', 'dumbass', 'jackass', 'scumbag', 'scum', 'lowlife', 'degenerate', 'parasite', 'slob', 'dunce', 'bimbo', 'airhead', 'meathead', 'hag', 'creep', 'pig', 'rat', 'snake', 'crook', 'liar', 'hypocrite', 'coward', 'freak', 'weirdo', 'dork', 'nerd', 'troll', 'karen', 'boomer', 'sheep', 'sack of', 'piece of garbage', 'piece of trash', 'piece of work', 'waste of space', 'waste of oxygen', 'bum', 'deadbeat', 'leech', 'goon', 'thug', 'simpleton', 'fool', 'jerk', 'old bat', 'bat', 'hack', 'goat', 'old goat', 'hag', 'shrew', 'battle-axe', 'dictator', 'tyrant', 'joke', 'drunk', 'witch', 'fascist', 'nazi', 'donut eater', 'embarrassment', 'disgrace', 'fraud', 'bully', 'crone', 'old crone', 'puppet', 'stooge', 'bozo', 'dope', 'clod', 'twit', 'numbskull', 'nincompoop', 'windbag', 'gasbag', 'blowhard'],
    insultAdjectives: ['dumb', 'stupid', 'useless', 'pathetic', 'fat', 'ugly', 'whiny', 'greasy', 'lazy', 'laziest', 'rudest', 'incompetent', 'worthless', 'brainless', 'brain-dead', 'spineless', 'gutless', 'slimy', 'bitter', 'ignorant', 'clueless', 'senile', 'smug', 'creepy', 'hideous', 'obese', 'dense', 'dimwitted', 'moronic', 'idiotic', 'psycho', 'crazy', 'ugliest', 'dumbest', 'stupidest', 'disgusting', 'pea-brained', 'low-iq', 'sad', 'nasty', 'vile', 'repulsive', 'nosy', 'miserable', 'greedy', 'corrupt', 'power-tripping', 'pompous'],
    protectedGroups: ['black', 'blacks', 'asian', 'asians', 'hispanic', 'latino', 'latina', 'latinx', 'mexican', 'haitian', 'somali', 'african', 'arab', 'chinese', 'indian', 'native', 'native american', 'immigrant', 'refugee', 'illegals', 'foreigner', 'migrant', 'jew', 'jewish', 'muslim', 'islam', 'islamic', 'christian', 'catholic', 'mormon', 'hindu', 'sikh', 'buddhist', 'atheist', 'gay', 'lesbian', 'homosexual', 'trans', 'transgender', 'queer', 'lgbt', 'lgbtq', 'woman', 'women', 'girl', 'female', 'whites', 'white people', 'old people', 'elderly', 'disabled', 'handicapped', 'autistic', 'deaf', 'blind', 'special needs', 'wheelchair users', 'down syndrome'],
    sexualTerms: ['nude', 'naked', 'porn', 'porno', 'xxx', 'nsfw', 'milf', 'horny', 'onlyfans', 'hookup', 'send nudes', 'pics in my bio', 'going at it', 'bored wives', 'lonely wives', 'bored housewives', 'strip club', 'erotic', 'nude beach', 'sugar daddy', 'sugar baby', 'booty call', 'one night stand', 'friends with benefits'],
    healthTerms: ['chemo', 'chemotherapy', 'cancer', 'miscarriage', 'miscarried', 'seizure', 'seizures', 'epilepsy', 'hiv', 'std', 'rehab', 'overdose', 'overdosed', 'diagnosis', 'diagnosed', 'surgery', 'dementia', "alzheimer's", 'depression', 'bipolar', 'schizophrenia', 'schizophrenic', 'psychiatric', 'mental illness', 'meds', 'medication', 'antidepressants', 'dialysis', 'hospice', 'abortion', 'pregnant', 'dui', 'leukemia', 'tumor', 'stroke', 'heart attack', 'diabetes', 'parkinson', "parkinson's", 'als', 'ms', 'pneumonia', 'transplant', 'infertility', 'anorexia', 'eating disorder', 'suicide attempt', 'psych ward', 'nervous breakdown', 'divorce', 'affair', 'cheated', 'custody battle', 'bankruptcy', 'foreclosure', 'evicted', 'arrested', 'shoplifting charge', 'criminal record', 'arrest record', 'probation', 'parole', 'restraining order'],
    publicPlaces: ['city hall', 'council chambers', 'courthouse', "clerk's office", 'clerk', 'library', 'community center', 'fire station', 'police station', 'police department', 'post office', 'school', 'office', 'department', 'center', 'hall', 'station', 'park', 'pool', 'museum', 'hospital', 'church', 'elections line', 'hotline', 'dispatch', 'county'],
    criticalFacilities: ['water tower', 'meter pit', 'meter pits', 'lid', 'lids', 'latch', 'gate latch', 'evidence locker', 'radios', 'water tank', 'tank', 'hatch', 'excavator', 'backhoe', 'loader', 'heavy equipment', 'job site', 'work site', 'control box', 'electrical box', 'signal box', 'breaker box', 'switches', 'e-pollbook', 'pollbook', 'poll worker', 'pool', 'back gate', 'pool gate', 'plant admin', 'valve', 'valve box', 'shutoff', 'hydrant', 'manhole', 'water main', 'public works yard', 'city yard', 'maintenance yard', 'city shop', 'plow', 'fuel depot', 'radio', 'dispatch center', 'water plant', 'treatment plant', 'pump house', 'pump station', 'lift station', 'well house', 'reservoir', 'substation', 'scada', 'server', 'server room', 'server closet', 'network', 'wifi', 'wi-fi', 'city hall', 'council chambers', 'fire station', 'station', 'police station', 'dispatch', 'evidence room', 'equipment room', 'ballot box', 'drop box', 'voting machine', 'polling place', 'chlorine', 'storage tank', 'dam', 'tower', 'plant', 'bay doors', 'fire engine', 'engine', 'traffic signal', 'signal cabinet', 'control room', 'utility', 'terminal', 'terminals', 'keypad'],
  },
  domains: {
    sexual: ['porn', 'xxx', 'nsfw', 'nude', 'naked', 'milf', 'onlyfans', 'hookup', 'escort', 'camgirl', 'sugardaddy', 'sugarbaby', 'sugardate', 'adultfriend', 'sexy', 'sexcam', 'hentai', 'fling', 'uncensored', 'hotwife', 'swinger'],
    piracy: ['torrent', 'moviez', 'freemovie', 'putlocker', '123movie', 'fmovies', 'warez', 'pirate', 'fullmovie', 'watchfree', 'freestream', 'hdmovie', 'libgen', 'zlib', 'crackz', 'streamz', 'cinemaz', 'freebooks', 'pdfdrive'],
    trusted: ['kalispell.com', 'mt.gov', 'usa.gov', 'weather.gov', 'facebook.com', 'x.com', 'twitter.com'],
  },
  candidates: [
    // Illustrative placeholders: replace with the candidates on the current ballot.
    { name: 'Dana Whitfield', office: 'Mayor', aliases: ['Whitfield', '@Whitfield4Mayor'] },
    { name: 'Marcus Lindqvist', office: 'City Council, Ward 2', aliases: ['Lindqvist'] },
    { name: 'Renee Castellano', office: 'City Council, Ward 4', aliases: ['Castellano'] },
  ],
  ballotIssues: [
    // Illustrative placeholders: replace with the measures on the current ballot.
    { name: 'Public Safety Mill Levy', aliases: ['safety levy', 'public safety levy', 'mill levy'] },
    { name: 'Parks and Trails Bond', aliases: ['parks bond', 'trails bond'] },
  ],
  departments: [
    { id: 'public-works', name: 'Public Works (Streets)', url: CITY_SITE, keywords: ['plow', 'plowed', 'plowing', 'unplowed', 'snow', 'ice', 'pothole', 'potholes', 'street', 'road', 'streetlight', 'street light', 'sign', 'signs', 'sweeper', 'sweep', 'mailbox', 'sidewalk', 'detour', 'paving', 'trash', 'garbage', 'recycling', 'pickup', 'picked up', 'bache', 'basura'] },
    { id: 'water', name: 'Public Works (Water and Sewer)', url: CITY_SITE, keywords: ['water', 'hydrant', 'main', 'leak', 'leaking', 'sewer', 'brown', 'discolored', 'pressure', 'tap', 'pipe', 'agua', 'tubería'] },
    { id: 'utility-billing', name: 'Finance (Utility Billing)', url: CITY_SITE, keywords: ['bill', 'billing', 'billed', 'autopay', 'account', 'portal', 'shutoff', 'shut off notice', 'charge', 'charged', 'past due', 'payment', 'meter reads', 'factura', 'facturación', 'cobro'] },
    { id: 'police', name: 'Police Department (non-emergency)', url: CITY_SITE, keywords: ['police', 'officer', 'speeding', 'speed trailer', 'enforce', 'enforcement', 'towed', 'tow', 'parked', 'semis', 'flying down', 'ticket'] },
    { id: 'fire', name: 'Fire Department', url: CITY_SITE, keywords: ['fire', 'smoke detector', 'burn permit', 'ambulance response'] },
    { id: 'parks', name: 'Parks and Recreation', url: CITY_SITE, keywords: ['park', 'parks', 'pool', 'restroom', 'restrooms', 'fountain', 'playground', 'field', 'trail', 'bathhouse', 'shelter', 'rec'] },
    { id: 'library', name: 'Library', url: CITY_SITE, keywords: ['library', 'book', 'books', 'overdue', 'library card', 'drop box', 'fine', 'fines', 'hold'] },
    { id: 'animal-control', name: 'Animal Control', url: CITY_SITE, keywords: ['dog', 'dogs', 'cat', 'animal', 'barking', 'license', 'licence', 'stray', 'leash'] },
    { id: 'city-clerk', name: "City Clerk's Office", phone: '(406) 758-7756', email: 'cityclerk@kalispell.com', url: CITY_SITE, keywords: ['records request', 'public records', 'clerk', 'agenda', 'minutes'] },
  ],
  thresholds: { flag: 0.5, review: 0.38, removeConfidence: 0.5, maxScanChars: 50_000 },
};

/** The seed, validated once at load so a bad edit to this file fails loudly. */
export const KALISPELL_POLICY: ModerationPolicy = Object.freeze(parsePolicy(seed)) as ModerationPolicy;
