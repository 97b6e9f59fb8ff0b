/**
 * CIV-6i content that violates someone's copyright: whole paywalled articles pasted in, pirated
 * films, books and study guides, photos lifted from a paid gallery. Linking to an article or
 * quoting a line of it is fair and stays.
 */
import { hit, type Detector, type Hit } from '../context';
import { findAll } from '../text-utils';
import { keys, runRules, type Rule } from '../rules';

export const COPYRIGHT_RULES: Rule[] = [
  { rule: 'copyright.paywall', keys: keys('paywall paywalled subscriber subscribers makes make since without premium'), weight: 0.45, re: /\bpaywall(?:ed)?\b|\bsubscriber[- ]only\b|\bsubscribers only\b|\bmakes? you (?:log ?in|sign in|subscribe|pay)\b|\bsince (?:nobody|no one) (?:wants|is going) to pay\b|\bwithout (?:a )?subscription\b|\bpremium (?:article|content)\b/gi, why: 'refers to paywalled content' },
  { rule: 'copyright.full-copy', keys: keys('here full whole entire pasted rest copied pasting'), weight: 0.45, re: /\bhere'?s the (?:whole|entire|full) (?:thing|article|story|column|report)\b|\bfull text of\b|\bfull (?:pdf|copy|scan|text) of\b|\b(?:whole|entire|full) (?:[A-Za-z'’]+ ){0,4}?(?:article|story|column|report|op-ed|editorial|broadcast|episode)\b|\bpasting (?:the|it|their|this)\b|\bfull [A-Z][A-Za-z' ]{2,30} (?:show|movie|concert|album|season|game)\b|\bpasted (?:below|here|in full)\b|\brest of the (?:column|article|story) (?:pasted|copied)\b|\bcopied (?:it|the whole|the entire)\b/gi, why: 'reposts a whole work' },
  { rule: 'copyright.notice', keys: keys('© c rights reproduction copyright'), weight: 0.7, re: /©|\(c\)\s*\d{4}|\ball rights reserved\b|\breproduction without permission\b|\bcopyright \d{4}\b/gi, why: 'pastes text carrying a rights notice' },
  { rule: 'copyright.piracy', keys: keys('dropbox mega link pay view stream twitch kick knockoff knockoffs knock counterfeit fake bootleg recorded photocopied selling without stolen lifted plex server login logins logo watermark channel drive ripped bootleg bootlegged pirated torrent torrented torrents cam camrip full free whole entire uploaded scanned pdf pdfs epub epubs copies scans files mp3s mp4s watch cropped cut removed edited screenshotted usb flash thumb sticks stick dvds dvd hard new cracked keygen serial posted put download downloads'), weight: 0.8, re: /\b(?:ripped|bootleg(?:ged)?|pirated|torrent(?:ed|s)?|cam ?rip)\b|\bfull movie (?:free|online)\b|\bfree in hd\b|\b(?:whole|full|entire) (?:movie|film|series|book|season|album)(?:'s| is)? (?:already )?(?:up|online|out|uploaded)\b|\buploaded (?:pdfs?|copies|scans|epubs?) of\b|\bscanned (?:the |a |my )?(?:whole|entire|all|every)\b|\b(?:dropbox|google drive|mega|drive) link\b|\bpay[- ]per[- ]view\b[^.!?]{0,40}\bfree\b|\bfree\b[^.!?]{0,40}\bpay[- ]per[- ]view\b|\bon my (?:stream|twitch|kick)\b|\b(?:knock-?offs?|counterfeit|fake|bootleg) (?:[A-Z][a-z]+ )?(?:shirts|bags|purses|jerseys|watches|merch|shoes|sneakers|designer|hoodies)\b|\brecorded the (?:whole|entire|full) (?:concert|show|movie|game|fight|set)\b|\b(?:pdfs?|epubs?|copies|scans|files|mp3s|mp4s) of (?:the (?:entire|whole|complete)|all(?: the)?|every)\b|\bfree downloads?\b|\bwatch (?:the )?(?:[a-z-]+ ){0,4}?(?:movie|film|show|episode|game|fight|concert)s? (?:for )?free\b|\b(?:cropped|cut|removed|edited) (?:off|out)? ?(?:her|his|the|their) watermark\b|\bscreenshotted [^.!?]{0,50}(?:paid|gallery|subscriber)\b|\b(?:usb|flash drives?|thumb drives?|sticks?|dvds?|hard drives?) (?:loaded with|full of) [^.!?]{0,30}(?:movies|films|songs|shows|albums|books)\b|\bnew release movies\b|\bcracked (?:copy|version)\b|\bphotocopied (?:the |a |an )?(?:whole|entire|full|complete)\b|\bselling (?:copies|bootlegs|dvds of|burned)\b|\b(?:is|are|it'?s) (?:all )?on my (?:plex|server|google drive|drive|dropbox|channel|usb|hard drive)\b|\b(?:free|shared|my) (?:plex |netflix |disney\+? |streaming )?logins?\b|\b(?:edited|cropped|cut|took) out (?:the|their|her|his) (?:city )?(?:logo|credit|credits|watermark|byline)\b|\badded my (?:own )?watermark\b|\bwithout (?:the|her|his|their) watermark\b|\bwatermark (?:removed|cropped)\b|\b(?:photos?|pictures?|pics|images?|videos?) (?:stolen|lifted|ripped) from\b|\bkeygen\b|\bserial keys?\b|\b(?:uploaded|posted|put) (?:it |them |the whole thing )?(?:to|on) (?:my )?(?:google drive|drive|dropbox|mega|youtube channel)\b/gi, why: 'shares or sells a pirated copy' },
  { rule: 'copyright.free-copy', keys: keys('send free pdf pdfs'), weight: 0.4, re: /\bsend (?:you )?the (?:pdf|file|copy|scan) (?:free|for free)\b|\bfree pdfs?\b|\bi'?ll send (?:you )?(?:the|a) (?:pdf|copy|scan)\b/gi, why: 'offers a free copy of a paid work' },
];

/** A pasted passage this long inside quotes is more than a fair-use quotation. */
const LONG_QUOTE = /["“][^"”]{280,}["”]?/g;

export const copyrightDetector: Detector = (ctx) => {
  const hits: Hit[] = runRules(ctx, 'copyright', COPYRIGHT_RULES, 2);
  for (const m of ctx.text.length >= 280 ? findAll(LONG_QUOTE, ctx.text, 1) : []) {
    hits.push(hit('copyright', 'copyright.long-quote', 0.35, { start: m.start, end: Math.min(m.end, m.start + 80) }, `pastes a ${m.text.length}-character passage`));
  }
  for (const l of ctx.links()) {
    if (l.piracy) hits.push(hit('copyright', 'copyright.piracy-link', 0.8, l, `link to a piracy site: ${l.domain}`));
  }
  return hits;
};
