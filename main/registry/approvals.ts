import { createHash } from 'node:crypto';
import { inTransaction } from '../db/connection';
import { AppError } from '../shared/errors';
import { audit, isoNow, requireCapability, type DomainContext } from './context';
import { getPerson } from './people';
import { getApproval, getSite, getSiteDetail } from './site-read';
import type { SiteDetail } from './types';

export const MAX_EVIDENCE_BYTES = 25 * 1024 * 1024;

export interface ApprovalInput {
  subject: 'site' | 'admin_change';
  subjectId: number;
  approverId: number;
  /** The date on the memo or email, YYYY-MM-DD. */
  approvedOn: string;
  evidence: { fileName: string; mediaType: string; bytes: Uint8Array };
  note?: string;
}

function checkEvidence(evidence: ApprovalInput['evidence']): void {
  if (!evidence.fileName.trim()) throw new AppError('invalid_input', 'The evidence file needs a name.');
  if (evidence.bytes.byteLength === 0) throw new AppError('invalid_input', `The evidence file "${evidence.fileName}" is empty.`);
  if (evidence.bytes.byteLength > MAX_EVIDENCE_BYTES) {
    throw new AppError('invalid_input', `The evidence file is larger than ${MAX_EVIDENCE_BYTES / 1024 / 1024} MB; attach the memo or email itself.`);
  }
}

function checkDate(ctx: DomainContext, day: string): void {
  const parsed = /^\d{4}-\d{2}-\d{2}$/.test(day) ? new Date(`${day}T00:00:00Z`) : null;
  if (!parsed || Number.isNaN(parsed.getTime()) || parsed.toISOString().slice(0, 10) !== day) {
    throw new AppError('invalid_input', `"${day}" is not a date (YYYY-MM-DD).`);
  }
  if (day > ctx.now().toISOString().slice(0, 10)) throw new AppError('invalid_input', 'An approval cannot be dated in the future.');
}

/**
 * REG-2/REG-5: records the City Manager's approval of a proposed site or of an administrator
 * change, with the memo or email as evidence, and makes it take effect in the same transaction.
 */
export function recordApproval(ctx: DomainContext, input: ApprovalInput): SiteDetail {
  const actor = requireCapability(ctx, 'approval.record', 'record approvals');
  checkEvidence(input.evidence);
  checkDate(ctx, input.approvedOn);
  return inTransaction(ctx.db, () => {
    const approver = getPerson(ctx, input.approverId);
    const approverCaps = JSON.parse((ctx.db.prepare('SELECT capabilities FROM roles WHERE key = ?').get(approver.role) as { capabilities: string }).capabilities) as string[];
    if (!approverCaps.includes('approval.grant') || !approver.active) {
      throw new AppError('invalid_input', `${approver.name} (${approver.roleName}) cannot approve sites or administrators; the City Manager does (REG-2).`);
    }
    if (getApproval(ctx.db, input.subject, input.subjectId)) throw new AppError('conflict', 'That approval is already recorded.');
    const siteId = input.subject === 'site' ? checkSiteSubject(ctx, input.subjectId) : checkAdminSubject(ctx, input.subjectId);

    const bytes = Buffer.from(input.evidence.bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const evidenceId = Number(ctx.db.prepare(
      'INSERT INTO evidence (file_name, media_type, bytes, sha256, added_by, added_at) VALUES (?, ?, ?, ?, ?, ?)',
    ).run(input.evidence.fileName.trim(), input.evidence.mediaType || 'application/octet-stream', bytes, sha256, actor.personId, isoNow(ctx)).lastInsertRowid);
    const approvalId = Number(ctx.db.prepare(
      `INSERT INTO approvals (subject, subject_id, approver_id, approved_on, evidence_id, note, recorded_by, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(input.subject, input.subjectId, approver.id, input.approvedOn, evidenceId, input.note?.trim() ?? '', actor.personId, isoNow(ctx)).lastInsertRowid);

    if (input.subject === 'site') {
      ctx.db.prepare("UPDATE sites SET status = 'approved' WHERE id = ?").run(input.subjectId);
    } else {
      ctx.db.prepare('UPDATE admin_changes SET approval_id = ? WHERE id = ?').run(approvalId, input.subjectId);
    }
    audit(ctx, `approval.${input.subject}`, input.subject === 'site' ? 'site' : 'admin_change', input.subjectId, null,
      { approvalId, approver: approver.name, approvedOn: input.approvedOn, evidence: { fileName: input.evidence.fileName, sha256 } });
    return getSiteDetail(ctx, siteId);
  });
}

function checkSiteSubject(ctx: DomainContext, siteId: number): number {
  const site = getSite(ctx, siteId);
  if (site.status !== 'proposed') throw new AppError('conflict', `${site.name} is ${site.status}, not awaiting approval.`);
  return site.id;
}

function checkAdminSubject(ctx: DomainContext, changeId: number): number {
  const row = ctx.db.prepare('SELECT site_id, cancelled_at, approval_id FROM admin_changes WHERE id = ?').get(changeId) as
    { site_id: number; cancelled_at: string | null; approval_id: number | null } | undefined;
  if (!row) throw new AppError('not_found', `No administrator change with id ${changeId}.`);
  if (row.cancelled_at) throw new AppError('conflict', 'That administrator change was cancelled.');
  return row.site_id;
}

/** The evidence file itself, for the auditor who asks to see the memo. */
export function getEvidence(ctx: DomainContext, id: number): { fileName: string; mediaType: string; bytes: Uint8Array; sha256: string } {
  requireCapability(ctx, 'registry.read', 'read approval evidence');
  const row = ctx.db.prepare('SELECT file_name, media_type, bytes, sha256 FROM evidence WHERE id = ?').get(id) as
    { file_name: string; media_type: string; bytes: Buffer; sha256: string } | undefined;
  if (!row) throw new AppError('not_found', `No evidence file with id ${id}.`);
  return { fileName: row.file_name, mediaType: row.media_type, bytes: new Uint8Array(row.bytes), sha256: row.sha256 };
}
