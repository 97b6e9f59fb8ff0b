import type { Evidence, Label, Referral } from '../moderation';

export type InboxState = 'open' | 'allowed' | 'hidden' | 'removed' | 'replied' | 'with_attorney' | 'gone';
export type ModerationActionKind = 'allow' | 'hide' | 'unhide' | 'delete' | 'reply' | 'refer_attorney' | 'reopen';

export interface InboxItem {
  id: number;
  siteId: number;
  siteName: string;
  platform: 'facebook' | 'x';
  externalId: string;
  kind: 'comment' | 'reply';
  parentExternalId: string | null;
  postExternalId: string | null;
  author: string | null;
  text: string;
  postText: string;
  createdAt: string | null;
  capturedAt: string;
  verdict: 'allow' | 'redirect' | 'remove' | 'needs_review';
  labels: Label[];
  evidence: Evidence[];
  confidence: number;
  policyVersion: string;
  referral: Referral | null;
  state: InboxState;
  hidden: boolean;
  flags: number;
}

export interface InboxQuery {
  siteId?: number;
  verdict?: InboxItem['verdict'];
  label?: Label;
  state?: InboxState | 'waiting';
  text?: string;
  /** Keyset paging: items older than this (captured_at, id). */
  before?: { capturedAt: string; id: number };
  limit?: number;
}

export interface InboxCounts {
  total: number;
  byState: Record<string, number>;
  byVerdict: Record<string, number>;
}

export interface ModerationActionRecord {
  id: number;
  action: ModerationActionKind;
  labels: Label[];
  note: string;
  policyVersion: string;
  actorName: string;
  at: string;
  archiveEntryId: number | null;
  replyText: string | null;
  stateBefore: InboxState;
}
