/**
 * CIV-6c profanity. obscenity does the heavy lifting (leetspeak, repeated letters, "@ss",
 * "sh!t", "fvck"); this module adds what it does not see: asterisk-censored words ("f***ing",
 * "sh*tty"), letters spaced out ("f u c k"), and "f this". Mild swears listed by the policy
 * ("damn proud", "hell yes") are not violations on their own. Slurs also count as
 * discrimination (6e); sexual words count as sexual content (6f).
 */
import type { MatchPayload } from 'obscenity';
import { hit, type Detector, type Hit, type ScanContext } from '../context';

/** Word forms a censored token may stand for; a censor char covers one to three letters. */
const CENSORABLE = [
  'fuck', 'fucking', 'fuckin', 'fucked', 'fucker', 'fucks', 'motherfucker', 'shit', 'shitty', 'shits', 'shitshow', 'shithole',
  'shitting', 'bullshit', 'horseshit', 'bitch', 'bitches', 'bitching', 'ass', 'asses', 'asshole', 'assholes', 'dumbass', 'jackass',
  'cunt', 'cock', 'bastard', 'bastards', 'goddamn', 'dick', 'dickhead', 'prick', 'twat', 'whore', 'slut', 'piss', 'damn', 'hell', 'crap',
];
const TOKEN = /[a-z*#@$%!]+/gi;
const SPACED = /(?<![a-z])(?:[a-z][ ._*-]){2,}[a-z](?![a-z])/gi;
/** "Go to hell" at a person is harassing even though "hell" alone is mild. */
const TO_HELL = /\b(?:go to|burn in|rot in) hell\b/gi;
const F_THIS = /(?<!\b(?:section|item|clause|grade|part|exhibit|vitamin|article|form|type|class)\s)\bf+\s+(?:this|that|you|u|off|em|them|him|her|the\s+(?:city|council|police|cops|mayor|pd|chief|festival|rules|policy))\b/gi;

export const profanityDetector: Detector = (ctx) => {
  const hits: Hit[] = [];
  const claimed: Array<[number, number]> = [];
  const claim = (s: number, e: number): boolean => {
    if (claimed.some(([a, b]) => s < b && a < e)) return false;
    claimed.push([s, e]);
    return true;
  };
  for (const m of obscenityMatches(ctx)) {
    const word = ctx.compiled.profanityWords.getPayloadWithPhraseMetadata(m.payload).phraseMetadata?.originalWord ?? '';
    const span = { start: m.start, end: m.end };
    const shown = ctx.text.slice(span.start, span.end);
    if (ctx.compiled.ignored.has(word) || ctx.compiled.mild.has(word)) continue;
    if (!claim(span.start, span.end)) continue;
    if (ctx.compiled.slurs.has(word)) {
      hits.push(hit('profane_threat_harass', 'profanity.slur', 0.9, span, `slur "${shown}"`));
      hits.push(hit('discrimination', 'discrimination.slur', 0.85, span, `slur "${shown}" targets a protected group`));
    } else if (ctx.compiled.sexualProfanity.has(word)) {
      hits.push(hit('sexual', 'sexual.explicit-word', 0.7, span, `explicit sexual word "${shown}"`));
    } else {
      hits.push(hit('profane_threat_harass', 'profanity.word', 0.9, span, `profanity "${shown}"`));
    }
  }
  for (const t of censored(ctx)) if (claim(t.start, t.end)) hits.push(t);
  for (const t of spacedOut(ctx)) if (claim(t.start, t.end)) hits.push(t);
  for (const h of /hell/i.test(ctx.text) ? [...ctx.text.matchAll(TO_HELL)] : []) {
    if (claim(h.index, h.index + h[0].length)) hits.push(hit('profane_threat_harass', 'profanity.to-hell', 0.6, { start: h.index, end: h.index + h[0].length }, `tells someone "${h[0]}"`));
  }
  F_THIS.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (/\bf+\s/i.test(ctx.text) && (m = F_THIS.exec(ctx.text)) !== null) {
    const span = { start: m.index, end: m.index + m[0].length };
    if (claim(span.start, span.end)) hits.push(hit('profane_threat_harass', 'profanity.f-abbrev', 0.8, span, `abbreviated profanity "${m[0]}"`));
  }
  return hits;
};

/** Sentence ends followed by a space: "f.u.c.k" stays in one piece. */
const SEGMENT = /[^.!?\n]*(?:[.!?\n]+(?=\s|$)|[.!?](?=\S)[^.!?\n]*)*[.!?\n]*\s*/g;

/**
 * obscenity's matches, sentence by sentence: its cost grows with the text it reads, so only
 * sentences the gate lets through are handed to it (offsets shifted back).
 */
function obscenityMatches(ctx: ScanContext): Array<{ start: number; end: number; payload: MatchPayload }> {
  if (!ctx.compiled.profanityGate(ctx.text)) return [];
  const out: Array<{ start: number; end: number; payload: MatchPayload }> = [];
  SEGMENT.lastIndex = 0;
  let seg: RegExpExecArray | null;
  while ((seg = SEGMENT.exec(ctx.text)) !== null && seg[0].length > 0) {
    if (!ctx.compiled.profanityGate(seg[0])) continue;
    for (const m of ctx.compiled.profanity.getAllMatches(seg[0], true)) out.push({ start: seg.index + m.startIndex, end: seg.index + m.endIndex + 1, payload: m });
  }
  return out;
}

function censored(ctx: ScanContext): Hit[] {
  if (!/[*#@$%!]/.test(ctx.text)) return [];
  const out: Hit[] = [];
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN.exec(ctx.text)) !== null) {
    // Exclamation marks at either end are punctuation, not censoring.
    const lead = /^!*/.exec(m[0])?.[0].length ?? 0;
    const token = m[0].slice(lead).replace(/!+$/, '').toLowerCase();
    if (!/[*#@$%!]/.test(token) || !/[a-z]/.test(token) || token.length > 24 || /^[a-z]+[#@$%]+$/.test(token)) continue;
    const re = new RegExp(`^${token.replace(/[*#@$%!]+/g, (run) => `[a-z]{1,${Math.min(run.length + 1, 4)}}`)}$`);
    const form = CENSORABLE.find((w) => re.test(w));
    if (form === undefined || ctx.compiled.mild.has(form)) continue;
    const start = m.index + lead;
    out.push(hit('profane_threat_harass', 'profanity.censored', 0.9, { start, end: start + token.length }, `censored profanity "${ctx.text.slice(start, start + token.length)}" (${form})`));
  }
  return out;
}

function spacedOut(ctx: ScanContext): Hit[] {
  const out: Hit[] = [];
  SPACED.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = SPACED.exec(ctx.text)) !== null) {
    const joined = m[0].replace(/[ ._*-]/g, '').toLowerCase();
    if (!ctx.compiled.profanity.hasMatch(joined)) continue;
    const words = ctx.compiled.profanity.getAllMatches(joined).map((x) => ctx.compiled.profanityWords.getPayloadWithPhraseMetadata(x).phraseMetadata?.originalWord ?? '');
    if (words.every((w) => ctx.compiled.mild.has(w) || ctx.compiled.ignored.has(w))) continue;
    out.push(hit('profane_threat_harass', 'profanity.spaced', 0.85, { start: m.index, end: m.index + m[0].length }, `spaced-out profanity "${m[0]}"`));
  }
  return out;
}
