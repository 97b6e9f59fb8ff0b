import type { Archive } from '../archive/archive';
import type { CredentialStore } from '../credentials/store';
import { inTransaction } from '../db/connection';
import { LABELS, type Label } from '../moderation';
import { PlatformError, type HttpOptions } from '../platforms';
import { audit, isoNow, requireCapability, type DomainContext } from '../registry/context';
import { AppError } from '../shared/errors';
import { checkOutgoingText } from './outgoing-check';
import { commentPlatform } from './platform-access';
import { activePolicy } from './policy-store';
import { getInboxItem } from './queue';
import type { InboxItem, InboxState, ModerationActionKind } from './types';

export interface ActDeps {
  archive: Archive;
  store: CredentialStore;
  http?: HttpOptions;
}

/**
 * The archive and keychain, opened only once an action has passed its checks: opening them
 * creates the archive's signing key on first use, and a refused action must change nothing.
 */
export type ActDepsSource = ActDeps | (() => Promise<ActDeps>);

const resolveDeps = (d: ActDepsSource): Promise<ActDeps> => (typeof d === 'function' ? d() : Promise.resolve(d));

export interface ActInput {
  inboxId: number;
  action: Exclude<ModerationActionKind, 'reopen'>;
  /** The clauses relied on; for hide and delete at least one is required (CIV-6). */
  labels?: Label[];
  note?: string;
  replyText?: string;
}

const NEXT_STATE: Record<ActInput['action'], InboxState> = {
  allow: 'allowed', hide: 'hidden', unhide: 'allowed', delete: 'removed', reply: 'replied', refer_attorney: 'with_attorney',
};

function checkInput(item: InboxItem, input: ActInput): Label[] {
  if (item.state === 'gone') throw new AppError('conflict', 'This comment is gone from the platform; there is nothing to act on.');
  if (item.state === 'removed') throw new AppError('conflict', 'This comment was removed; removal cannot be undone.');
  const labels = input.labels ?? (input.action === 'hide' || input.action === 'delete' ? item.labels.filter((l) => l !== 'service_complaint') : []);
  for (const l of labels) if (!(LABELS as readonly string[]).includes(l)) throw new AppError('invalid_input', `Unknown clause "${l}".`);
  // CIV-6: removing or hiding needs a clause of the policy; disagreement is not one.
  if ((input.action === 'hide' || input.action === 'delete') && labels.filter((l) => l !== 'service_complaint').length === 0) {
    throw new AppError('invalid_input', 'Name the clause of the Civility and Acceptable Use Policy this comment breaks. Criticism of the city is not a reason to hide or remove it.');
  }
  if (input.action === 'hide' && item.state === 'hidden') throw new AppError('conflict', 'This comment is already hidden.');
  if (input.action === 'unhide' && item.state !== 'hidden') throw new AppError('conflict', 'This comment is not hidden.');
  if (input.action === 'reply' && !input.replyText?.trim()) throw new AppError('invalid_input', 'Write the reply first.');
  if (input.replyText && input.replyText.length > 8000) throw new AppError('invalid_input', 'The reply is too long.');
  if (input.action === 'reply') checkOutgoingText(input.replyText ?? '');
  return labels;
}

/**
 * One moderation action, in the order the policy and the courts require: the comment's current
 * state is archived first, then the platform is asked, then the action is recorded with clause,
 * evidence, policy version, actor and time. The comment's text is never edited (CIV-4). If the
 * platform refuses, the error is returned and nothing is recorded as done.
 */
