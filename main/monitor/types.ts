/** The vandalism watch's records as every layer sees them (the contract re-exports these types). */

export type AlertKind = 'unexplained_post' | 'picture_changed' | 'profile_changed' | 'unknown_admin';

/** What raising the alert did to the site's status in the registry. */
export type AlertSuspension = 'suspended' | 'already_suspended' | 'not_suspended';

/** JSON evidence: ids, before/after values and content hashes, as stored with the alert. */
export type AlertEvidence = Record<string, unknown>;

export interface MonitorAlert {
  id: number;
  siteId: number;
  siteName: string;
  platform: string;
  kind: AlertKind;
  summary: string;
  evidence: AlertEvidence;
  raisedAt: string;
  suspension: AlertSuspension;
  clearedAt: string | null;
  clearedBy: { personId: number; name: string } | null;
  note: string | null;
}

export interface PreparedEmail {
  alertId: number;
  /** The registry's active IT Directors; empty when the registry has none. */
  to: { name: string; email: string }[];
  subject: string;
  body: string;
  /** Opens the person's mail program with the message filled in (nothing is sent by the app). */
  mailto: string;
  /** The same message as an RFC 5322 draft (X-Unsent) to save and open. */
  eml: string;
}

export interface CheckReport {
  siteId: number;
  /** False until the site has had a successful capture to compare with. */
  baseline: boolean;
  raised: MonitorAlert[];
  emails: PreparedEmail[];
  /** The site's status after the checks. */
  siteStatus: string;
  /** Checks that cannot be made on this platform, and why. */
  skipped: string[];
  /** Checks that could not be made this time (e.g. the platform did not answer), and why. */
  problems: string[];
}

export interface ManualPost {
  id: number;
  siteId: number;
  externalId: string;
  note: string;
  recordedBy: string;
  recordedAt: string;
}

export interface ClearResult {
  alert: MonitorAlert;
  /** Alerts still open on the same site. */
  openOnSite: number;
  siteStatus: string;
  /** The site went back to active because this was its last open alert. */
  reactivated: boolean;
}

export interface AlertsView {
  open: MonitorAlert[];
  /** Cleared alerts, most recent first. */
  recent: MonitorAlert[];
}

export interface Notice {
  title: string;
  body: string;
}
