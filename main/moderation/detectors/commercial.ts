/**
 * CIV-6b commercial promotion or solicitation. Mentioning a business ("is Rosie's Bakery open
 * during the festival?", "the Kwik Stop pays $15") is not promotion; selling to readers is. Each
 * cue below is weak alone and they combine, so an ad needs two or three of them (an offer, a
 * price, a way to buy) unless one is unmistakable ("I sell", "use code X for 10% off").
 */
import { hit, type Detector, type Hit } from '../context';
import { has } from '../text-utils';
import { keys, runRules, type Rule } from '../rules';

export const COMMERCIAL_RULES: Rule[] = [
  { rule: 'commercial.we-sell', keys: keys('sell sells selling buy buys buying sale vendemos vendo vende venden venta'), weight: 0.8, re: /(?<!\b(?:can|could|should|would|do|did|to|where|will|may|might|if)\s)\b(?:i|we)(?: also| now)? (?:sell|are selling|'m selling|am selling|'re selling|make and sell)\b|\bwe (?:buy|are buying|'re buying)\b|\bselling (?:my|our|a|some|fresh|homemade|copies)\b|\b(?:want|wanna|looking) to buy my\b|\bbuy (?:my|our) [a-z]+\b|\b(?:and|to) sell (?:them|it|those|these)\b|\bbuys? and sells?\b|\bfor sale\b|\b(?:vendemos|vendo|se vende[n]?|a la venta)\b/gi, why: 'offers goods or services for sale' },
  { rule: 'commercial.promo-code', keys: keys('code off'), weight: 0.85, re: /\b(?:use|enter|with) (?:promo |discount |coupon )?code\s+[a-z0-9]{3,}\b|\b(?:promo|discount|coupon) code\b|\b\d{1,2}\s?% off\b/gi, why: 'promo code or discount' },
  { rule: 'commercial.opening', keys: keys('opening open hiring management'), weight: 0.6, re: /\bgrand opening\b|\bnow (?:open|hiring) at\b|\bunder new management\b/gi, why: 'announces a business opening' },
  { rule: 'commercial.get-rich', keys: keys('make earn turn work working passive financial boss signals signal bitcoin bitcoins crypto cryptocurrency forex nft nfts'), weight: 0.7, re: /\b(?:make|earn)(?: (?:real|extra|easy|good|serious))? money (?:from|at) home\b|\bmake \$\s?\d[\d,.]*k?\s*(?:a|per|\/|every)\s*(?:week|day|month|hour)\b|\bturn \$\s?\d[\d,.]*k?\s+into\s+\$\s?\d|\bwork(?:ing)? from (?:home|your phone|my phone)\b|\bpassive income\b|\bfinancial freedom\b|\bbe your own boss\b|\bsignals? group\b/gi, why: 'money-making solicitation' },
  { rule: 'commercial.crypto', keys: keys('bitcoin bitcoins crypto cryptocurrency forex nft nfts'), weight: 0.3, re: /\b(?:bitcoin|crypto(?:currency)?|forex|nft)s?\b/gi, why: 'crypto or trading talk' },
  { rule: 'commercial.recruit', keys: keys('want earn make paid'), weight: 0.45, re: /\bwant (?:a|an|to make|to earn|extra|more) (?:better |easy |real )?(?:summer |side |part-time )?(?:job|gig|money|cash|income)\b|\b(?:earn|make) (?:extra|easy|fast|quick) (?:money|cash|income)\b|\bget paid (?:to|for) (?:sit|stay|work|chat|post|shop|test)\b|\bearn \$\s?\d[\d,.]*k?\s*(?:a|per|\/)\s*(?:week|day|month|hour)\b/gi, why: 'recruits readers for paid work' },
  { rule: 'commercial.cash-offer', keys: keys('buy cash condition close'), weight: 0.6, re: /\bwe buy (?:houses|homes|cars|gold)\b|\bcash for (?:houses|homes|cars|gold|junk)\b|\bin any condition\b|\bclose in \d+ days\b/gi, why: 'cash purchase offer' },
  { rule: 'commercial.free-offer', keys: keys('free'), weight: 0.5, re: /\bfree (?:in-home|estimates?|quotes?|consultations?|trials?|inspections?|delivery|shipping|samples?|(?:water|home|air) tests?)\b|\bfirst [a-z]+ (?:is )?free\b|\bfree when you\b/gi, why: 'free offer to draw customers' },
  { rule: 'commercial.urgency', keys: keys('only limited supplies book order call miss act shop booking taking accepting'), weight: 0.45, re: /\b(?:this (?:week|month|weekend) only|limited time|while supplies last|book (?:now|today)|order (?:now|today|ahead|online)|call (?:now|today)|don'?t miss out|act now|shop now|booking now|now booking|taking (?:orders|appointments|bookings|clients|new clients)|accepting new (?:clients|customers|patients|students))\b/gi, why: 'sales urgency' },
  { rule: 'commercial.contact-me', keys: keys('dm pm inbox message text call whatsapp email mail contact hit pedidos'), weight: 0.35, re: /\b(?:dm|pm|inbox|message|text|call|whatsapp|email|e-mail|contact) (?:me|us)\b|\bhit (?:me|us) up\b|\bpedidos\b/gi, why: 'asks readers to contact the seller' },
  { rule: 'commercial.contact-for', keys: keys('dm pm inbox message text call email mail contact'), weight: 0.45, re: /\b(?:dm|pm|message|text|call|contact|email) (?:me|us) (?:for (?:rates|prices?|pricing|info|details|a quote|quotes|estimates?|availability|orders?|bookings?|appointments?|openings|a menu|menu|specials|delivery)|to (?:book|order|schedule|reserve)|today)\b|\bcall or text\b|\b(?:dm|message) (?:me|us) (?:info|details|prices?)\b|\b(?:dm|pm|message|call|text|email|contact)(?: (?:me|us))? for (?:rates|prices|pricing|info|details|a quote|quotes|estimates?|availability)\b/gi, why: 'asks readers to contact the seller to buy' },
  { rule: 'commercial.price', keys: keys('$ docena precio'), weight: 0.3, re: /\$\s?\d[\d,.]*k?\s*(?:(?:a|an|per|each|ea\.?)\s+|\/\s*)[a-z]+\b|\$\s?\d[\d,]*(?:\.\d\d)?\s*(?:a|per|\/|each|ea\.?|for)\s*(?:visit|hour|hr|half[- ]hour|session|lesson|class|dozen|week|month|yard|load|stick|bag|plate|person|one|pair|box|bundle|cut|wash)\b|\$\s?\d[\d,]*(?:\.\d\d)?\s+each\b|\$\s?\d[\d,]*(?:\.\d\d)?\s*(?:all day|per day|a day|per car|\/day|per night)\b|\$\s?\d[\d,]*(?:\.\d\d)?\s*(?:a|per|\/)\s*(?:jar|dozen|loaf|pie|pound|lb|bundle|cord|load|plate|bottle|bag|box)\b|\b(?:docena|precio) (?:por|de) \$?\s?\d+/gi, why: 'quotes a price' },
  { rule: 'commercial.pitch', keys: keys('serving licensed insured years certified available cheaper best low cash questions reasonable obo fair great affordable competitive removal hauling same cheap service services'), weight: 0.35, re: /\b(?:serving (?:all of|the [a-z]+ area|[a-z]+ (?:county|valley))|licensed (?:and|&) insured|fully insured|(?:fair|great|affordable|competitive) (?:prices?|rates)|\d+\+? years(?: of)? experience|certified instructor|(?:lessons|services?|openings|appointments|spots|slots|puppies|kittens|rooms|tutoring|delivery|catering) (?:are |is )?(?:still |now )?available|\b(?:removal|cleaning|repair|installation|lawn|landscaping|snow|roofing|painting|moving|towing|hauling|junk|tree) service(?:s)?!|\b(?:junk|trash|tree|brush|snow|leaf|debris) (?:removal|hauling)\b|\bsame[- ]day(?: service| delivery| pickup| removal)?!|\bcheap (?:rates|prices)\b|\bobo\b|cheaper than|best prices?|low prices?|cash only|no questions asked|no questions|reasonable rates)\b/gi, why: 'sales pitch' },
  { rule: 'commercial.payment', keys: keys('cash venmo paypal cashapp app zelle cards take'), weight: 0.4, re: /\b(?:cash or (?:venmo|card|check|paypal|zelle)|venmo|paypal|cash ?app|zelle|we take cards|cards accepted)\b/gi, why: 'tells readers how to pay' },
  { rule: 'commercial.service-offer', keys: keys('give offer do provide teach'), weight: 0.5, re: /\bi (?:give|offer|do|provide|teach) (?:[a-z]+ ){0,2}(?:massages?|lessons?|haircuts?|tutoring|cleaning|repairs?|readings?|photography|sessions?|manicures?|nails|lashes|tattoos?|detailing)\b/gi, why: 'offers paid services' },
  { rule: 'commercial.show-for', keys: keys('show mention follow order'), weight: 0.6, re: /\bshow (?:this post|your [a-z ]{1,25}|this|the post) (?:for|to get) (?:a |an )?(?:free|\d+% off|discount)\b|\bmention this (?:post|ad) for\b|\bfollow (?:my|our|us on) (?:instagram|insta|ig|page|shop|etsy|facebook|tiktok)\b|\border (?:your|yours|one|some) [a-z ]{0,25}(?:now|today|before|by)\b/gi, why: 'drives readers to a business' },
  { rule: 'commercial.wares', keys: keys('handmade homemade handcrafted booth table stall baked'), weight: 0.3, re: /\b(?:handmade|homemade|hand-?crafted|fresh[- ]baked)\b|\b(?:booth|table|stall) #?\d+\b/gi, why: 'describes goods on offer' },
  { rule: 'commercial.shop', keys: keys('bring stop visit come our store check park shop'), weight: 0.5, re: /\b(?:bring it (?:by|to) our|stop by our|visit (?:our|us at)|come see us at|come (?:find|see|visit) (?:us|me) at|\b(?:park|shop|stop|come) (?:at|by) (?:my|our) (?:lot|garage|shop|store|booth|stand|studio|truck)\b|our (?:shop|store|showroom|salon|studio|truck)|store credit|check out (?:my|our) (?:shop|store|page|site|website|etsy))\b/gi, why: 'invites readers to a business' },
];

const PHONE_CUE = /\b(?:call|text|whatsapp|ring|dial|contact|llam[ae]|pedidos?)\b/i;

export const commercialDetector: Detector = (ctx) => {
  const hits: Hit[] = runRules(ctx, 'commercial', COMMERCIAL_RULES);
  const selling = hits.length > 0;
  for (const p of ctx.phones()) {
    const before = ctx.lower.slice(Math.max(0, p.start - 40), p.start);
    if (!PHONE_CUE.test(before) || has(ctx.compiled.publicPlaces, before) || /\b(?:his|her|their) (?:cell|number|phone)\b|\bcall (?:him|her)\b/.test(before)) continue;
    hits.push(hit('commercial', 'commercial.phone', 0.45, p, `phone number to call for business: "${p.text}"`));
  }
  for (const l of ctx.links()) {
    if (l.trusted || l.kind === 'email') continue;
    const before = ctx.lower.slice(Math.max(0, l.start - 30), l.start);
    if (/\b(?:order|shop|buy|book|sign up|join|register|visit|check out)\b/.test(before) || selling) {
      hits.push(hit('commercial', 'commercial.link', 0.45, l, `link to a commercial site: ${l.domain}`));
    }
  }
  return hits;
};
