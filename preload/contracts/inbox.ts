import { z } from 'zod';
import type { Consult, SavedReply } from '../../main/inbox/collaboration';
import type { ConsistencyReport } from '../../main/inbox/report';
import type { InboxCounts, InboxItem, ModerationActionRecord } from '../../main/inbox/types';
import { LABELS } from '../../main/moderation/types';
import { id, nothing, returns, text } from './kit';

export type { Consult, SavedReply, ConsistencyReport, InboxCounts, InboxItem, ModerationActionRecord };
export interface InboxItemDetail { item: InboxItem; actions: ModerationActionRecord[]; consults: Consult[] }
export interface PolicySummary { version: string; history: { version: string; createdAt: string; note: string }[]; clauses: { label: string; clause: string; text: string }[]; learned: string[] }

const label = z.enum(LABELS);
const state = z.enum(['open', 'allowed', 'hidden', 'removed', 'replied', 'with_attorney', 'gone', 'waiting']);
const isoTime = z.string().max(40).refine((s) => !Number.isNaN(Date.parse(s)), 'Use a date and time.');

/** The moderation inbox and the screener's policy (CIV-2, CIV-4, CIV-6, CIV-7, CMT-2..CMT-4). */
export const inboxContract = {
  'inbox.list': {
    input: z.object({
      siteId: id.optional(), verdict: z.enum(['allow', 'redirect', 'remove', 'needs_review']).optional(), label: label.optional(),
      state: state.optional(), text: text(200).optional(), before: z.object({ capturedAt: isoTime, id }).strict().optional(),
      limit: z.number().int().min(1).max(1000).optional(),
    }).strict().nullish(),
    result: returns<InboxItem[]>(),
  },
  'inbox.counts': { input: z.object({ siteId: id.optional() }).strict().nullish(), result: returns<InboxCounts>() },
  'inbox.item': { input: z.object({ id }).strict(), result: returns<InboxItemDetail>() },
  'inbox.refresh': { input: nothing, result: returns<{ screened: number; gone: number }>() },
  'inbox.act': {
    input: z.object({
      inboxId: id, action: z.enum(['allow', 'hide', 'unhide', 'delete', 'reply', 'refer_attorney']),
      labels: z.array(label).max(12).optional(), note: text(2000).optional(), replyText: text(8000).optional(),
    }).strict(),
    result: returns<InboxItem>(),
  },
  'inbox.undo': { input: z.object({ inboxId: id }).strict(), result: returns<InboxItem>() },
  'inbox.flag': { input: z.object({ inboxId: id, reason: text(2000) }).strict(), result: returns<InboxItem>() },
  'inbox.consult': { input: z.object({ inboxId: id, personId: id, question: text(4000) }).strict(), result: returns<Consult[]>() },
  'inbox.answer': { input: z.object({ consultId: id, answer: text(8000) }).strict(), result: returns<Consult[]>() },
  'inbox.savedReplies': { input: nothing, result: returns<SavedReply[]>() },
  'moderation.policy': { input: nothing, result: returns<PolicySummary>() },
  'moderation.learn': { input: nothing, result: returns<string[]>() },
  'moderation.resetLearning': { input: nothing, result: returns<string[]>() },
  'moderation.report': {
    input: z.object({ from: isoTime, to: isoTime, format: z.enum(['json', 'csv', 'pdf']), sampleSize: z.number().int().min(0).max(100).optional() }).strict(),
    result: returns<{ report: ConsistencyReport; fileName: string | null; mediaType: string | null; dataBase64: string | null }>(),
  },
} as const;
