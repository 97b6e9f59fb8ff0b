/**
 * CIV-2 service complaints: a resident's specific problem that a department has to act on (a
 * missed plow, a leaking hydrant, a wrong bill). The page is not the channel for them, so the city
 * replies with the department's contact and the comment stays (redirect). Feedback about the post
 * or a policy ("post the exact streets next time", "the route map should change") is not one.
 */
import { hit, type Detector, type Hit, type ScanContext } from '../context';
import type { DepartmentContact } from '../policy';
import { findAll } from '../text-utils';

const DEPT = String.raw`(?:the )?(?:city|public works|parks(?: (?:and|&) rec(?:reation)?)?|police|pd|water(?: department| dept)?|utility billing|billing|animal control|library|streets?(?: department| dept)?|sanitation|city crews?|crews?|the plow guys|code enforcement|fire department)`;

const REQUEST = new RegExp(
  [
    String.raw`\b(?:can|could|would|will) (?:someone|somebody|anyone|you(?: guys)?|${DEPT})(?: (?:at|in|from) (?:the )?[a-z ]{2,25}?)?\s+(?:please\s+|actually\s+|just\s+|finally\s+|ever\s+)?(?:send|fix|get|come|look|check|clear|explain why|enforce|make sure|repair|replace|deal with|do something|patch|pick up|come out|call me|sweep|plow|tow|turn|shut|unlock|put|refund|remove|clean|trim|cut|waive|reset|restore|install|move|open|empty|collect|inspect|haul|reimburse|credit|mark|paint|fill|salt|sand|reverse|cancel|correct|adjust|update|replace)\b`,
    String.raw`\bplease (?:send|fix|come|repair|deal with|clear|patch|plow|pick up|call me|get someone|sweep|tow|shut|look into|check on)\b|\bplease have (?:someone|somebody|a crew|a [a-z]+) (?:look|come|check|fix|call|stop)\b`,
    String.raw`\bsend (?:someone|somebody|a truck|a plow|an officer|a crew|help)\b`,
    String.raw`\bget (?:a|an|the|some|somebody|someone)\s+(?:[a-z*]+\s+){0,2}(?:truck|plow|crew|sweeper|officer|someone|somebody)\s+(?:over|out|down|here)\b`,
    String.raw`\bwho (?:do|should|can) (?:i|we) (?:call|contact|talk to|email|reach|complain to|report (?:this|it|that) to|notify|tell)\b|\bwho fixes (?:these|this|that|them)\b|\bwho (?:handles|takes care of|is responsible for|deals with) (?:that|this|it|these|those)\b|\bwhere (?:do|can|should) (?:i|we) report\b`,
    String.raw`\bwho (?:in|at) [a-z ]{2,30}? (?:can|do i|do we|should|is|handles|deals with|takes care of)\b`,
    String.raw`\bneed (?:someone|somebody) (?:from|in|at) [a-z ]{2,30}? to\b|\bcall me back\b`,
    String.raw`\bcon qui[eé]n (?:puedo|debo) hablar\b|\ba qui[eé]n (?:llamo|puedo llamar|debo llamar|le hablo|contacto|le aviso)\b|\bpor favor (?:arreglen|manden|env[ií]en|vengan)\b`,
    String.raw`\b${DEPT},? please (?:deal|fix|come|send|help|look|check)\b`,
    String.raw`\bcan (?:we|you) get (?:a|an|some|someone|somebody|the) [a-z ]{0,40}?(?:out|over|here|down|there|on|at|to|in)\b`,
    String.raw`\bwho (?:do|should|can) (?:i|we) (?:talk|speak) (?:to|with)\b`,
    // Who/what/where to turn to, with a filler word ("who do I even call", "what number do I call").
    String.raw`\b(?:who|what number|which (?:department|office|number)|where) (?:do|should|can|would) (?:i|we) (?:even |actually |just |possibly )?(?:call|contact|email|reach|report (?:this|it|that)(?: to)?|talk to|speak (?:to|with)|complain to)\b`,
    String.raw`\bwho (?:cleans|fixes|repairs|handles|picks|clears|removes) (?:that|this|it|these|those|them)(?: up)?\b`,
    String.raw`\bhow (?:do|can) (?:i|we) get (?:someone|somebody|a crew|a truck|an officer|it|this|that|them) (?:to|out|over|fixed|replaced|picked up|removed)\b`,
    String.raw`\b(?:is|are) (?:someone|somebody|anyone|anybody|a crew|crews|the city) (?:coming|going to come|going to (?:fix|look|check)|gonna (?:come|fix))\b`,
    String.raw`\b(?:can|could|would|will) (?:someone|somebody|you) (?:please )?(?:take (?:it|that|this|the [a-z]+) off|unlock|help me)\b`,
  ].join('|'),
  'gi',
);

