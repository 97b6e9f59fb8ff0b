import { inTransaction } from '../db/connection';
import { AppError } from '../shared/errors';
import { audit, isoNow, requireCapability, type DomainContext } from './context';
import { getSite } from './site-read';
import type { ViolationReport } from './types';

interface ReportRow {
  id: number; reported_by: string; reported_at: string; site_id: number | null; site_name: string | null;
  summary: string; details: string; status: ViolationReport['status']; closed_at: string | null;
}

function steps(ctx: DomainContext, reportId: number): ViolationReport['steps'] {
  return (ctx.db.prepare(
    `SELECT s.id, p.name AS actor, s.at, s.step FROM violation_steps s JOIN people p ON p.id = s.actor_id
      WHERE s.report_id = ? ORDER BY s.at, s.id`,
  ).all(reportId) as ViolationReport['steps']);
}

const REPORT_SELECT = `
  SELECT v.id, p.name AS reported_by, v.reported_at, v.site_id, s.name AS site_name, v.summary, v.details, v.status, v.closed_at
    FROM violation_reports v JOIN people p ON p.id = v.reported_by LEFT JOIN sites s ON s.id = v.site_id`;

export function getViolation(ctx: DomainContext, id: number): ViolationReport {
  const r = ctx.db.prepare(`${REPORT_SELECT} WHERE v.id = ?`).get(id) as ReportRow | undefined;
  if (!r) throw new AppError('not_found', `No violation report with id ${id}.`);
  return { id: r.id, reportedBy: r.reported_by, reportedAt: r.reported_at, siteId: r.site_id, siteName: r.site_name,
    summary: r.summary, details: r.details, status: r.status, closedAt: r.closed_at, steps: steps(ctx, r.id) };
}

/** Everyone sees their own reports; the CM and City Manager, who act on them (VIO-1), see all. */
export function listViolations(ctx: DomainContext): ViolationReport[] {
  const actor = requireCapability(ctx, 'violation.report', 'see violation reports');
  const all = actor.capabilities.has('violation.manage');
  const ids = ctx.db.prepare(`SELECT id FROM violation_reports WHERE ? OR reported_by = ? ORDER BY status = 'closed', reported_at DESC`)
    .all(all ? 1 : 0, actor.personId) as { id: number }[];
  return ids.map((r) => getViolation(ctx, r.id));
}

export function reportViolation(ctx: DomainContext, input: { siteId?: number | null; summary: string; details?: string }): ViolationReport {
  const actor = requireCapability(ctx, 'violation.report', 'report violations');
  if (!input.summary.trim()) throw new AppError('invalid_input', 'Say in a line what happened.');
  return inTransaction(ctx.db, () => {
    if (input.siteId != null) getSite(ctx, input.siteId);
    const id = Number(ctx.db.prepare(
      `INSERT INTO violation_reports (reported_by, reported_at, site_id, summary, details, status) VALUES (?, ?, ?, ?, ?, 'open')`,
    ).run(actor.personId, isoNow(ctx), input.siteId ?? null, input.summary.trim(), input.details?.trim() ?? '').lastInsertRowid);
    const report = getViolation(ctx, id);
    audit(ctx, 'violation.report', 'violation', id, null, report);
    return report;
  });
}

/** VIO-1: each action step is recorded against the report; closing needs a final step. */
export function addViolationStep(ctx: DomainContext, input: { reportId: number; step: string; close?: boolean }): ViolationReport {
  const actor = requireCapability(ctx, 'violation.manage', 'act on violation reports');
  if (!input.step.trim()) throw new AppError('invalid_input', 'Describe the action step taken.');
  return inTransaction(ctx.db, () => {
    const before = getViolation(ctx, input.reportId);
    if (before.status === 'closed') throw new AppError('conflict', 'This report is closed.');
    const now = isoNow(ctx);
    ctx.db.prepare('INSERT INTO violation_steps (report_id, actor_id, at, step) VALUES (?, ?, ?, ?)')
      .run(before.id, actor.personId, now, input.step.trim());
    ctx.db.prepare('UPDATE violation_reports SET status = ?, closed_at = ? WHERE id = ?')
      .run(input.close ? 'closed' : 'in_progress', input.close ? now : null, before.id);
    const after = getViolation(ctx, before.id);
    audit(ctx, input.close ? 'violation.close' : 'violation.step', 'violation', before.id,
      { status: before.status }, { status: after.status, step: input.step.trim() });
    return after;
  });
}
