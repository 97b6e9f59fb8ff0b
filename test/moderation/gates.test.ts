import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compilePolicy } from '../../main/moderation/compiled-policy';
import { CAMPAIGN_RULES } from '../../main/moderation/detectors/campaign';
import { COMMERCIAL_RULES } from '../../main/moderation/detectors/commercial';
import { COPYRIGHT_RULES } from '../../main/moderation/detectors/copyright';
import { OFF_TOPIC_GATED } from '../../main/moderation/detectors/off-topic';
import { RIDICULE_RULES } from '../../main/moderation/detectors/personal-attack';
import { SAFETY_GATED } from '../../main/moderation/detectors/safety';
import { SEXUAL_RULES } from '../../main/moderation/detectors/sexual';
import { THREAT_RULES } from '../../main/moderation/detectors/threats';
import { keysPresent, type Keys } from '../../main/moderation/rules';
import { KALISPELL_POLICY } from '../../main/moderation/seed-policy';
import { MORE_EXAMPLES } from './fixtures/more-examples';
import { OWN_EXAMPLES } from './fixtures/own-examples';

const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../../shared/corpus/moderation-dev.jsonl');
const TEXTS = [
  ...[...OWN_EXAMPLES, ...MORE_EXAMPLES].map((e) => e.text),
  ...(existsSync(CORPUS) ? readFileSync(CORPUS, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => (JSON.parse(l) as { text: string }).text) : []),
];

function tokensOf(lower: string): Set<string> {
  return new Set(lower.match(/[\p{L}\p{N}]+/gu) ?? []);
}

describe('speed gates never hide a match', () => {
  it('[CIV-6] rule key words are present whenever a rule matches a labelled comment', () => {
    const gated: Array<{ name: string; re: RegExp; keys?: Keys }> = [
      ...[...CAMPAIGN_RULES, ...COMMERCIAL_RULES, ...COPYRIGHT_RULES, ...RIDICULE_RULES, ...SEXUAL_RULES, ...THREAT_RULES].map((r) => ({ name: r.rule, re: r.re, keys: r.keys })),
      ...[...SAFETY_GATED, ...OFF_TOPIC_GATED].map((g, i) => ({ name: `gated-${i}`, re: g.re, keys: g.keys })),
    ];
    const misses: string[] = [];
    for (const text of TEXTS) {
      const lower = text.toLowerCase();
      const ctx = { lower, tokens: () => tokensOf(lower) };
      for (const g of gated) {
        g.re.lastIndex = 0;
        const matched = g.re.test(text);
        g.re.lastIndex = 0;
        if (matched && !keysPresent(ctx, g.keys)) misses.push(`${g.name}: ${text}`);
      }
    }
    expect(misses).toEqual([]);
  });

  it('[CIV-6] the profanity gate says "maybe" whenever obscenity matches (6c)', () => {
    const compiled = compilePolicy(KALISPELL_POLICY);
    for (const text of TEXTS) if (compiled.profanity.hasMatch(text)) expect(compiled.profanityGate(text), text).toBe(true);
    const alphabet = [...'fuckshitas$@!1|03bitch nigger cunt dick ssseeooo ｆυс𝐤🍆’-_*'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 30 }), (chars) => {
        const s = chars.join('');
        return !compiled.profanity.hasMatch(s) || compiled.profanityGate(s);
      }),
      { numRuns: 5_000 },
    );
  });
});
