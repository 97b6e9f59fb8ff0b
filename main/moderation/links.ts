/**
 * Links and domains. linkifyjs finds URLs and e-mail addresses the way a reader's client would
 * link them; a second, looser pass catches bare domains under TLDs linkify does not know
 * (spam often uses fresh or reserved TLDs). tldts then splits each host into its registrable
 * domain so the policy's sexual, piracy and trusted lists can be checked against it.
 */
import * as linkify from 'linkifyjs';
import { parse } from 'tldts';
import type { CompiledPolicy } from './compiled-policy';

export interface LinkInfo {
  start: number;
  end: number;
  text: string;
  kind: 'url' | 'email';
  hostname: string;
  /** Registrable domain, e.g. "example.com" for "www.shop.example.com". */
  domain: string;
  path: string;
  trusted: boolean;
  sexual: boolean;
  piracy: boolean;
}

/** TLDs reserved for documentation and testing; tldts reports them as non-ICANN suffixes. */
const RESERVED_TLDS = new Set(['example', 'test', 'invalid', 'localhost', 'onion']);
const BARE_DOMAIN = /(?<![\w@.-])(?:https?:\/\/)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,24}(?:\/[^\s<>"')\]]*)?/gi;
const MAY_HAVE_LINK = /[a-z0-9]\.[a-z]{2}|https?:|www\./i;

export function findLinks(text: string, compiled: CompiledPolicy): LinkInfo[] {
  if (!MAY_HAVE_LINK.test(text)) return [];
  const out: LinkInfo[] = [];
  const taken: Array<[number, number]> = [];
  for (const found of linkify.find(text)) {
    if (found.type !== 'url' && found.type !== 'email') continue;
    const info = describe(found.value, found.start, found.end, found.type === 'email' ? 'email' : 'url', compiled);
    if (info !== null) {
      out.push(info);
      taken.push([found.start, found.end]);
    }
  }
  BARE_DOMAIN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = BARE_DOMAIN.exec(text)) !== null) {
    const start = m.index;
    const end = start + m[0].length;
    if (taken.some(([s, e]) => start < e && s < end)) continue;
    const info = describe(m[0], start, end, 'url', compiled);
    if (info !== null && (info.hostname.includes('-') || /\//.test(m[0]) || RESERVED_TLDS.has(info.domain.split('.').pop() ?? ''))) {
      out.push(info);
    }
    if (out.length > 50) break;
  }
  return out;
}

function describe(value: string, start: number, end: number, kind: 'url' | 'email', compiled: CompiledPolicy): LinkInfo | null {
  const withoutScheme = value.replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const hostPart = kind === 'email' ? (withoutScheme.split('@')[1] ?? '') : (withoutScheme.split(/[/?#]/)[0] ?? '');
  const parsed = parse(hostPart.toLowerCase());
  if (parsed.domain === null || parsed.publicSuffix === null) return null;
  if (!parsed.isIcann && !RESERVED_TLDS.has(parsed.publicSuffix)) return null;
  const domain = parsed.domain;
  const path = kind === 'email' ? '' : withoutScheme.slice(hostPart.length);
  const haystack = `${parsed.hostname ?? domain}${path}`.toLowerCase();
  const suffix = parsed.publicSuffix;
  return {
    start,
    end,
    text: value,
    kind,
    hostname: parsed.hostname ?? domain,
    domain,
    path,
    trusted: compiled.trustedDomains.has(domain) || suffix === 'gov' || suffix.endsWith('.gov') || suffix === 'mil' || suffix === 'edu',
    sexual: compiled.sexualDomainWords.some((w) => haystack.includes(w)),
    piracy: compiled.piracyDomainWords.some((w) => haystack.includes(w)),
  };
}
