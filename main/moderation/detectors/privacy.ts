/**
 * CIV-6g protected privacy (and SEC-6's list: SSNs, financial and health information). The
 * information has to belong to another identifiable person: City Hall's street address or the
 * County Clerk's elections line is public, a resident's own "my house on Fenwick" is theirs to
 * share, but "the guy at 2215 Larch St ... his cell is ..." exposes someone.
 */
import { hit, type Detector, type Hit, type ScanContext } from '../context';
import { findAll, has, type Span } from '../text-utils';

const SSN = /\b\d{3}-\d{2}-\d{4}\b|\b(?:ssn|social security(?: number| no\.?| #)?)\s*(?:is|:|#)?\s*\d{9}\b/gi;
const DOB = /\b(?:dob|d\.o\.b\.?|date of birth|birth ?date|born on)\s*(?:is|:|was)?\s*\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}\b/gi;
const PLATE = /\b(?:license )?plate(?: number| no\.?| #)?\s*(?:is|:|#)?\s*[A-Z0-9]{1,4}[- ]?[A-Z0-9]{2,4}\b/g;
const SUFFIX = String.raw`(?:St|Street|Ave|Avenue|Ct|Court|Dr|Drive|Ln|Lane|Rd|Road|Pkwy|Parkway|Way|Blvd|Boulevard|Cir|Circle|Pl|Place|Ter|Terrace|Trl|Trail|Loop|Hwy|Highway|Run|Row|Sq|Square)`;
const NOT_STREET = String.raw`(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|January|February|March|April|May|June|July|August|September|October|November|December|AM|PM|Am|Pm)\b)`;
const ADDRESS = new RegExp(
  String.raw`\b\d{1,6}\s+(?:[NSEW]\.?\s+)?(?:[A-Z][a-z]+\s+){1,3}${SUFFIX}\b\.?|(?:\b(?:lives|living|live|staying|resides)\s+at|\b[A-Z][a-z]+\s+at)\s+\d{1,6}\s+(?:[NSEW]\.?\s+)?${NOT_STREET}[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}\b`,
  'g',
);

const THIRD_PARTY = /\b(?:he|she|him|his|her|hers|they|their|them|guy|lady|woman|man|neighbou?r|coworker|co-worker|ex|boss|roommate|landlord|tenant|contractor|coach|named|name'?s|wife|husband|son|daughter|kid|girlfriend|boyfriend)\b/i;
const HOME_WORDS = /\b(?:lives?|living|staying|resides?|home|house|apartment|apt|basement|address|place)\b/i;
const FIRST_PERSON_OWNER = /\b(?:my|our)\s+(?:house|home|place|address|apartment|street|driveway|mailbox|yard)(?:\s+(?:is\s+)?(?:at|on))?\s*$|\b(?:i|we)\s+(?:live|am|are|'m|'re|moved)(?:\s+(?:over\s+)?(?:at|on|in|to))?\s*$/i;
const PRIVATE_PHONE_CUE = /\b(?:his|her|their|my neighbou?r'?s|the guy'?s|the lady'?s)\s+(?:cell|cell phone|number|phone|digits|mobile)\b|\b(?:call|text)\s+(?:him|her)\b|\bname'?s?\s+(?:is\s+)?[A-Z][a-z]+[^.!?]{0,30}(?:phone|number|cell)\b|\bphone\s*(?:is|:)?\s*$/i;
const SENSITIVE_SUBJECT = /\b(?:[Hh]e|[Ss]he|[Hh]is|[Hh]er|[Hh]im|[Tt]hey|[Tt]heir)\b|'s (?:wife|husband|son|daughter|kid|mom|dad|mother|father|girlfriend|boyfriend|partner)\b|\b(?:neighbou?r|coworker|co-worker|ex|boss|roommate|officer|coach|librarian|clerk|employee|worker|driver|teacher|guy|lady|woman|man|director|manager|councilman|councilwoman|nurse|lifeguard|inspector|foreman)\b|\b[A-Z][a-z]+\s+[A-Z][a-z]+\b/;

export const privacyDetector: Detector = (ctx) => {
  const hits: Hit[] = [];
  // Numbers, addresses and phones all need a digit; most comments have none.
  if (/\d/.test(ctx.text)) {
    for (const m of findAll(SSN, ctx.text, 3)) hits.push(hit('privacy', 'privacy.ssn', 0.95, m, `Social Security number "${m.text}"`));
    for (const m of findAll(DOB, ctx.text, 3)) hits.push(hit('privacy', 'privacy.dob', 0.85, m, `date of birth "${m.text}"`));
    for (const m of findAll(PLATE, ctx.text, 3)) hits.push(hit('privacy', 'privacy.plate', 0.5, m, `licence plate "${m.text}"`));
    hits.push(...addresses(ctx), ...phones(ctx));
  } else {
    hits.push(...phones(ctx));
  }
  hits.push(...sensitiveFacts(ctx));
  return hits;
};

function windowAround(ctx: ScanContext, span: Span, before: number, after: number): { pre: string; post: string } {
  return { pre: ctx.text.slice(Math.max(0, span.start - before), span.start), post: ctx.text.slice(span.end, span.end + after) };
}

function addresses(ctx: ScanContext): Hit[] {
  const out: Hit[] = [];
  for (const m of findAll(ADDRESS, ctx.text, 5)) {
    if (/^\d+\s+block\b/i.test(m.text)) continue;
    const { pre, post } = windowAround(ctx, m, 70, 60);
    const nearPre = pre.slice(-35);
    // "City Hall is at 200 W Main St", "the Clerk's office at 115 Court St": public places.
    if (has(ctx.compiled.publicPlaces, nearPre)) continue;
    if (FIRST_PERSON_OWNER.test(pre)) continue;
    const context = `${pre} ${post}`;
    const livesThere = /\b(?:lives?|living|resides?|staying|moved)\s+(?:on|at|in|to)\s*$/i.test(nearPre) || /^(?:lives|living)\s+at\b/i.test(m.text);
    if (!livesThere && !THIRD_PARTY.test(context)) continue;
    const strong = livesThere || HOME_WORDS.test(context) || /\b(?:guy|lady|woman|man|neighbou?r)\s+(?:at|on|from)\s*$/i.test(nearPre);
    const lead = /^(?:[A-Za-z]+\s+)?at\s+|^(?:lives|living|live|staying|resides)\s+at\s+/.exec(m.text)?.[0].length ?? 0;
    const span = { start: m.start + lead, end: m.end };
    out.push(hit('privacy', strong ? 'privacy.home-address' : 'privacy.address', strong ? 0.85 : 0.6, span, `home address of a private person: "${ctx.text.slice(span.start, span.end)}"`));
  }
  return out;
}

function phones(ctx: ScanContext): Hit[] {
  const out: Hit[] = [];
  for (const p of ctx.phones()) {
    const { pre } = windowAround(ctx, p, 60, 0);
    if (has(ctx.compiled.publicPlaces, pre.slice(-40))) continue;
    if (!PRIVATE_PHONE_CUE.test(pre)) continue;
    out.push(hit('privacy', 'privacy.phone', 0.85, p, `private person's phone number "${p.text}"`));
  }
  for (const l of ctx.links()) {
    if (l.kind !== 'email') continue;
    const { pre } = windowAround(ctx, l, 40, 0);
    if (/\b(?:his|her|their)\s+(?:e-?mail|address)\b/i.test(pre)) out.push(hit('privacy', 'privacy.email', 0.7, l, `private person's e-mail "${l.text}"`));
  }
  return out;
}

/** Health or record details ("going through chemo", "has a DUI") said about someone else. */
function sensitiveFacts(ctx: ScanContext): Hit[] {
  const out: Hit[] = [];
  const sents = ctx.sentences();
  for (const m of findAll(ctx.compiled.health, ctx.text, 5)) {
    if (/^\s*(?:checkpoints?|patrols?|enforcement|arrests?|crash(?:es)?|awareness|research|center|walk|run|fundraiser|month|screenings?|survivors?|drive|clinic|program|prevention|unit|ward)\b/i.test(ctx.text.slice(m.end, m.end + 16))) continue;
    const idx = sents.findIndex((s) => m.start >= s.start && m.start < s.end);
    const sentence = sents[idx];
    if (sentence === undefined) continue;
    const prev = sents[idx - 1];
    const here = ctx.text.slice(sentence.start, sentence.end);
    const context = prev !== undefined ? `${ctx.text.slice(prev.start, prev.end)} ${here}` : here;
    const subjectBefore = ctx.text.slice(sentence.start, m.start);
    if (/\b(?:i|i'm|i've|my|me|we|our)\b/i.test(subjectBefore) && !SENSITIVE_SUBJECT.test(subjectBefore)) continue;
    if (!SENSITIVE_SUBJECT.test(context)) continue;
    out.push(hit('privacy', 'privacy.health-or-record', 0.75, m, `discloses someone's health or record: "${m.text}"`));
  }
  return out;
}