const PROBLEM = /\b(?:has|have|had)(?: not|n'?t) been (?:picked up|plowed|fixed|repaired|emptied|cleared|shoveled|swept|mowed|replaced|collected|touched)\b|\b(?:has|have) (?:not|never) (?:been )?(?:picked up|come|shown up)\b|\b(?:skipped|missed) (?:our|my|the) (?:whole |entire )?(?:alley|street|house|block|road|route)\b|\bleaked\b|\b(?:came|come) down (?:over|on|across)\b|\bstill blocking\b|\bpressure (?:dropped|is gone|went)\b|\b(?:nobody|no one) has (?:called|gotten|written|emailed|gotten back to) (?:me|us)(?: back)?\b|\bwaiting (?:on|for) (?:[a-z]+ ){0,3}to be (?:plowed|fixed|picked up|repaired|cleared|replaced)\b|\bpotholes?\b|\bfloods?\b|\bflooded\b|\bpressure (?:has been|is|was) (?:really |very |super |so )?(?:low|weak|bad)\b|\bcharged (?:me|us) (?:for|a|twice|again)\b|\bsoaked\b|\bsinkholes?\b|\b(?:is|are|was|were|has been|have been|keeps?) (?:flooding|gushing|spewing|overflowing|leaking|sinking|collapsing|caving)\b|\bflooding\b|\bgushing\b|\b(?:knocked|blown|fallen|fell) (?:over|down)\b|\bdowned (?:tree|line|power line|sign)s?\b|\b(?:nobody|no one) has (?:come|been) (?:by|out)\b|\bhasn'?t (?:come|been) by\b|\b(?:drafted|charged|billed|debited|taken out) twice\b|\boverdrawn\b|\bdouble[- ]?(?:charged|billed|drafted)\b|\b(?:got|was|were) towed\b|\b(?:was|were|got|been|keeps? getting) (?:skipped|missed|ignored)\b|\bnever (?:got|received|heard back|got back)\b|\bno (?:response|reply|answer|callback) (?:yet|from|in|after|for)\b|\b(?:still )?(?:haven'?t|hasn'?t) heard back\b|\b(?:have|has) been dark\b|\bnever (?:took|came|showed up|picked up|emptied|gives|works|worked|came back)\b|\beats (?:coins|my money|cards|quarters)\b|\bstill (?:sitting|there)\b|\b(?:doesn'?t|does not|don'?t|do not|isn'?t|is not|won'?t|will not|not) (?:work|working|turn on|drain|draining|flush|lock|latch|close)\b|\bout of order\b|\bclogged\b|\bflickering\b|\b(?:is|are|has been|have been|went|been) out\b|\b(?:got|was|were|been|being|keep getting) (?:charged|billed|fined|overcharged|double[- ]charged)\b|\b(?:never|wasn'?t|hasn'?t been|haven'?t been|weren'?t) (?:emptied|picked up|collected|plowed|fixed|repaired|swept|returned)\b|\b(?:no tenemos|no hay|sin) (?:agua|luz|servicio)\b|\bno (?:la |lo |las |los )?(?:recogieron|pasaron|arreglaron)\b|\b(?:skipped|missed) (?:our|my|the) (?:alley|street|house|block|pickup|bin|cans?|trash|recycling)\b|\b(?:going to|gonna|will) get (?:hit|hurt|killed)\b|\baccident waiting to happen\b|\bno (?:water|heat|power) since\b|\b(?:fly|flying|speed|speeding|race|racing|blow|blowing) (?:through|down|past)\b|\bnot (?:been )?plowed\b|\bunplowed\b|\bno plow\b|\bmissed (?:pickup|collection|our street)\b|\bhasn'?t been (?:picked up|plowed|fixed|repaired|emptied)\b|\boverflowing\b|\bleak(?:ing|s)?\b|\b(?:has been|is|been|comes out|came out|still) brown\b|\bdiscolou?red for\b|\bno water\b|\blow (?:water )?pressure\b|\b(?:street ?light|light)s? (?:has been |is |are )?(?:out|broken|flickering)\b|\b(?:has been|is|are|was) broken\b|\bwon'?t let me\b|\bdoesn'?t exist\b|\bshut ?off notice\b|\blate notice\b|\bpast due\b|\boverdue (?:charge|fee|notice)\b|\bovercharged\b|\b(?:al doble|doubled|twice as (?:much|high))\b|\bbilled (?:on|for|twice)\b|\bcharged (?:me )?twice\b|\btook out my\b|\b(?:knocked over|damaged|destroyed) (?:my|our)\b|\bbarking all night\b|\b(?:were|was|is) locked\b|\bstill all over\b|\bdead end\b|\bsending people (?:onto|down|the wrong)\b|\bflying down\b|\bnobody has been towed\b|\bstill parked\b|\bbeen out for\b|\bcalled me (?:\w+ )?(?:times|again)\b/gi;

const PERSIST = /\bfor (?:days|weeks|months)\b|\bin (?:a|over a) (?:day|week|month)\b|\b\d+ (?:days|weeks) now\b|\bsince \d{1,2}(?::\d\d)? ?[ap]\.?m\b|\bagain (?:this|last) (?:week|month)\b|\ball (?:spring|summer|winter|fall|week|month)\b|\bsince (?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|yesterday|last night|this morning)\b|\bevery (?:single )?(?:day|night|morning|week|weekend)\b|\bstill (?:no|not|hasn'?t|haven'?t|isn'?t|broken|out|leaking|unplowed|parked|all over|waiting|brown|locked)\b|\bfor (?:\d+|two|three|four|five|a|over a) (?:days?|weeks?|months?)\b|\b(?:\d+(?:rd|th|nd|st)?|third|second|fourth) (?:day|week|year|time)s?(?: in a row)?\b|\bin (?:\d+|two|three|four) (?:days|weeks)\b|\bsince (?:last (?:summer|winter|week|month|year)|january|february|march|april|may|june|july|august|september|october|november|december)\b|\b(?:two|three|\d+) days later\b/gi;

const OWN = /\b(?:my|our|mi|nuestra?)\s+(?:[a-z']+\s+){0,2}(?:basement|line|lawn|sidewalk|bill|account|mailbox|street|road|water|driveway|car|cars|place|house|home|trash|recycling|cans?|bin|meter|charge|sewer|dog'?s? license|license|card|factura|agua|calle|block|hubcaps?|property|yard|fence|cul-de-sac)\b|\b(?:our|my) (?:corner|alley|block|neighbou?rhood|utility account)\b|\bi (?:already )?(?:paid|renewed|returned|got a|just got)\b/gi;

/** A specific place (address, street, intersection) or a money dispute makes a request concrete. */
const PLACE = /\b\d{1,6} [A-Z][a-z]+\b|\b[A-Z][a-z]+ (?:St|Street|Ave|Avenue|Rd|Road|Dr|Drive|Ln|Lane|Ct|Court|Way|Blvd|Pkwy|Circle|Cir|Pl)\b|\b\d+(?:st|nd|rd|th) (?:and|&) [A-Z0-9]|\b(?:at|on) [A-Z][a-z]{2,}\b|\b(?:at|on) \d+(?:st|nd|rd|th)\b/g;
const MONEY = /\b(?:refund|late fee|fee|fees|charge|charged|charges|bill|billed|credit|overdue|fine|fined|reimburse\w*|waive\w*)\b/gi;

export const serviceDetector: Detector = (ctx) => {
  // "Please send a warning next time" is feedback on the notice, not a job for a department.
  const request = findAll(REQUEST, ctx.text, 2).filter((m) => !/^[^.!?]*\b(?:next time|in the future|going forward|from now on)\b/i.test(ctx.text.slice(m.end)));
  const problem = findAll(PROBLEM, ctx.text, 2);
  // Most comments neither ask nor report anything: skip the remaining scans.
  if (request.length === 0 && problem.length === 0) return [];
  const persist = findAll(PERSIST, ctx.text, 1);
  const own = findAll(OWN, ctx.text, 1);
  const hits: Hit[] = [];
  for (const m of request) hits.push(hit('service_complaint', 'service.request', 0.45, m, `asks a department to act: "${m.text}"`));
  for (const m of problem) hits.push(hit('service_complaint', 'service.problem', 0.3, m, `reports a specific service problem: "${m.text}"`));
  // Without a request, one problem is feedback ("my bin overflows, bad decision"); it takes two
  // concrete problems ("past due" on a bill "I already paid") to read as a complaint.
  // One problem that has gone on for a while ("leaking for weeks", "out for a month") also reads
  // as a complaint; a single one-off remark does not.
  // It also needs to be the commenter's own service or a named place, so "crews have been out
  // since 3am" (praise) stays a remark.
  if (request.length === 0 && problem.length < 2 && (problem.length === 0 || persist.length === 0 || (own.length === 0 && findAll(PLACE, ctx.text, 1).length === 0))) return hits;
  for (const m of persist) hits.push(hit('service_complaint', 'service.persistent', 0.2, m, `the problem persists: "${m.text}"`));
  for (const m of own) hits.push(hit('service_complaint', 'service.own-account', 0.2, m, `about the commenter's own service: "${m.text}"`));
  if (request.length > 0 || persist.length > 0) {
    for (const m of findAll(PLACE, ctx.text, 1)) hits.push(hit('service_complaint', 'service.place', 0.2, m, `names the place: "${m.text}"`));
    for (const m of findAll(MONEY, ctx.text, 1)) hits.push(hit('service_complaint', 'service.money', 0.2, m, `disputes a charge: "${m.text}"`));
  }
  return hits;
};

/**
 * The department a complaint belongs to: most keyword matches in the comment, then in the post,
 * then the first department (the seed lists Public Works first).
 */
export function routeComplaint(ctx: Pick<ScanContext, 'text' | 'post' | 'compiled'>): DepartmentContact | undefined {
  const score = (s: string): Array<{ dept: DepartmentContact; n: number }> =>
    ctx.compiled.departments.map(({ dept, re }) => ({ dept, n: findAll(re, s, 20).length }));
  const best = (rows: Array<{ dept: DepartmentContact; n: number }>): DepartmentContact | undefined => {
    let top: { dept: DepartmentContact; n: number } | undefined;
    for (const r of rows) if (r.n > 0 && (top === undefined || r.n > top.n)) top = r;
    return top?.dept;
  };
  return best(score(ctx.text)) ?? best(score(ctx.post)) ?? ctx.compiled.departments[0]?.dept;
}
