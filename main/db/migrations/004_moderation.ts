import type { Migration } from '../migrate';

/**
 * The moderation inbox (CIV-2, CIV-4, CIV-6, CIV-7, CMT-2..CMT-4): the versioned policy the
 * screener applies, what it said about each captured comment, and every action the city took,
 * with clause, evidence, policy version, actor and time. Comment text is never stored edited: the
 * archive holds the exact bytes; this keeps a searchable copy of the version screened.
 */
export const m004Moderation: Migration = {
  version: 4,
  name: '004_moderation',
  up(db) {
    db.exec(`
      CREATE TABLE moderation_policies (
        version    TEXT PRIMARY KEY,
        policy     TEXT NOT NULL CHECK (json_valid(policy)),
        created_at TEXT NOT NULL,
        created_by INTEGER REFERENCES people(id),
        note       TEXT NOT NULL DEFAULT ''
      ) STRICT;

      CREATE TABLE moderation_learning (
        id          INTEGER PRIMARY KEY CHECK (id = 1),
        adjustments TEXT NOT NULL CHECK (json_valid(adjustments)),
        updated_at  TEXT NOT NULL
      ) STRICT;

      CREATE TABLE inbox_comments (
        id              INTEGER PRIMARY KEY,
        site_id         INTEGER NOT NULL REFERENCES sites(id),
        platform        TEXT NOT NULL,
        external_id     TEXT NOT NULL,
        kind            TEXT NOT NULL CHECK (kind IN ('comment', 'reply')),
        entry_id        INTEGER NOT NULL,
        parent_external_id TEXT,
        post_external_id   TEXT,
        post_text       TEXT NOT NULL DEFAULT '',
        author          TEXT,
        text            TEXT NOT NULL,
        created_at      TEXT,
        captured_at     TEXT NOT NULL,
        verdict         TEXT NOT NULL CHECK (verdict IN ('allow', 'redirect', 'remove', 'needs_review')),
        labels          TEXT NOT NULL CHECK (json_valid(labels)),
        evidence        TEXT NOT NULL CHECK (json_valid(evidence)),
        confidence      REAL NOT NULL,
        policy_version  TEXT NOT NULL,
        referral        TEXT CHECK (referral IS NULL OR json_valid(referral)),
        state           TEXT NOT NULL CHECK (state IN ('open', 'allowed', 'hidden', 'removed', 'replied', 'with_attorney', 'gone')),
        hidden          INTEGER NOT NULL DEFAULT 0,
        updated_at      TEXT NOT NULL,
        UNIQUE (site_id, platform, external_id)
      ) STRICT;
      CREATE INDEX inbox_by_state ON inbox_comments(state, captured_at DESC, id DESC);
      CREATE INDEX inbox_by_time ON inbox_comments(captured_at DESC, id DESC);

      CREATE TABLE moderation_actions (
        id              INTEGER PRIMARY KEY,
        inbox_id        INTEGER NOT NULL REFERENCES inbox_comments(id),
        action          TEXT NOT NULL CHECK (action IN ('allow', 'hide', 'unhide', 'delete', 'reply', 'refer_attorney', 'reopen')),
        labels          TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(labels)),
        evidence        TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(evidence)),
        note            TEXT NOT NULL DEFAULT '',
        policy_version  TEXT NOT NULL,
        actor_id        INTEGER NOT NULL REFERENCES people(id),
        at              TEXT NOT NULL,
        archive_entry_id INTEGER,
        reply_text      TEXT,
        platform_ref    TEXT,
        state_before    TEXT NOT NULL,
        undoes          INTEGER REFERENCES moderation_actions(id)
      ) STRICT;
      CREATE INDEX moderation_actions_inbox ON moderation_actions(inbox_id, id);
      CREATE TRIGGER moderation_actions_no_update BEFORE UPDATE ON moderation_actions
        BEGIN SELECT RAISE(ABORT, 'moderation actions are a record and are never changed'); END;
      CREATE TRIGGER moderation_actions_no_delete BEFORE DELETE ON moderation_actions
        BEGIN SELECT RAISE(ABORT, 'moderation actions are a record and are never deleted'); END;

      CREATE TABLE moderation_flags (
        id          INTEGER PRIMARY KEY,
        inbox_id    INTEGER NOT NULL REFERENCES inbox_comments(id),
        flagged_by  INTEGER NOT NULL REFERENCES people(id),
        at          TEXT NOT NULL,
        reason      TEXT NOT NULL,
        resolved_at TEXT
      ) STRICT;

      CREATE TABLE moderation_consults (
        id          INTEGER PRIMARY KEY,
        inbox_id    INTEGER NOT NULL REFERENCES inbox_comments(id),
        asked_by    INTEGER NOT NULL REFERENCES people(id),
        person_id   INTEGER NOT NULL REFERENCES people(id),
        question    TEXT NOT NULL,
        asked_at    TEXT NOT NULL,
        answer      TEXT,
        answered_at TEXT
      ) STRICT;

      CREATE TABLE saved_replies (
        id         INTEGER PRIMARY KEY,
        title      TEXT NOT NULL UNIQUE,
        body       TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('general', 'service_referral')),
        updated_at TEXT NOT NULL
      ) STRICT;
    `);
  },
};
