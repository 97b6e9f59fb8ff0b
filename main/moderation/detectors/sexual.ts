/**
 * CIV-6f sexual content or links to it. Explicit words and sexual-site links count alone; the
 * innuendo that makes up most of it on a city page ("got a real big hose for the crew 🍆") is a
 * combination of weak signals, so a lone peach emoji on a pie-contest post stays.
 */
import { hit, type Detector, type Hit } from '../context';
import { findAll } from '../text-utils';
import { keys, runRules, type Rule } from '../rules';

const ADULT_EMOJI = /🔞/gu;
const SUGGESTIVE_EMOJI = /🍆|🍑|💦|🥵|😈|😏|💋|👅|🫦|🍌/gu;

export const SEXUAL_RULES: Rule[] = [
  { rule: 'sexual.invitation', keys: keys('dm dms send slide meet play looking mature lonely'), weight: 0.4, re: /\b(?:(?:my )?dms? (?:are|is) open|send (?:me )?pics|slide into (?:my|your) dms|meet me (?:behind|under|in the back|after dark|tonight)|come out to play|looking for (?:a|some) (?:mature|lonely|bored|hot|sexy) (?:lady|ladies|woman|women|man|men|girl|guy)s?|(?:mature|lonely) (?:lady|ladies|woman|women) to)\b/gi, why: 'sexual invitation' },
  { rule: 'sexual.ladies', keys: keys('ladies girls'), weight: 0.4, re: /\b(?:ladies|girls),? (?:i|my|hit me|dm|message|come|looking)\b/gi, why: 'sexual come-on' },
  { rule: 'sexual.innuendo', keys: keys('massage massages private bed hose dirty dark sexy stripper escort uncensored pics hot rub happy company fun massage rescue favor favors friend friends'), weight: 0.3, re: /\bmassages?\b[^.!?]{0,6}(?:😉|😏|😈|🥵)|\bprivate (?:massages?|shows?)\b|\b(?:in bed|big hose|something dirty|talk dirty|dirty pics|after dark|sexy|stripper|escort service|uncensored|pics in the comments|hot wives|rub and tug|happy ending)\b|"(?:company|fun|massage|rescue|favors?|friends?)"/gi, why: 'sexual innuendo' },
];

export const sexualDetector: Detector = (ctx) => {
  const hits: Hit[] = [];
  for (const m of findAll(ctx.compiled.sexualTerms, ctx.text, 5)) {
    hits.push(hit('sexual', 'sexual.term', 0.65, m, `sexual term "${m.text}"`));
  }
  const emoji = /[\u{1F300}-\u{1FAFF}]/u.test(ctx.text);
  for (const m of emoji ? findAll(ADULT_EMOJI, ctx.text, 1) : []) hits.push(hit('sexual', 'sexual.adult-emoji', 0.75, m, 'adults-only emoji 🔞'));
  const suggestive = emoji ? findAll(SUGGESTIVE_EMOJI, ctx.text, 20) : [];
  const distinct = new Set(suggestive.map((s) => s.text));
  if (distinct.size >= 2) {
    const first = suggestive[0];
    const last = suggestive[suggestive.length - 1];
    if (first !== undefined && last !== undefined) {
      hits.push(hit('sexual', 'sexual.emoji-combo', 0.7, { start: first.start, end: last.end }, `sexual emoji together: ${[...distinct].join(' ')}`));
    }
  } else if (suggestive[0] !== undefined) {
    hits.push(hit('sexual', 'sexual.emoji', 0.25, suggestive[0], `suggestive emoji ${suggestive[0].text}`));
  }
  hits.push(...runRules(ctx, 'sexual', SEXUAL_RULES));
  for (const l of ctx.links()) {
    if (l.sexual) hits.push(hit('sexual', 'sexual.link', 0.8, l, `link to a sexual site: ${l.domain}`));
  }
  return hits;
};
