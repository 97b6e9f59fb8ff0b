import type { Db } from '../db/connection';
import { AppError } from '../shared/errors';
import type { AlertEvidence, AlertKind, AlertSuspension, MonitorAlert } from './types';

interface AlertRow {
  id: number; site_id: number; site_name: string; platform: string; kind: AlertKind; summary: string; evidence: string;
  raised_at: string; suspension: AlertSuspension; cleared_at: string | null; cleared_by: number | null;
  cleared_by_name: string | null; note: string | null;
}

const ALERT_SELECT = `
  SELECT a.id, a.site_id, s.name AS site_name, s.platform, a.kind, a.summary, a.evidence, a.raised_at, a.suspension,
         a.cleared_at, a.cleared_by, p.name AS cleared_by_name, a.note
    FROM monitor_alerts a
    JOIN sites s ON s.id = a.site_id
    LEFT JOIN people p ON p.id = a.cleared_by`;

function toAlert(r: AlertRow): MonitorAlert {
  return {
    id: r.id, siteId: r.site_id, siteName: r.site_name, platform: r.platform, kind: r.kind, summary: r.summary,
    evidence: JSON.parse(r.evidence) as AlertEvidence, raisedAt: r.raised_at, suspension: r.suspension,
    clearedAt: r.cleared_at, clearedBy: r.cleared_by === null ? null : { personId: r.cleared_by, name: r.cleared_by_name ?? '' },
    note: r.note,
  };
}

export function getAlert(db: Db, id: number): MonitorAlert {
  const row = db.prepare(`${ALERT_SELECT} WHERE a.id = ?`).get(id) as AlertRow | undefined;
  if (!row) throw new AppError('not_found', `No vandalism alert with id ${id}.`);
  return toAlert(row);
}

export function openAlerts(db: Db, siteId?: number): MonitorAlert[] {
  const rows = db.prepare(`${ALERT_SELECT} WHERE a.cleared_at IS NULL AND (? IS NULL OR a.site_id = ?) ORDER BY a.id DESC`)
    .all(siteId ?? null, siteId ?? null) as AlertRow[];
  return rows.map(toAlert);
}

export function recentlyCleared(db: Db, limit: number, siteId?: number): MonitorAlert[] {
  const rows = db.prepare(`${ALERT_SELECT} WHERE a.cleared_at IS NOT NULL AND (? IS NULL OR a.site_id = ?) ORDER BY a.cleared_at DESC, a.id DESC LIMIT ?`)
    .all(siteId ?? null, siteId ?? null, limit) as AlertRow[];
  return rows.map(toAlert);
}

export function countOpen(db: Db, siteId: number): number {
  return (db.prepare('SELECT count(*) AS n FROM monitor_alerts WHERE site_id = ? AND cleared_at IS NULL').get(siteId) as { n: number }).n;
}

export function alertExists(db: Db, siteId: number, fingerprint: string): boolean {
  return db.prepare('SELECT 1 FROM monitor_alerts WHERE site_id = ? AND fingerprint = ?').get(siteId, fingerprint) !== undefined;
}

export interface NewAlert { siteId: number; kind: AlertKind; fingerprint: string; summary: string; evidence: AlertEvidence }

/** Inserts the alert unless the same change was already raised; returns its id, or null. */
export function insertAlert(db: Db, a: NewAlert, raisedAt: string, suspension: AlertSuspension): number | null {
  const info = db.prepare(
    `INSERT INTO monitor_alerts (site_id, kind, fingerprint, summary, evidence, raised_at, suspension)
     VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (site_id, fingerprint) DO NOTHING`,
  ).run(a.siteId, a.kind, a.fingerprint, a.summary, JSON.stringify(a.evidence), raisedAt, suspension);
  return info.changes === 0 ? null : Number(info.lastInsertRowid);
}

