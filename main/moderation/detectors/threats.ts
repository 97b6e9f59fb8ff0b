/**
 * CIV-6c threatening and harassing language. Figures of speech ("this notice is killing me",
 * "kill the proposal", "the fireworks were the bomb") are the classic false alarms, so violence
 * words only count with a speaker's intent AND a person as the object, and veiled threats are
 * recognised by their shape ("I know where you park", "see what happens", "make them afraid").
 */
import type { Detector } from '../context';
import { keys, runRules, type Rule } from '../rules';

const PERSON_OBJECT = String.raw`(?:you|ya|u|him|her|them|his|their|that (?:guy|lady|woman|man|idiot|clown)|the (?:mayor|manager|chief|coach|driver|clerk|council(?:man|woman|member)?s?|cops?|officers?|inspector|neighbou?r)|every(?:one|body)|any(?:one|body)|whoever|some(?:one|body)|city hall|(?:these|those|the) (?:council members|commissioners|people|clowns|idiots))`;

const INTENT = String.raw`(?:i(?:'ll| will| am going to|'m going to|'m gonna| am gonna| gonna| wanna| want to)|we(?:'ll| will|'re going to| are going to|'re gonna| should)|gonna|(?:someone|somebody) (?:should|needs to|ought to|oughta)|(?:you|he|she|they)(?:'d| had)? better)`;

const VIOLENCE = String.raw`(?:end|finish off|bury|destroy|wreck|kill|shoot|stab|beat(?: up)?|hurt|punch|strangle|choke|hang|lynch|murder|burn(?: down)?|bomb|torch|smash|slap|jump|run over|break (?:your|his|her|their) (?:legs|neck|face|jaw)|knock (?:your|his|her|their) (?:teeth|head|block))`;

