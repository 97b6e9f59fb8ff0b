import type { Migration } from '../migrate';

/**
 * The vandalism watch (SEC-7). After each capture the monitor compares the site with what the city
 * approved and raises an alert for each difference nothing explains; the site stays out of use
 * until the IT Director clears every alert with a note.
 *
 * - monitor_alerts: one row per finding. `fingerprint` names the change itself (a post id, an
 *   admin id, a profile item and the value it became) so the same change never raises twice.
 *   Rows are never removed and, once cleared, never changed (triggers).
 * - monitor_sites: per site, the baseline (the first successful capture: what was there then is
 *   not an alert), how far the post check has read the archive, and whether the monitor itself
 *   suspended the site (only then does clearing the last alert make it active again).
 * - monitor_approved_profile: the approved value of each watched profile item (picture and cover
 *   by content hash, name, about, website...). Starts as the baseline capture; clearing an alert
 *   about an item approves the item as it is captured at that moment.
 * - monitor_manual_posts: posts the CM records as made by the city outside the app.
 * - monitor_explained_posts: every post that is explained, whatever explains it. Recording a
 *   manual post writes here (source 'manual'); the publisher will write here too (source
 *   'publication', ref_id = its publication id) in the same transaction as it records the post id.
 */
export const m005Monitor: Migration = {
  version: 5,
  name: '005_monitor',
  up(db) {
    db.exec(`
      CREATE TABLE monitor_alerts (
        id          INTEGER PRIMARY KEY,
        site_id     INTEGER NOT NULL REFERENCES sites(id),
        kind        TEXT NOT NULL CHECK (kind IN ('unexplained_post', 'picture_changed', 'profile_changed', 'unknown_admin')),
        fingerprint TEXT NOT NULL,
        summary     TEXT NOT NULL,
        evidence    TEXT NOT NULL CHECK (json_valid(evidence)),
        raised_at   TEXT NOT NULL,
        -- What raising it did to the site: suspended it, found it suspended already, or could not.
        suspension  TEXT NOT NULL CHECK (suspension IN ('suspended', 'already_suspended', 'not_suspended')),
        cleared_at  TEXT,
        cleared_by  INTEGER REFERENCES people(id),
        note        TEXT,
        UNIQUE (site_id, fingerprint),
        CHECK ((cleared_at IS NULL) = (cleared_by IS NULL)),
        CHECK (cleared_at IS NULL OR length(trim(coalesce(note, ''))) > 0)
      ) STRICT;
      CREATE INDEX monitor_alerts_open ON monitor_alerts(site_id, id) WHERE cleared_at IS NULL;
      CREATE INDEX monitor_alerts_recent ON monitor_alerts(raised_at DESC, id DESC);

      CREATE TRIGGER monitor_alerts_no_delete BEFORE DELETE ON monitor_alerts
        BEGIN SELECT RAISE(ABORT, 'vandalism alerts are never removed'); END;
      -- Only clearing may change an alert, and only once.
      CREATE TRIGGER monitor_alerts_clear_only BEFORE UPDATE ON monitor_alerts
        WHEN OLD.cleared_at IS NOT NULL OR NEW.id <> OLD.id OR NEW.site_id <> OLD.site_id OR NEW.kind <> OLD.kind
          OR NEW.fingerprint <> OLD.fingerprint OR NEW.summary <> OLD.summary OR NEW.evidence <> OLD.evidence
          OR NEW.raised_at <> OLD.raised_at OR NEW.suspension <> OLD.suspension
        BEGIN SELECT RAISE(ABORT, 'a vandalism alert is only ever cleared, once'); END;

      CREATE TABLE monitor_sites (
        site_id              INTEGER PRIMARY KEY REFERENCES sites(id),
        baseline_run_id      INTEGER NOT NULL,
        baseline_at          TEXT NOT NULL,
        post_watermark       INTEGER NOT NULL DEFAULT 0,
        suspended_by_monitor INTEGER NOT NULL DEFAULT 0 CHECK (suspended_by_monitor IN (0, 1)),
        checked_at           TEXT NOT NULL
      ) STRICT;

      CREATE TABLE monitor_approved_profile (
        site_id     INTEGER NOT NULL REFERENCES sites(id),
        item        TEXT NOT NULL,
        value       TEXT,               -- NULL: the item is absent on the platform
        revision    INTEGER NOT NULL CHECK (revision >= 1),
        entry_id    INTEGER NOT NULL,   -- the archived profile version the value was read from
        approved_at TEXT NOT NULL,
        approved_by INTEGER REFERENCES people(id),  -- NULL: taken from the baseline capture
        alert_id    INTEGER REFERENCES monitor_alerts(id),
        PRIMARY KEY (site_id, item)
      ) STRICT;

      CREATE TABLE monitor_manual_posts (
        id          INTEGER PRIMARY KEY,
        site_id     INTEGER NOT NULL REFERENCES sites(id),
        external_id TEXT NOT NULL CHECK (length(external_id) BETWEEN 1 AND 200),
        note        TEXT NOT NULL CHECK (length(trim(note)) > 0),
        recorded_by INTEGER NOT NULL REFERENCES people(id),
        recorded_at TEXT NOT NULL,
        UNIQUE (site_id, external_id)
      ) STRICT;

      CREATE TABLE monitor_explained_posts (
        site_id      INTEGER NOT NULL REFERENCES sites(id),
        external_id  TEXT NOT NULL,
        source       TEXT NOT NULL CHECK (source IN ('manual', 'publication')),
        ref_id       INTEGER NOT NULL,  -- monitor_manual_posts.id, or the publication's id
        explained_at TEXT NOT NULL,
        explained_by INTEGER REFERENCES people(id),
        PRIMARY KEY (site_id, external_id, source)
      ) STRICT;
    `);
  },
};
