import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { repairMojibake } from '../../main/imports/mojibake';
import { dec, readFixture } from './helpers';

/** What Facebook's exporter does: one Latin-1 character per UTF-8 byte. */
function mojibakeOf(text: string): string {
  return String.fromCharCode(...new TextEncoder().encode(text));
}

function stringsIn(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value);
  else if (Array.isArray(value)) value.forEach((v) => stringsIn(v, out));
  else if (value && typeof value === 'object') Object.values(value).forEach((v) => stringsIn(v, out));
  return out;
}

async function fixtureStrings(...path: string[]): Promise<string[]> {
  return stringsIn(JSON.parse(dec(await readFixture(...path))));
}

describe('repairMojibake', () => {
  it('repairs real Facebook export samples (Slovak, Danish, emoji)', async () => {
    const slovak = (await fixtureStrings('fb-dyi-kis81-dataday3', 'your_posts_1.json')).map(repairMojibake);
    expect(slovak).toContain('Alojz si vyžiadal jeden citát');
    const danish = (await fixtureStrings('fb-dyi-waultar', 'posts', 'your_posts_1.json')).map(repairMojibake);
    expect(danish).toContain('Mobiloverførsler');
    const comments = (await fixtureStrings('fb-dyi-waultar', 'comments_and_reactions', 'comments_and_reactions.json')).map(repairMojibake);
    expect(comments).toContain('TØS\n');
    const english = (await fixtureStrings('fb-dyi-hunterhillis', 'your_posts_1.json')).map(repairMojibake);
    expect(english).toContain('Finally the premier league is back in action! ❤️');
    expect(english.some((s) => s.includes('So psyched for the personal narrative now 👊🏼💯'))).toBe(true);
  });

  it('leaves no mojibake behind in the real samples', async () => {
    for (const path of [['fb-dyi-kis81-dataday3', 'your_posts_1.json'], ['fb-dyi-hunterhillis', 'your_posts_1.json'], ['fb-dyi-waultar', 'posts', 'your_posts_1.json']]) {
      for (const s of (await fixtureStrings(...path)).map(repairMojibake)) expect(s, s).not.toMatch(/[ÃÅâð][\u0080-\u00bf]/);
    }
  });

  it('undoes the exporter for any text: emoji, accents, CJK, flags', () => {
    for (const text of ['café', 'naïve façade', 'Žilina – Košice', '👍🏽 done', '🇺🇸 July 4th', '東京', 'e\u0301']) {
      expect(repairMojibake(mojibakeOf(text))).toBe(text);
    }
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(repairMojibake(mojibakeOf(text))).toBe(text);
      }),
    );
  });

  it('leaves genuine Latin-1 text alone when it is not valid UTF-8 bytes', () => {
    for (const text of ['café', 'Ærø', 'São Paulo', '£5 ½ price', 'Ã ', 'ÿ', 'Øresund ÆØÅ', '\u00e9t\u00e9']) {
      expect(repairMojibake(text)).toBe(text);
    }
  });

  it('leaves already-correct Unicode and plain ASCII alone', () => {
    for (const text of ['plain ascii', '', 'Grüße 👋', 'vyžiadal', 'Ã© but also €']) expect(repairMojibake(text)).toBe(text);
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        // Text containing a character above U+00FF cannot be mojibake and must come back unchanged.
        fc.pre([...text].some((c) => (c.codePointAt(0) ?? 0) > 0xff));
        expect(repairMojibake(text)).toBe(text);
      }),
    );
  });
});