export async function act(ctx: DomainContext, depsSource: ActDepsSource, input: ActInput): Promise<InboxItem> {
  const actor = input.action === 'reply'
    ? requireCapability(ctx, 'comment.reply', 'reply to the public on behalf of the city (CMT-2)')
    : requireCapability(ctx, 'comment.moderate', 'hide, remove or allow public comments (CMT-4: report it to the Communications Manager instead)');
  const item = getInboxItem(ctx.db, input.inboxId);
  const labels = checkInput(item, input);
  const policy = activePolicy(ctx.db);
  let archiveEntryId: number | null = null;
  let platformRef: string | null = null;

  if (input.action === 'hide' || input.action === 'unhide' || input.action === 'delete' || input.action === 'reply') {
    const deps = await resolveDeps(depsSource);
    const platform = commentPlatform(ctx, item.siteId, deps.store, deps.http);
    try {
      const current = await platform.current(item.externalId, item.postExternalId);
      archiveEntryId = deps.archive.recordAction({ siteId: item.siteId, object: current, action: input.action, actorId: actor.personId,
        note: `${labels.join(', ') || 'no clause'}; policy ${policy.version}` }).actionEntryId;
      if (input.action === 'hide' || input.action === 'unhide') await platform.setHidden(item.externalId, input.action === 'hide');
      else if (input.action === 'delete') await platform.remove(item.externalId);
      else platformRef = await platform.reply(item.externalId, (input.replyText ?? '').trim());
    } catch (err) {
      if (err instanceof AppError) throw err;
      const message = err instanceof Error ? err.message : String(err);
      audit(ctx, `moderation.${input.action}.failed`, 'inbox', item.id, null, { error: message });
      throw new AppError('platform', `${item.platform === 'x' ? 'X' : 'Facebook'} did not ${input.action} the comment: ${message}${err instanceof PlatformError && err.retryable ? ' You can try again.' : ''}`);
    }
  }

  return inTransaction(ctx.db, () => {
    const at = isoNow(ctx);
    ctx.db.prepare(`INSERT INTO moderation_actions (inbox_id, action, labels, evidence, note, policy_version, actor_id, at, archive_entry_id, reply_text, platform_ref, state_before)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`)
      .run(item.id, input.action, JSON.stringify(labels), JSON.stringify(item.evidence.filter((e) => labels.includes(e.label))), input.note?.trim() ?? '',
        policy.version, actor.personId, at, archiveEntryId, input.action === 'reply' ? (input.replyText ?? '').trim() : null, platformRef, item.state);
    const state = input.action === 'reply' && item.state === 'hidden' ? 'hidden' : NEXT_STATE[input.action];
    ctx.db.prepare('UPDATE inbox_comments SET state = ?, hidden = ?, updated_at = ? WHERE id = ?')
      .run(state, state === 'hidden' ? 1 : input.action === 'unhide' ? 0 : item.hidden ? 1 : 0, at, item.id);
    audit(ctx, `moderation.${input.action}`, 'inbox', item.id, { state: item.state }, { state, labels, policyVersion: policy.version, archiveEntryId });
    return getInboxItem(ctx.db, item.id);
  });
}

/**
 * Undoes the last action on an item where the platform allows it: a hide by unhiding, an allow or
 * a referral by reopening. A removal or a sent reply cannot be taken back from here.
 */
export async function undoLast(ctx: DomainContext, deps: ActDepsSource, inboxId: number): Promise<InboxItem> {
  requireCapability(ctx, 'comment.moderate', 'undo moderation actions');
  getInboxItem(ctx.db, inboxId);
  const last = ctx.db.prepare('SELECT id, action, state_before FROM moderation_actions WHERE inbox_id = ? ORDER BY id DESC LIMIT 1').get(inboxId) as
    { id: number; action: ModerationActionKind; state_before: InboxState } | undefined;
  if (!last) throw new AppError('conflict', 'Nothing to undo on this item.');
  if (last.action === 'hide') {
    await act(ctx, deps, { inboxId, action: 'unhide', note: `Undo of action ${last.id}` });
    // Undoing a hide puts the comment back where it was (usually waiting), not into "allowed".
    const back = last.state_before === 'hidden' || last.state_before === 'gone' ? 'allowed' : last.state_before;
    ctx.db.prepare('UPDATE inbox_comments SET state = ?, updated_at = ? WHERE id = ?').run(back, isoNow(ctx), inboxId);
    return getInboxItem(ctx.db, inboxId);
  }
  if (last.action === 'delete') throw new AppError('conflict', 'A removal cannot be undone: the platform has deleted the comment. The archive keeps it.');
  if (last.action === 'reply') throw new AppError('conflict', 'A sent reply cannot be undone from here.');
  const actor = requireCapability(ctx, 'comment.moderate', 'undo moderation actions');
  return inTransaction(ctx.db, () => {
    const item = getInboxItem(ctx.db, inboxId);
    ctx.db.prepare(`INSERT INTO moderation_actions (inbox_id, action, policy_version, actor_id, at, state_before, undoes, note) VALUES (?, 'reopen', ?, ?, ?, ?, ?, ?)`)
      .run(inboxId, activePolicy(ctx.db).version, actor.personId, isoNow(ctx), item.state, last.id, `Undo of action ${last.id}`);
    ctx.db.prepare('UPDATE inbox_comments SET state = ?, updated_at = ? WHERE id = ?').run(last.state_before === 'gone' ? 'open' : last.state_before, isoNow(ctx), inboxId);
    audit(ctx, 'moderation.undo', 'inbox', inboxId, { state: item.state }, { state: last.state_before, undoes: last.id });
    return getInboxItem(ctx.db, inboxId);
  });
}
