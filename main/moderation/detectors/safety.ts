/**
 * CIV-6j information that compromises the safety or security of the public or public systems:
 * credentials and access codes, weak points of critical facilities (a gap in the water tower
 * fence, an unlocked server closet, a drop box held on by four screws), and instructions for
 * tampering with public equipment. "The drinking fountain is broken" is a service complaint,
 * not a security disclosure, so a weakness only counts beside a critical facility.
 */
import { hit, type Detector, type Hit } from '../context';
import { findAll, near } from '../text-utils';
import { keys, keysPresent } from '../rules';

const CREDENTIAL_KEYS = keys('password passcode passwd pw pwd login log username user credentials credential wifi wi fi network ssid code combo combination pin');
const TAMPER_KEYS = keys('loosen unscrew unplug disconnect rewire meter meters cut break pick pop drag move push knock take pull shift trick hack bypass tamper tampering tampered jam disable rig read run stop turn');

const CREDENTIAL = /\b(?:password|passcode|passwd|pw|pwd|login|log-in|username|user name|credentials?|wi-?fi(?: password)?|network|ssid|(?:keypad|door|gate|lock|alarm|access|entry) code|combo|combination|pin)\b[^.!?\n]{0,45}?(?:\bis\b|\bare\b|:|=|\bstill\b)\s*(?:still\s+)?["'“]?(?<secret>[A-Za-z0-9!@#$%^&*_.+-]{3,})(?:\s*[/:|]\s*["']?(?<secret2>[A-Za-z0-9!@#$%^&*_.+-]{3,}))?/gi;

const WEAKNESS = /\b(?:gap|hole|opening) (?:in|behind|under|at)\b|\bbig enough to (?:walk|crawl|climb|fit|get|squeeze) through\b|\bunlocked\b|\bpropped open\b|\bleft open\b|\bwide open\b|\bdoors? (?:open|unlocked)\b|\bopen all night\b|\bno lock\b|\block[^.!?]{0,30}\b(?:busted|broken|cut|missing)\b|\b(?:busted|broken|cut) lock\b|\bno cameras?\b|\bcameras? (?:don'?t|doesn'?t|do not|does not) work\b|\bheld (?:on|shut|closed) (?:only )?(?:by|with)\b|\b(?:unencrypted|not encrypted)\b|\b(?:lids?|covers?|doors?|hatch(?:es)?) (?:just )?(?:lift|lifts|pop|pops|slide|slides) (?:off|open)\b|\bkeys? (?:hanging|left|inside|in the ignition|under the mat)\b|\bnobody (?:watches|guards|monitors)\b|\bunguarded\b|\bunattended\b|\beasy to (?:get in|break in|climb|access|pry|pop|open|jimmy|unlatch|pick)\b|\b(?:anyone|anybody|someone|somebody|kids) (?:can|could) (?:easily |just )?(?:get in|walk in|climb|wander in|mess with|tamper with|open|reach|access|turn)\b|\b(?:never|isn'?t|is not|aren'?t|are not|wasn'?t|weren'?t|not|always) (?:locked|secured)\b|\bleft unlocked\b|\b(?:rusted|stuck|hanging|propped) open\b|\b(?:anyone|anybody|someone|somebody) (?:can|could) (?:drop|pour|put|throw|dump) (?:something|anything|stuff|poison)\b|\bkeys? (?:are |is )?(?:left )?(?:in|inside) the\b|\bleave the keys\b|\b(?:teenagers|teens|kids|people|anyone|someone) (?:can |could |just )?(?:climb|walk|get|sneak|break) in\b|\bcover (?:is )?(?:off|missing|gone)\b|\bkeys? (?:are |is )?(?:left )?(?:in|inside) the\b|\bdefault password\b|\bnever (?:been )?changed\b/gi;

const TAMPER = /\b(?:cut|break|pick|pop) (?:the|a) (?:lock|chain|padlock)\b|\b(?:drag|move|push|knock over|take down|pull|shift)\s+(?:the\s+)?(?:[a-z]+\s+){0,3}(?:barricades?|cones?|road closed signs?|detour signs?)\b|\b(?:trick|hack|bypass|tamper\w*|jam|disable|rig|loosen|unscrew|unplug|disconnect|rewire)\b[^.!?]{0,50}\b(?:meters?|radios?|hydrants?|signals?|traffic lights?|cameras?|scada|valves?|alarms?|sensors?)\b|\b(?:meters?|hydrants?|signals?|traffic lights?|cameras?|alarms?)\b[^.!?]{0,30}\b(?:reads? low|runs? backwards|stops? counting|turn off with)\b/gi;

/** "log in with 1111 as the PIN": the secret first, then what it is. */
const SECRET_FIRST = /\b[A-Za-z0-9!@#$%^&*_.+-]*\d[A-Za-z0-9!@#$%^&*_.+-]* (?:as|is) (?:the|their|our|its|his|her) (?:pin|password|passcode|code|combo|combination|login)\b/gi;

export const safetyDetector: Detector = (ctx) => {
  const hits: Hit[] = [];
  for (const m of keysPresent(ctx, CREDENTIAL_KEYS) ? findAll(CREDENTIAL, ctx.text, 4, true) : []) {
    const secrets = m.groups.filter((g) => g.length > 0);
    // A credential has digits or symbols, or comes as a user/password pair.
    if (!secrets.some((s) => /\d|[!@#$%^&*_]/.test(s)) && secrets.length < 2) continue;
    hits.push(hit('safety_security', 'safety.credential', 0.9, m, `publishes a password or access code: "${m.text}"`));
  }
  for (const m of keysPresent(ctx, CREDENTIAL_KEYS) ? findAll(SECRET_FIRST, ctx.text, 2) : []) {
    hits.push(hit('safety_security', 'safety.credential', 0.9, m, `publishes a password or access code: "${m.text}"`));
  }
  const facilities = findAll(ctx.compiled.critical, ctx.text, 20);
  for (const w of facilities.length > 0 ? findAll(WEAKNESS, ctx.text, 6) : []) {
    const facility = facilities.find((f) => near(f, w, 100));
    if (facility === undefined) continue;
    hits.push(hit('safety_security', 'safety.facility-weakness', 0.8, w, `describes a weak point of ${facility.text}: "${w.text}"`));
  }
  for (const m of keysPresent(ctx, TAMPER_KEYS) ? findAll(TAMPER, ctx.text, 3) : []) {
    hits.push(hit('safety_security', 'safety.tampering', 0.75, m, `explains tampering with public equipment: "${m.text}"`));
  }
  return hits;
};

/** Regexes gated by key words, exposed so a test can check the keys never hide a match. */
export const SAFETY_GATED = [
  { re: CREDENTIAL, keys: CREDENTIAL_KEYS },
  { re: TAMPER, keys: TAMPER_KEYS },
];
