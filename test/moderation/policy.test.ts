import { describe, expect, it } from 'vitest';
import { parsePolicy, PolicyError, type ModerationPolicy } from '../../main/moderation/policy';
import { screen } from '../../main/moderation/screen';
import { KALISPELL_POLICY } from '../../main/moderation/seed-policy';
import { LABELS, type CommentInput } from '../../main/moderation/types';

const COMMENT: CommentInput = { id: 'p1', post: 'The pool opens Saturday.', text: 'Private swim lessons, $40 per half hour, message me for openings!' };

function clone(p: ModerationPolicy): ModerationPolicy {
  return JSON.parse(JSON.stringify(p)) as ModerationPolicy;
}

describe('policy as versioned data', () => {
  it('[CIV-7] every verdict records the policy version it applied', () => {
    expect(screen(COMMENT).policyVersion).toBe(KALISPELL_POLICY.version);
    const amended = { ...clone(KALISPELL_POLICY), version: 'kalispell-r5716-2025-01-06.2' };
    const v = screen(COMMENT, amended);
    expect(v.policyVersion).toBe('kalispell-r5716-2025-01-06.2');
    expect(v.reason).toContain('kalispell-r5716-2025-01-06.2');
  });

  it('[CIV-7] an amended threshold changes the outcome without code changes', () => {
    const strict = clone(KALISPELL_POLICY);
    strict.thresholds.flag = 0.99;
    strict.thresholds.review = 0.99;
    const v = screen(COMMENT, strict);
    expect(screen(COMMENT).action).toBe('remove');
    expect(v.action).toBe('allow');
  });

  it('[CIV-7] the seed carries every clause of the Kalispell policy with its letter', () => {
    expect(Object.keys(KALISPELL_POLICY.clauses).sort()).toEqual([...LABELS].sort());
    expect(KALISPELL_POLICY.clauses.campaign.clause).toBe('6a');
    expect(KALISPELL_POLICY.clauses.safety_security.clause).toBe('6j');
    expect(KALISPELL_POLICY.clauses.personal_attack.text).toBe('Personal attacks of any kind;');
    expect(KALISPELL_POLICY.clauses.service_complaint.text).toContain('contact the department directly');
    expect(parsePolicy(JSON.stringify(KALISPELL_POLICY))).toEqual(KALISPELL_POLICY);
  });

  it('[CIV-7] parsePolicy rejects a bad policy with a clear error naming the field', () => {
    const bad = clone(KALISPELL_POLICY) as unknown as Record<string, unknown>;
    (bad.thresholds as Record<string, unknown>).flag = 3;
    delete (bad.clauses as Record<string, unknown>).privacy;
    expect(() => parsePolicy(bad)).toThrow(PolicyError);
    expect(() => parsePolicy(bad)).toThrow(/thresholds\.flag/);
    expect(() => parsePolicy(bad)).toThrow(/clauses\.privacy/);
    expect(() => parsePolicy('{not json')).toThrow(/not JSON/);
    const noContact = clone(KALISPELL_POLICY);
    noContact.departments = [{ id: 'x', name: 'X', keywords: ['x'] }];
    expect(() => parsePolicy(noContact)).toThrow(/phone, an email or a url/);
    const dup = clone(KALISPELL_POLICY);
    dup.departments = [...dup.departments, dup.departments[0]!];
    expect(() => parsePolicy(dup)).toThrow(/duplicate id/);
  });

  it('[CIV-2] department contacts are data: a new department gets the referrals', () => {
    const p = clone(KALISPELL_POLICY);
    p.departments.unshift({ id: 'forestry', name: 'Urban Forestry', phone: '(406) 555-0100', keywords: ['tree', 'branch', 'stump'] });
    const v = screen({ id: 'f', post: 'Leaf pickup starts Monday.', text: 'A huge branch from the boulevard tree has been hanging over our sidewalk for two weeks. Who do I call?' }, p);
    expect(v.action).toBe('redirect');
    expect(v.referral).toEqual({ departmentId: 'forestry', department: 'Urban Forestry', contact: '(406) 555-0100' });
  });

  it('[CIV-7] word lists are data: an added profanity is flagged, a removed one is not', () => {
    const p = clone(KALISPELL_POLICY);
    p.lexicon.extraProfanity.push('frak');
    const v = screen({ id: 'w', post: 'Road closed.', text: 'What a frakking mess.' }, p);
    expect(v.labels).toContain('profane_threat_harass');
    expect(screen({ id: 'w', post: 'Road closed.', text: 'What a frakking mess.' }).labels).not.toContain('profane_threat_harass');
  });
});
