import { inTransaction } from '../db/connection';
import { audit, isoNow, requireCapability, type DomainContext } from '../registry/context';
import { getPerson } from '../registry/people';
import { AppError } from '../shared/errors';
import { getInboxItem } from './queue';
import type { InboxItem } from './types';

/**
 * CMT-4: any employee who sees an inappropriate post reports it to the Communications Manager;
 * they never respond to it or delete it themselves.
 */
export function flagComment(ctx: DomainContext, input: { inboxId: number; reason: string }): InboxItem {
  const actor = requireCapability(ctx, 'comment.flag', 'report comments to the Communications Manager');
  if (!input.reason.trim()) throw new AppError('invalid_input', 'Say what is wrong with this comment.');
  return inTransaction(ctx.db, () => {
    const item = getInboxItem(ctx.db, input.inboxId);
    const id = Number(ctx.db.prepare('INSERT INTO moderation_flags (inbox_id, flagged_by, at, reason) VALUES (?, ?, ?, ?)')
      .run(item.id, actor.personId, isoNow(ctx), input.reason.trim()).lastInsertRowid);
    audit(ctx, 'moderation.flag', 'inbox', item.id, null, { flagId: id, reason: input.reason.trim() });
    return getInboxItem(ctx.db, item.id);
  });
}

export interface Consult { id: number; personName: string; question: string; askedAt: string; answer: string | null; answeredAt: string | null }

/** CMT-3: the CM asks staff for information before responding; question and answer are kept. */
export function askColleague(ctx: DomainContext, input: { inboxId: number; personId: number; question: string }): Consult[] {
  const actor = requireCapability(ctx, 'comment.reply', 'consult staff before responding');
  if (!input.question.trim()) throw new AppError('invalid_input', 'Write the question.');
  return inTransaction(ctx.db, () => {
    const item = getInboxItem(ctx.db, input.inboxId);
    const person = getPerson(ctx, input.personId);
    if (!person.active) throw new AppError('invalid_input', `${person.name} is no longer active.`);
    ctx.db.prepare('INSERT INTO moderation_consults (inbox_id, asked_by, person_id, question, asked_at) VALUES (?, ?, ?, ?, ?)')
      .run(item.id, actor.personId, person.id, input.question.trim(), isoNow(ctx));
    audit(ctx, 'moderation.consult', 'inbox', item.id, null, { person: person.name, question: input.question.trim() });
    return consults(ctx, item.id);
  });
}

export function recordAnswer(ctx: DomainContext, input: { consultId: number; answer: string }): Consult[] {
  requireCapability(ctx, 'comment.reply', 'record a colleague\u2019s answer');
  if (!input.answer.trim()) throw new AppError('invalid_input', 'Write the answer.');
  return inTransaction(ctx.db, () => {
    const row = ctx.db.prepare('SELECT inbox_id, answer FROM moderation_consults WHERE id = ?').get(input.consultId) as { inbox_id: number; answer: string | null } | undefined;
    if (!row) throw new AppError('not_found', `No consultation with id ${input.consultId}.`);
    if (row.answer !== null) throw new AppError('conflict', 'That question was already answered.');
    ctx.db.prepare('UPDATE moderation_consults SET answer = ?, answered_at = ? WHERE id = ?').run(input.answer.trim(), isoNow(ctx), input.consultId);
    audit(ctx, 'moderation.consult_answer', 'inbox', row.inbox_id, null, { consultId: input.consultId });
    return consults(ctx, row.inbox_id);
  });
}

export function consults(ctx: DomainContext, inboxId: number): Consult[] {
  requireCapability(ctx, 'comment.flag', 'see the moderation inbox');
  return ctx.db.prepare(`SELECT c.id, p.name AS personName, c.question, c.asked_at AS askedAt, c.answer, c.answered_at AS answeredAt
    FROM moderation_consults c JOIN people p ON p.id = c.person_id WHERE c.inbox_id = ? ORDER BY c.id`).all(inboxId) as Consult[];
}

export interface SavedReply { id: number; title: string; body: string; kind: 'general' | 'service_referral' }

const SEED_REPLIES: Omit<SavedReply, 'id'>[] = [
  { title: 'Service request referral', kind: 'service_referral',
    body: 'Thank you for letting us know. This page is not monitored for service requests; please contact {department} at {contact} so staff can help you directly.' },
  { title: 'Thanks for the feedback', kind: 'general', body: 'Thank you for sharing your thoughts. Your comment has been shared with the relevant staff.' },
  { title: 'More information on the website', kind: 'general', body: 'You can find more information on the City website: https://www.kalispell.com/' },
];

/** Saved replies, seeded on first use; CIV-2 referrals fill in the department's contact. */
export function savedReplies(ctx: DomainContext): SavedReply[] {
  requireCapability(ctx, 'comment.flag', 'see saved replies');
  const count = (ctx.db.prepare('SELECT count(*) AS n FROM saved_replies').get() as { n: number }).n;
  if (count === 0) {
    const insert = ctx.db.prepare('INSERT INTO saved_replies (title, body, kind, updated_at) VALUES (?, ?, ?, ?)');
    for (const r of SEED_REPLIES) insert.run(r.title, r.body, r.kind, isoNow(ctx));
  }
  return ctx.db.prepare('SELECT id, title, body, kind FROM saved_replies ORDER BY kind DESC, title').all() as SavedReply[];
}

/** The referral text for a service complaint, naming the department the screener routed it to. */
export function referralText(item: InboxItem, template: string): string {
  if (!item.referral) return template.replace('{department}', 'the department').replace('{contact}', 'https://www.kalispell.com/');
  return template.replace('{department}', item.referral.department).replace('{contact}', item.referral.contact);
}