export const THREAT_RULES: Rule[] = [
  {
    rule: 'threat.violent-intent', keys: keys('end finish bury destroy wreck kill shoot stab beat hurt punch strangle choke hang lynch murder burn bomb torch smash slap jump run break knock'),
    weight: 0.9,
    re: new RegExp(String.raw`\b${INTENT}\b[^.!?\n]{0,60}?\b${VIOLENCE}\b\s*(?:up\s+|down\s+)?${PERSON_OBJECT}\b`, 'gi'),
    why: 'states an intent to harm a person',
  },
  {
    rule: 'threat.deserves-violence', keys: keys('shot killed hanged hung strung beaten beat punched stabbed lynched run taken'),
    weight: 0.85,
    re: /\b(?:should|deserves? to|needs? to|ought to) (?:be|get) (?:shot|killed|hanged|hung|strung up|beaten|beat up|punched|stabbed|lynched|run over|taken out back)\b/gi,
    why: 'wishes violence on someone',
  },
  {
    rule: 'threat.know-where', keys: keys('know'),
    weight: 0.85,
    re: /\bi know where (?:[a-z']+ ){0,3}?(?:live|lives|park|parks|work|works|sleep|sleeps|goes|eat|eats|drops? (?:his|her|their) kids)\b/gi,
    why: 'menaces someone by naming where they can be found',
  },
  {
    rule: 'threat.waiting-for', keys: keys('waiting'),
    weight: 0.8,
    re: /\b(?:i'll|i will|we'll|we will|i'm gonna|i am going to|i'm going to) be waiting (?:for (?:you|him|her|them)|outside|in the parking lot|after)\b|\bwaiting for (?:you|him|her|them) (?:in the parking lot|outside|after the)\b/gi,
    why: 'says the speaker will be waiting for someone',
  },
  {
    rule: 'threat.veiled', keys: keys('snap deserve coming hope pray catch see else regret find watch warned days sleep safe accidents'),
    weight: 0.7,
    re: /\b(?:(?:and|then|just) see what happens|or else\b|(?:somebody|someone) (?:is|'s) (?:going to|gonna) snap|you(?:'ll| will) (?:deserve|get) (?:it|what'?s coming|what you deserve)|what'?s coming (?:to (?:you|him|her|them))|(?:better|had better) (?:hope|pray) (?:i|we) (?:never|don'?t) (?:catch|see|find|meet)|make (?:them|him|her|you) regret|(?:i'll|i will|we'll|we will) find (?:you|him|her|them|whoever)|watch (?:your|his|her|their) back|you(?:'ll| will) regret (?:it|this|that)|you(?:'ve| have) been warned|count your days|sleep with one eye open|(?:you|they) won'?t (?:be|feel) safe|accidents happen)\b/gi,
    why: 'veiled threat',
  },
  {
    rule: 'threat.intimidate', keys: keys('afraid scared terrified fear'),
    weight: 0.85,
    re: /\bmake (?:him|her|them|you|(?:these|those|the) [a-z]+(?: [a-z]+)?) (?:afraid|scared|terrified|fear)\b|\b(?:afraid|scared) to (?:walk|leave|go) (?:to their cars|to his car|to her car|home|outside|out alone)\b/gi,
    why: 'urges intimidating people',
  },
  {
    rule: 'harass.go-to-home', keys: keys('door house home place driveway'),
    weight: 0.85,
    re: /\b(?:go|let'?s|everyone|everybody|y'all|someone|somebody|we should|you should|people should) (?:go )?(?:knock on|bang on|show up at|pay a visit to|visit|camp out(?:side)? at|egg) (?:his|her|their|that guy's|that lady's|the [a-z]+'s) (?:door|house|home|place|driveway)\b/gi,
    why: 'urges people to go to a person\'s home',
  },
  {
    rule: 'threat.violent-outcome', keys: keys('fist bullet boot bat taken put dealt send land hospital'),
    weight: 0.8,
    re: /\b(?:put|send|land) (?:him|her|them|you|that [a-z]+) in (?:the )?(?:hospital|ground|grave|morgue|icu|er)\b|\b(?:is|are|gonna be|going to be) (?:getting|gonna get|going to get) (?:a|my) (?:fist|bullet|boot|bat) (?:in|to|through)\b|\b(?:a|my) (?:fist|bullet|boot|bat) (?:in|to|through) (?:the|his|her|your|their) (?:face|head|mouth|teeth)\b|\b(?:should|ought to|needs to) be (?:taken out|put down|dealt with permanently)\b/gi,
    why: 'threatens violence',
  },
  {
    rule: 'threat.property', keys: keys('tires windows window car house truck slash key egg torch'),
    weight: 0.75,
    re: /\b(?:should|ought to|needs? to|deserves? to|gonna|will) (?:get|have) (?:their|his|her|your) (?:tires slashed|windows? (?:smashed|broken)|car keyed|house egged|house burned)\b|\b(?:slash|key|egg|torch) (?:their|his|her|your) (?:tires|car|house|truck)\b/gi,
    why: 'urges damaging someone\'s property',
  },
  {
    rule: 'harass.blow-up', keys: keys('blow call text spam'),
    weight: 0.7,
    re: /\bblow (?:him|her|them|his phone|her phone|their phones?) up\b|\b(?:everyone|y'all|let'?s all) (?:call|text|spam) (?:him|her|them)\b/gi,
    why: 'urges people to harass someone',
  },
  {
    rule: 'threat.burn-with-person', keys: keys('burn torch blow'),
    weight: 0.85,
    re: /\b(?:burn|torch|blow up)\b[^.!?\n]{0,40}?\bwith (?:him|her|them|you|(?:the|that|his|her) [a-z]+) (?:still )?(?:in|inside) (?:it|there)\b/gi,
    why: 'threatens to harm a person with fire or explosives',
  },
  {
    rule: 'harass.make-pay', keys: keys('pay'),
    weight: 0.5,
    re: /\bmake (?:him|her|them) pay\b/gi,
    why: 'urges retaliation against a person',
  },
];

export const threatDetector: Detector = (ctx) => runRules(ctx, 'profane_threat_harass', THREAT_RULES);
