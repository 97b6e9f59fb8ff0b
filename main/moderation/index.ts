/** Public API of the moderation screener (pure Node: no database, no Electron). */
export { screen, combine } from './screen';
export { learnFromDecisions, explainAdjustments, emptyAdjustments, parseAdjustments, learnedAdjustmentsSchema } from './learn';
export type { LearnedAdjustments, LearnedTerm, RuleAdjustment } from './learn';
export { parsePolicy, moderationPolicySchema, PolicyError } from './policy';
export type { ModerationPolicy, DepartmentContact } from './policy';
export { KALISPELL_POLICY } from './seed-policy';
export { runScreen } from './screen-cli';
export type { ScreenRunResult } from './screen-cli';
export { scoreCorpus, loadCorpus, formatReport, TARGETS } from './evaluate';
export type { EvalReport, CorpusRow, LabelScore } from './evaluate';
export { LABELS, ACTIONS } from './types';
export type { Label, Action, CommentInput, Evidence, Verdict, Decision, Referral, Platform } from './types';
