import { readMeta } from '../workspace/meta';
import type { Db } from '../db/connection';
import {
  emptyAdjustments, KALISPELL_POLICY, learnFromDecisions, parseAdjustments, parsePolicy,
  type Decision, type LearnedAdjustments, type Label, type ModerationPolicy,
} from '../moderation';
import { audit, isoNow, requireCapability, type DomainContext } from '../registry/context';
import { AppError } from '../shared/errors';
import { inTransaction } from '../db/connection';

/**
 * The policy the screener applies is workspace data with a version (CIV-7). The newest row is in
 * force; older ones stay, so every recorded decision can be read against the text it applied.
 */
export function activePolicy(db: Db): ModerationPolicy {
  const row = db.prepare('SELECT policy FROM moderation_policies ORDER BY created_at DESC, rowid DESC LIMIT 1').get() as { policy: string } | undefined;
  if (row) return parsePolicy(JSON.parse(row.policy));
  // The seed is in force from the workspace's creation.
  const created = readMeta(db, 'created_at') ?? new Date().toISOString();
  db.prepare('INSERT OR IGNORE INTO moderation_policies (version, policy, created_at, note) VALUES (?, ?, ?, ?)')
    .run(KALISPELL_POLICY.version, JSON.stringify(KALISPELL_POLICY), created, 'Seed: Kalispell Resolution 5716');
  return KALISPELL_POLICY;
}

export function policyHistory(db: Db): { version: string; createdAt: string; note: string }[] {
  return db.prepare('SELECT version, created_at AS createdAt, note FROM moderation_policies ORDER BY created_at DESC, rowid DESC').all() as
    { version: string; createdAt: string; note: string }[];
}

/** Amending the policy: a new version, never an edit of the old one. */
export function amendPolicy(ctx: DomainContext, policyJson: unknown, note: string): ModerationPolicy {
  const actor = requireCapability(ctx, 'comment.moderate', 'amend the moderation policy');
  let policy: ModerationPolicy;
  try {
    policy = parsePolicy(policyJson);
  } catch (err) {
    throw new AppError('invalid_input', err instanceof Error ? err.message : String(err));
  }
  return inTransaction(ctx.db, () => {
    const current = activePolicy(ctx.db);
    if (ctx.db.prepare('SELECT 1 FROM moderation_policies WHERE version = ?').get(policy.version)) {
      throw new AppError('conflict', `Policy version "${policy.version}" already exists; give the amendment a new version.`);
    }
    ctx.db.prepare('INSERT INTO moderation_policies (version, policy, created_at, created_by, note) VALUES (?, ?, ?, ?, ?)')
      .run(policy.version, JSON.stringify(policy), isoNow(ctx), actor.personId, note.trim());
    audit(ctx, 'policy.amend', 'moderation_policy', policy.version, { version: current.version }, { version: policy.version, note: note.trim() });
    return policy;
  });
}

export function learnedAdjustments(db: Db): LearnedAdjustments {
  const row = db.prepare('SELECT adjustments FROM moderation_learning WHERE id = 1').get() as { adjustments: string } | undefined;
  return row ? parseAdjustments(JSON.parse(row.adjustments)) : emptyAdjustments();
}

interface DecisionRow { id: number; text: string; post_text: string; verdict: string; labels: string; evidence: string; confidence: number; policy_version: string; final: string; final_labels: string }

/**
 * Relearns from every comment the city has decided on: the screener's verdict beside what the
 * CM did. Kept in the workspace, explainable, and resettable to the seed rules.
 */
export function relearn(ctx: DomainContext): LearnedAdjustments {
  requireCapability(ctx, 'comment.moderate', 'teach the screener');
  const rows = ctx.db.prepare(`
    SELECT c.id, c.text, c.post_text, c.verdict, c.labels, c.evidence, c.confidence, c.policy_version,
           a.action AS final, a.labels AS final_labels
      FROM inbox_comments c
      JOIN moderation_actions a ON a.id = (SELECT max(id) FROM moderation_actions WHERE inbox_id = c.id AND action IN ('allow', 'hide', 'delete', 'reply'))
  `).all() as DecisionRow[];
  const decisions: Decision[] = rows.map((r) => {
    const finalLabels = JSON.parse(r.final_labels) as Label[];
    const action = r.final === 'allow' ? 'allow' : r.final === 'reply' ? 'redirect' : 'remove';
    return {
      id: String(r.id), text: r.text, post: r.post_text,
      screened: { id: String(r.id), action: r.verdict as Decision['screened']['action'], labels: JSON.parse(r.labels) as Label[], suspected: [],
        evidence: JSON.parse(r.evidence) as Decision['screened']['evidence'], reason: '', confidence: r.confidence, policyVersion: r.policy_version, clauses: {}, scores: {} },
      final: { action: action === 'redirect' && finalLabels.some((l) => l !== 'service_complaint') ? 'remove' : action, labels: action === 'allow' ? [] : finalLabels },
    };
  });
  const learned = learnFromDecisions(decisions);
  ctx.db.prepare('INSERT INTO moderation_learning (id, adjustments, updated_at) VALUES (1, ?, ?) ON CONFLICT(id) DO UPDATE SET adjustments = excluded.adjustments, updated_at = excluded.updated_at')
    .run(JSON.stringify(learned), isoNow(ctx));
  audit(ctx, 'screener.learn', 'moderation_learning', 1, null, { decisions: learned.decisions });
  return learned;
}

export function resetLearning(ctx: DomainContext): void {
  requireCapability(ctx, 'comment.moderate', 'reset what the screener learned');
  const before = learnedAdjustments(ctx.db);
  ctx.db.prepare('DELETE FROM moderation_learning').run();
  audit(ctx, 'screener.reset', 'moderation_learning', 1, { decisions: before.decisions }, null);
}
