import { describe, expect, it } from 'vitest';
import { emptyAdjustments, explainAdjustments, learnFromDecisions, parseAdjustments } from '../../main/moderation/learn';
import { screen } from '../../main/moderation/screen';
import type { Decision, Label } from '../../main/moderation/types';

const POST = 'The farmers market opens Saturday in Depot Park.';

function decide(id: string, text: string, final: Label[]): Decision {
  const screened = screen({ id, post: POST, text });
  const action = final.some((l) => l !== 'service_complaint') ? 'remove' : final.length > 0 ? 'redirect' : 'allow';
  return { id, text, post: POST, screened, final: { action, labels: final } };
}

describe('learning from the city\'s decisions', () => {
  it('[CIV-6] learns a term the city keeps labelling, with the decisions that taught it (6b)', () => {
    const probe = { id: 'new', post: POST, text: 'Glorpcoin is the future, get in early' };
    expect(screen(probe).labels).not.toContain('commercial');
    const learned = learnFromDecisions([
      decide('d1', 'glorpcoin to the moon, everyone should buy', ['commercial']),
      decide('d2', 'buy glorpcoin before Friday', ['commercial']),
      decide('d3', 'see everyone at the market Saturday', []),
    ]);
    const term = learned.terms.find((t) => t.term === 'glorpcoin');
    expect(term?.label).toBe('commercial');
    expect(term?.decisionIds).toEqual(['d1', 'd2']);
    const v = screen(probe, undefined, learned);
    expect(v.labels).toContain('commercial');
    expect(v.evidence.some((e) => e.rule === 'learned:commercial:glorpcoin' && e.text.toLowerCase() === 'glorpcoin')).toBe(true);
  });

  it('[CIV-6] a rule the city keeps overruling loses weight, and says so', () => {
    const text = 'Come find us at booth 12, honey $10 a jar, cash or Venmo';
    expect(screen({ id: 'x', post: POST, text }).labels).toContain('commercial');
    const overruled = ['a', 'b', 'c', 'd', 'e', 'f'].map((id) => decide(id, text, []));
    const learned = learnFromDecisions(overruled);
    const shop = learned.rules['commercial.shop'];
    expect(shop?.disagree).toBe(6);
    expect(shop?.factor).toBeLessThan(1);
    expect(screen({ id: 'x', post: POST, text }, undefined, learned).labels).not.toContain('commercial');
    expect(explainAdjustments(learned).some((l) => l.includes('commercial.shop') && l.includes('weakened'))).toBe(true);
  });

  it('[CIV-6] agreement keeps a rule at full strength', () => {
    const text = 'Skate sharpening $5 a pair, text 406-555-0101';
    const learned = learnFromDecisions([decide('k1', text, ['commercial']), decide('k2', text, ['commercial'])]);
    expect(Object.values(learned.rules).every((r) => r.factor >= 1)).toBe(true);
    expect(screen({ id: 'k', post: POST, text }, undefined, learned).labels).toContain('commercial');
  });

  it('[CIV-7] empty adjustments reproduce the seed behaviour exactly (reset)', () => {
    const texts = ['Vote NO on Prop 9!', 'Thanks, see you Saturday!', 'Our trash was skipped again on Elm St. Who do I call?', 'you absolute moron'];
    for (const text of texts) {
      const input = { id: 't', post: POST, text };
      expect(screen(input, undefined, emptyAdjustments())).toEqual(screen(input));
      expect(screen(input, undefined, learnFromDecisions([]))).toEqual(screen(input));
    }
    expect(explainAdjustments(emptyAdjustments())[0]).toMatch(/seed rules/);
  });

  it('[CIV-7] adjustments are plain JSON that round-trips and validates', () => {
    const learned = learnFromDecisions([decide('j1', 'zorbex deals zorbex', ['commercial']), decide('j2', 'zorbex is cheap', ['commercial'])]);
    const restored = parseAdjustments(JSON.stringify(learned));
    expect(restored).toEqual(learned);
    expect(() => parseAdjustments({ version: 2, decisions: 0, rules: {}, terms: [] })).toThrow();
  });

  it('[CIV-6] a term seen as often in allowed comments is not learned', () => {
    const learned = learnFromDecisions([
      decide('m1', 'market vendors glorp stuff', ['commercial']),
      decide('m2', 'market vendors glorp again', ['commercial']),
      decide('m3', 'market vendors were lovely', []),
      decide('m4', 'market vendors sold out early', []),
      decide('m5', 'market vendors and music', []),
    ]);
    expect(learned.terms.some((t) => t.term === 'vendors' || t.term === 'market')).toBe(false);
    expect(learned.terms.some((t) => t.term === 'glorp')).toBe(true);
  });
});