export function markCleared(db: Db, id: number, at: string, by: number, note: string): void {
  db.prepare('UPDATE monitor_alerts SET cleared_at = ?, cleared_by = ?, note = ? WHERE id = ? AND cleared_at IS NULL').run(at, by, note, id);
}

export interface SiteWatch {
  siteId: number;
  baselineRunId: number;
  baselineAt: string;
  postWatermark: number;
  suspendedByMonitor: boolean;
  checkedAt: string;
}

export function getSiteWatch(db: Db, siteId: number): SiteWatch | null {
  const r = db.prepare('SELECT * FROM monitor_sites WHERE site_id = ?').get(siteId) as
    { site_id: number; baseline_run_id: number; baseline_at: string; post_watermark: number; suspended_by_monitor: number; checked_at: string } | undefined;
  return r ? {
    siteId: r.site_id, baselineRunId: r.baseline_run_id, baselineAt: r.baseline_at, postWatermark: r.post_watermark,
    suspendedByMonitor: r.suspended_by_monitor === 1, checkedAt: r.checked_at,
  } : null;
}

export function createSiteWatch(db: Db, w: { siteId: number; baselineRunId: number; baselineAt: string; checkedAt: string }): void {
  db.prepare('INSERT INTO monitor_sites (site_id, baseline_run_id, baseline_at, post_watermark, suspended_by_monitor, checked_at) VALUES (?, ?, ?, 0, 0, ?)')
    .run(w.siteId, w.baselineRunId, w.baselineAt, w.checkedAt);
}

export function updateSiteWatch(db: Db, siteId: number, patch: { postWatermark?: number; suspendedByMonitor?: boolean; checkedAt?: string }): void {
  db.prepare(
    `UPDATE monitor_sites SET post_watermark = coalesce(?, post_watermark), suspended_by_monitor = coalesce(?, suspended_by_monitor),
       checked_at = coalesce(?, checked_at) WHERE site_id = ?`,
  ).run(patch.postWatermark ?? null, patch.suspendedByMonitor === undefined ? null : patch.suspendedByMonitor ? 1 : 0, patch.checkedAt ?? null, siteId);
}

export interface ApprovedItem { item: string; value: string | null; revision: number; entryId: number; approvedAt: string; approvedBy: number | null }

export function approvedProfile(db: Db, siteId: number): Map<string, ApprovedItem> {
  const rows = db.prepare('SELECT item, value, revision, entry_id, approved_at, approved_by FROM monitor_approved_profile WHERE site_id = ?').all(siteId) as
    { item: string; value: string | null; revision: number; entry_id: number; approved_at: string; approved_by: number | null }[];
  return new Map(rows.map((r) => [r.item, { item: r.item, value: r.value, revision: r.revision, entryId: r.entry_id, approvedAt: r.approved_at, approvedBy: r.approved_by }]));
}

/** Sets an item's approved value; every change bumps the revision so a later identical change is new. */
export function approveItem(db: Db, siteId: number, a: { item: string; value: string | null; entryId: number; at: string; by: number | null; alertId: number | null }): void {
  db.prepare(
    `INSERT INTO monitor_approved_profile (site_id, item, value, revision, entry_id, approved_at, approved_by, alert_id)
     VALUES (?, ?, ?, 1, ?, ?, ?, ?)
     ON CONFLICT (site_id, item) DO UPDATE SET value = excluded.value, revision = revision + 1, entry_id = excluded.entry_id,
       approved_at = excluded.approved_at, approved_by = excluded.approved_by, alert_id = excluded.alert_id`,
  ).run(siteId, a.item, a.value, a.entryId, a.at, a.by, a.alertId);
}

export function isExplained(db: Db, siteId: number, externalId: string): { source: string; refId: number } | null {
  const r = db.prepare('SELECT source, ref_id FROM monitor_explained_posts WHERE site_id = ? AND external_id = ? ORDER BY source LIMIT 1')
    .get(siteId, externalId) as { source: string; ref_id: number } | undefined;
  return r ? { source: r.source, refId: r.ref_id } : null;
}
