import { createArchive, type PlatformKey } from '../archive';
import { createFeed } from '../archive/feed';
import { getConnection } from '../capture/connections';
import { openCredentialStore, type CredentialStore } from '../credentials/store';
import { inTransaction } from '../db/connection';
import type { HttpOptions } from '../platforms';
import { audit, isoNow, type DomainContext } from '../registry/context';
import { getSite } from '../registry/site-read';
import { setSiteStatus } from '../registry/sites';
import { AppError } from '../shared/errors';
import { contextFor, type Workspace } from '../workspace/workspace';
import { adminFindings, postFindings, profileFindings, type AdminCheckResult, type Finding } from './checks';
import { composeEmail, itDirectors } from './email';
import {
  alertExists, approveItem, createSiteWatch, getAlert, getSiteWatch, insertAlert, updateSiteWatch, type SiteWatch,
} from './store';
import type { AlertSuspension, CheckReport, MonitorAlert, Notice } from './types';

export interface RunChecksOptions {
  siteId: number;
  /** The capture's clock; alerts and audit rows carry its time. */
  now?: () => Date;
  /** Shows a desktop notification (the Electron layer); called once per run that raised alerts. */
  notify?: (notice: Notice) => void;
  /** The keychain the capture used (for the admin check's API token); default: the OS keychain. */
  store?: CredentialStore;
  http?: HttpOptions;
}

/**
 * The baseline is the site's first successful capture from the platform: what it found is what the
 * city had before the watch began. Established once, at the first check that finds such a run.
 */
function ensureWatch(ctx: DomainContext, siteId: number): SiteWatch | null {
  const existing = getSiteWatch(ctx.db, siteId);
  if (existing) return existing;
  // Runs come newest first, at most 1000; if more exist the oldest visible one is a later
  // baseline, which only moves older posts into it (they were there before the watch began).
  const first = createArchive(ctx.db).listRuns({ siteId, limit: 1000 })
    .filter((r) => r.source === 'api' && r.status === 'succeeded' && r.finishedAt !== null)
    .at(-1);
  if (!first?.finishedAt) return null;
  createSiteWatch(ctx.db, { siteId, baselineRunId: first.id, baselineAt: first.finishedAt, checkedAt: isoNow(ctx) });
  audit(ctx, 'monitor.baseline', 'site', siteId, null, { runId: first.id, baselineAt: first.finishedAt });
  return getSiteWatch(ctx.db, siteId);
}

/** SEC-7: the channel is taken out of use. A site that cannot be suspended stays blocked by its alerts. */
function suspend(ctx: DomainContext, siteId: number, findings: Finding[], problems: string[]): AlertSuspension {
  const site = getSite(ctx, siteId);
  if (site.status === 'suspended') return 'already_suspended';
  if (site.status !== 'active') {
    problems.push(`${site.name} is ${site.status}, not active, so it was not marked suspended; its open alerts still block publishing.`);
    return 'not_suspended';
  }
  const note = `Vandalism watch (SEC-7): ${findings.map((f) => f.summary).join(' ')}`.slice(0, 2000);
  try {
    setSiteStatus(ctx, siteId, 'suspended', note);
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    problems.push(`${site.name} could not be marked suspended (${err.message}); its open alerts still block publishing.`);
    return 'not_suspended';
  }
  updateSiteWatch(ctx.db, siteId, { suspendedByMonitor: true });
  return 'suspended';
}

function notice(siteName: string, alerts: MonitorAlert[], suspension: AlertSuspension): Notice {
  const first = alerts[0] as MonitorAlert;
  return {
    title: suspension === 'not_suspended' ? `Possible vandalism: ${siteName}` : `${siteName} suspended: possible vandalism`,
    body: alerts.length === 1 ? first.summary : `${alerts.length} alerts. ${alerts.map((a) => a.summary).join(' ')}`.slice(0, 400),
  };
}

