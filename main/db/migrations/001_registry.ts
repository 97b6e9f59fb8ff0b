import type { Migration } from '../migrate';

/**
 * The registry the policy asks the Communications Manager to keep (REG-1..REG-6, SEC-1, SEC-2,
 * CMT-1, SCOPE-1, VIO-1), plus the audit log every later domain writes to. Roles, platforms and
 * departments are rows, not code, so another city's policy is data.
 */
export const m001Registry: Migration = {
  version: 1,
  name: '001_registry',
  up(db) {
    db.exec(`
      CREATE TABLE workspace_meta (
        key   TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) STRICT;

      CREATE TABLE roles (
        key          TEXT PRIMARY KEY,
        name         TEXT NOT NULL UNIQUE,
        capabilities TEXT NOT NULL CHECK (json_valid(capabilities) AND json_type(capabilities) = 'array'),
        sort         INTEGER NOT NULL
      ) STRICT;

      CREATE TABLE departments (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL UNIQUE COLLATE NOCASE,
        contact_email TEXT,
        contact_phone TEXT,
        contact_url   TEXT
      ) STRICT;

      CREATE TABLE people (
        id            INTEGER PRIMARY KEY,
        name          TEXT NOT NULL CHECK (length(trim(name)) > 0),
        role          TEXT NOT NULL REFERENCES roles(key),
        department_id INTEGER REFERENCES departments(id),
        email         TEXT NOT NULL UNIQUE COLLATE NOCASE,
        may_submit    INTEGER NOT NULL DEFAULT 0 CHECK (may_submit IN (0, 1)),
        approver_id   INTEGER REFERENCES people(id),
        active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        created_at    TEXT NOT NULL
      ) STRICT;

      CREATE TABLE platforms (
        key        TEXT PRIMARY KEY,
        name       TEXT NOT NULL UNIQUE,
        offers_2fa INTEGER NOT NULL CHECK (offers_2fa IN (0, 1)),
        url_prefix TEXT
      ) STRICT;

      CREATE TABLE sites (
        id            INTEGER PRIMARY KEY,
        platform      TEXT NOT NULL REFERENCES platforms(key),
        handle        TEXT NOT NULL COLLATE NOCASE,
        name          TEXT NOT NULL,
        url           TEXT,
        purpose       TEXT NOT NULL DEFAULT '',
        department_id INTEGER REFERENCES departments(id),
        scope         TEXT NOT NULL CHECK (scope IN ('official', 'non_city_official_use')),
        status        TEXT NOT NULL CHECK (status IN ('proposed', 'approved', 'active', 'suspended', 'retired')),
        twofa_enabled INTEGER NOT NULL DEFAULT 0 CHECK (twofa_enabled IN (0, 1)),
        policy_linked INTEGER NOT NULL DEFAULT 0 CHECK (policy_linked IN (0, 1)),
        policy_url    TEXT,
        created_by    INTEGER NOT NULL REFERENCES people(id),
        created_at    TEXT NOT NULL,
        UNIQUE (platform, handle)
      ) STRICT;

      -- Evidence files (memos, emails) kept whole so an approval can be shown to an auditor.
      CREATE TABLE evidence (
        id         INTEGER PRIMARY KEY,
        file_name  TEXT NOT NULL,
        media_type TEXT NOT NULL,
        bytes      BLOB NOT NULL,
        sha256     TEXT NOT NULL,
        added_by   INTEGER NOT NULL REFERENCES people(id),
        added_at   TEXT NOT NULL
      ) STRICT;

      CREATE TABLE approvals (
        id          INTEGER PRIMARY KEY,
        subject     TEXT NOT NULL CHECK (subject IN ('site', 'admin_change')),
        subject_id  INTEGER NOT NULL,
        approver_id INTEGER NOT NULL REFERENCES people(id),
        approved_on TEXT NOT NULL,
        evidence_id INTEGER NOT NULL REFERENCES evidence(id),
        note        TEXT NOT NULL DEFAULT '',
        recorded_by INTEGER NOT NULL REFERENCES people(id),
        recorded_at TEXT NOT NULL,
        UNIQUE (subject, subject_id)
      ) STRICT;

      -- Administrators are the fold of approved changes: a request has no effect until approved.
      CREATE TABLE admin_changes (
        id           INTEGER PRIMARY KEY,
        site_id      INTEGER NOT NULL REFERENCES sites(id),
        person_id    INTEGER NOT NULL REFERENCES people(id),
        action       TEXT NOT NULL CHECK (action IN ('add', 'remove')),
        reason       TEXT NOT NULL DEFAULT '',
        requested_by INTEGER NOT NULL REFERENCES people(id),
        requested_at TEXT NOT NULL,
        cancelled_at TEXT,
        approval_id  INTEGER REFERENCES approvals(id)
      ) STRICT;
      CREATE INDEX admin_changes_site ON admin_changes(site_id);

      CREATE TABLE terms_reviews (
        id          INTEGER PRIMARY KEY,
        site_id     INTEGER NOT NULL REFERENCES sites(id),
        reviewed_on TEXT NOT NULL,
        reviewer_id INTEGER NOT NULL REFERENCES people(id),
        outcome     TEXT NOT NULL CHECK (outcome IN ('acceptable', 'it_consulted')),
        note        TEXT NOT NULL DEFAULT '',
        recorded_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX terms_reviews_site ON terms_reviews(site_id, reviewed_on);

      CREATE TABLE violation_reports (
        id          INTEGER PRIMARY KEY,
        reported_by INTEGER NOT NULL REFERENCES people(id),
        reported_at TEXT NOT NULL,
        site_id     INTEGER REFERENCES sites(id),
        summary     TEXT NOT NULL CHECK (length(trim(summary)) > 0),
        details     TEXT NOT NULL DEFAULT '',
        status      TEXT NOT NULL CHECK (status IN ('open', 'in_progress', 'closed')),
        closed_at   TEXT
      ) STRICT;

      CREATE TABLE violation_steps (
        id        INTEGER PRIMARY KEY,
        report_id INTEGER NOT NULL REFERENCES violation_reports(id),
        actor_id  INTEGER NOT NULL REFERENCES people(id),
        at        TEXT NOT NULL,
        step      TEXT NOT NULL CHECK (length(trim(step)) > 0)
      ) STRICT;

      -- Append-only by trigger: the audit log is evidence, so the app cannot rewrite it either.
      CREATE TABLE audit_log (
        id         INTEGER PRIMARY KEY,
        at         TEXT NOT NULL,
        actor_id   INTEGER REFERENCES people(id),
        actor_role TEXT,
        action     TEXT NOT NULL,
        entity     TEXT NOT NULL,
        entity_id  TEXT,
        before     TEXT CHECK (before IS NULL OR json_valid(before)),
        after      TEXT CHECK (after IS NULL OR json_valid(after))
      ) STRICT;
      CREATE INDEX audit_log_entity ON audit_log(entity, entity_id);
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
        BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
    `);
  },
};