/**
 * Compares the site as just captured with what the city approved (SEC-7) and raises an alert for
 * each change nothing explains: a post, a picture (by content), a name, about text or website, an
 * administrator. New alerts suspend the site, notify once, and come with an email for the IT
 * Director. The same change never raises twice, so running it again after any capture is safe.
 * Acts as the workspace's owner (the person whose capture this is).
 */
export async function runChecksAfterCapture(ws: Workspace, options: RunChecksOptions): Promise<CheckReport> {
  const now = options.now ?? (() => new Date());
  const ctx = contextFor(ws, now);
  const site = getSite(ctx, options.siteId);
  const report: CheckReport = { siteId: site.id, baseline: false, raised: [], emails: [], siteStatus: site.status, skipped: [], problems: [] };
  if (site.platform !== 'facebook' && site.platform !== 'x') {
    report.skipped.push(`${site.platformName}s are not captured, so they are not watched.`);
    return report;
  }
  const platform: PlatformKey = site.platform;
  const connection = getConnection(ctx, site.id);
  // The one question for the platform is asked before the write transaction opens.
  const admins: AdminCheckResult = await adminFindings({
    db: ws.db, site, connection, store: async () => options.store ?? openCredentialStore(ws.id), ...(options.http ? { http: options.http } : {}),
  });
  report.skipped.push(...admins.skipped);
  report.problems.push(...admins.problems);

  const archive = createArchive(ws.db);
  const { raised, suspension } = inTransaction(ws.db, () => {
    const watch = ensureWatch(ctx, site.id);
    const findings: Finding[] = [];
    if (watch) {
      report.baseline = true;
      const posts = postFindings({ db: ws.db, archive, feed: createFeed(ws.db), site, platform, accountId: connection?.accountId ?? null, watch });
      const profile = profileFindings({ db: ws.db, archive, site, platform, watch });
      for (const b of profile.baseline) approveItem(ws.db, site.id, { ...b, at: isoNow(ctx), by: null, alertId: null });
      if (profile.baseline.length) audit(ctx, 'monitor.profile.baseline', 'site', site.id, null, { items: profile.baseline });
      findings.push(...posts.findings, ...profile.findings);
      updateSiteWatch(ws.db, site.id, { postWatermark: posts.watermark, checkedAt: isoNow(ctx) });
    } else {
      report.problems.push(`${site.name} has no successful capture yet: posts and profile are compared from the first one on.`);
    }
    findings.push(...admins.findings);
    const fresh = findings.filter((f, i) => !alertExists(ws.db, site.id, f.fingerprint) && findings.findIndex((g) => g.fingerprint === f.fingerprint) === i);
    if (fresh.length === 0) return { raised: [] as MonitorAlert[], suspension: 'not_suspended' as AlertSuspension };
    const s = suspend(ctx, site.id, fresh, report.problems);
    const to = itDirectors(ws.db);
    const alerts: MonitorAlert[] = [];
    for (const f of fresh) {
      const id = insertAlert(ws.db, { siteId: site.id, ...f }, isoNow(ctx), s);
      if (id === null) continue;
      const alert = getAlert(ws.db, id);
      audit(ctx, 'monitor.alert', 'monitor_alert', id, null, {
        siteId: site.id, kind: f.kind, fingerprint: f.fingerprint, summary: f.summary, evidence: f.evidence, suspension: s,
        emailTo: to.map((r) => r.email),
      });
      alerts.push(alert);
    }
    return { raised: alerts, suspension: s };
  });

  report.raised = raised;
  report.siteStatus = getSite(ctx, site.id).status;
  if (raised.length === 0) return report;
  const to = itDirectors(ws.db);
  if (to.length === 0) report.problems.push('The registry has no active IT Director with an email address: nobody can be emailed.');
  report.emails = raised.map((a) => composeEmail(a, to, now()));
  try {
    options.notify?.(notice(site.name, raised, suspension));
  } catch (err) {
    // A notification that fails must not hide the alert: it is stored and in the inbox already.
    report.problems.push(`The desktop notification failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  return report;
}
