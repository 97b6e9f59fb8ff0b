import type { Migration } from '../migrate';

/**
 * The public-records archive (REC-1..REC-4, CIV-1). Everything here is append-only by trigger: a
 * capture never overwrites or removes anything, so only a deliberate raw edit of the file (with the
 * triggers dropped) can change a row, and `verify` finds that edit through the hash chain.
 *
 * One table, archive_entries, holds every event in chain order: a captured version of an object,
 * a deletion mark, a reconcile (the list of ids a capture saw), or a moderation action. Each row
 * carries the platform's exact bytes (payload, last column so index scans never touch it), their
 * SHA-256, and its link in the chain, so `sqlite3 workspace.sqlite "SELECT payload FROM
 * archive_entries WHERE external_id = '…'"` reads a record with no app at all.
 *
 * Entry hashes are raw 32-byte BLOBs (an entry row is mostly bytes written: 96 fewer per row);
 * `lower(hex(payload_sha256))` is what `sha256sum` prints. Media are keyed by hex TEXT, like git
 * objects, because that is how they are asked for.
 * There is no separate objects table: an object is the run of entries sharing (site_id,
 * external_id) on its site's one platform, which keeps a new record to one row and three b-trees.
 */
export const m002Archive: Migration = {
  version: 2,
  name: '002_archive',
  up(db) {
    // CHECKs on archive_entries spell lists out with OR: SQLite evaluates `x IN ('a', 'b', …)`
    // in a CHECK by building a small ephemeral table per INSERT, which measured at over 2 µs a
    // row, about a tenth of the whole import.
    db.exec(`
      CREATE TABLE archive_entries (
        id                 INTEGER PRIMARY KEY,  -- the sequence number in the chain: 1, 2, 3… with no gaps
        type               TEXT NOT NULL CHECK (type = 'capture' OR type = 'deletion' OR type = 'reconcile' OR type = 'action'),
        captured_at        TEXT NOT NULL,
        source             TEXT NOT NULL CHECK (source = 'api' OR source = 'import' OR source = 'moderation'),
        site_id            INTEGER NOT NULL REFERENCES sites(id),
        platform           TEXT NOT NULL,
        kind               TEXT NOT NULL,
        external_id        TEXT,
        parent_external_id TEXT,
        author             TEXT,
        created_at         TEXT,
        hidden             INTEGER CHECK (hidden = 0 OR hidden = 1),
        version            INTEGER CHECK (version >= 1),
        content_type       TEXT,
        text               TEXT,
        action             TEXT,
        actor_id           INTEGER REFERENCES people(id),
        note               TEXT,
        ref_entry_id       INTEGER,
        last_seen_at       TEXT,
        found_gone_at      TEXT,
        media_count        INTEGER NOT NULL DEFAULT 0,
        payload_sha256     BLOB CHECK (length(payload_sha256) = 32),
        prev_hash          BLOB NOT NULL CHECK (length(prev_hash) = 32),
        entry_hash         BLOB NOT NULL CHECK (length(entry_hash) = 32),
        payload            BLOB,
        -- Search filters as words, so a filter is a doclist intersection inside FTS5 instead of a
        -- row-by-row check: the month (from created_at), the exact author as one token (its bytes
        -- in hex), and the rare states and kinds. Common values (comment, reply, the site) are left
        -- out: every distinct word costs FTS5 time at import and they would narrow nothing. VIRTUAL:
        -- computed on read, no bytes stored, not part of the record.
        facets             TEXT GENERATED ALWAYS AS (
          'm' || substr(coalesce(created_at, captured_at), 1, 4) || substr(coalesce(created_at, captured_at), 6, 2)
          || CASE WHEN author IS NULL THEN '' ELSE ' a' || hex(author) END
          || CASE WHEN type = 'deletion' THEN ' deleted' ELSE '' END
          || CASE WHEN hidden = 1 THEN ' hidden' ELSE '' END
          || CASE WHEN version > 1 THEN ' edited' ELSE '' END
          || CASE WHEN kind = 'comment' OR kind = 'reply' THEN '' ELSE ' k' || kind END
        ) VIRTUAL,
        CHECK (type <> 'capture' OR (external_id IS NOT NULL AND version IS NOT NULL AND hidden IS NOT NULL
                                     AND payload IS NOT NULL AND payload_sha256 IS NOT NULL AND content_type IS NOT NULL)),
        CHECK (type <> 'deletion' OR (external_id IS NOT NULL AND found_gone_at IS NOT NULL AND version IS NOT NULL)),
        CHECK (type <> 'action' OR (external_id IS NOT NULL AND action IS NOT NULL)),
        CHECK ((payload IS NULL) = (payload_sha256 IS NULL))
      ) STRICT;
      -- Hash chain: entry_hash = SHA-256(canonical encoding of this row's stored columns, see
      -- main/archive/encoding.ts); prev_hash = entry_hash of entry id - 1 (32 zero bytes for entry 1).

      -- Every entry about one object, in order: latest state, version history, getRecord. A site
      -- lives on one platform, so (site_id, external_id) is the object's identity.
      CREATE INDEX archive_entries_object ON archive_entries(site_id, external_id, id)
        WHERE external_id IS NOT NULL;
      -- One row per object (its first version): what reconcile walks to find objects now gone.
      CREATE INDEX archive_entries_scope ON archive_entries(site_id, kind, parent_external_id)
        WHERE type = 'capture' AND version = 1;
      -- Earlier reconciles of a scope tell when a vanished object was last seen.
      CREATE INDEX archive_entries_reconcile ON archive_entries(site_id, kind, id)
        WHERE type = 'reconcile';
      -- Deletions, reconciles and actions are few: counting or listing them never scans the captures.
      CREATE INDEX archive_entries_events ON archive_entries(type, id) WHERE type <> 'capture';

      -- Media by content: identical bytes are stored once however many versions link them.
      CREATE TABLE archive_media (
        sha256     TEXT PRIMARY KEY,
        media_type TEXT NOT NULL,
        size       INTEGER NOT NULL,
        added_at   TEXT NOT NULL,
        bytes      BLOB NOT NULL
      ) STRICT;

      CREATE TABLE archive_entry_media (
        entry_id     INTEGER NOT NULL REFERENCES archive_entries(id),
        ordinal      INTEGER NOT NULL,
        media_sha256 TEXT NOT NULL REFERENCES archive_media(sha256),
        media_type   TEXT NOT NULL,
        source_url   TEXT,
        PRIMARY KEY (entry_id, ordinal)
      ) STRICT, WITHOUT ROWID;
      CREATE INDEX archive_entry_media_sha ON archive_entry_media(media_sha256);

      CREATE TABLE archive_signing_keys (
        id         INTEGER PRIMARY KEY,
        algorithm  TEXT NOT NULL CHECK (algorithm = 'ed25519'),
        public_key TEXT NOT NULL UNIQUE,  -- raw 32-byte key, hex
        added_at   TEXT NOT NULL
      ) STRICT;

      -- A signature over (entry id, entry hash) at the end of every write transaction. No FK to the
      -- entry on purpose: a checkpoint must outlive a removed entry so verify can name it.
      CREATE TABLE archive_checkpoints (
        id        INTEGER PRIMARY KEY,
        entry_id  INTEGER NOT NULL,
        head_hash TEXT NOT NULL,
        signed_at TEXT NOT NULL,
        key_id    INTEGER NOT NULL REFERENCES archive_signing_keys(id),
        signature TEXT NOT NULL
      ) STRICT;

      -- Search index over captured (and deleted) text. External content: the text lives once, in the
      -- entry. columnsize=0 because hits come newest first, not by bm25, which is what needs sizes.
      CREATE VIRTUAL TABLE archive_fts USING fts5(
        text, facets, content = 'archive_entries', content_rowid = 'id',
        tokenize = 'unicode61 remove_diacritics 2', columnsize = 0
      );
      -- Hold up to 8 MB of new postings before writing a segment (default 1 MB): an import batch
      -- becomes one segment instead of several, so there is less to merge later.
      INSERT INTO archive_fts (archive_fts, rank) VALUES ('hashsize', 8388608);

      -- The capture log. A run may change only while it is running; a finished run is history.
      CREATE TABLE capture_runs (
        id              INTEGER PRIMARY KEY,
        site_id         INTEGER NOT NULL REFERENCES sites(id),
        scope           TEXT NOT NULL,
        source          TEXT NOT NULL CHECK (source IN ('api', 'import', 'moderation')),
        started_at      TEXT NOT NULL,
        finished_at     TEXT,
        status          TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'interrupted')),
        batches         INTEGER NOT NULL DEFAULT 0,
        new_count       INTEGER NOT NULL DEFAULT 0,
        version_count   INTEGER NOT NULL DEFAULT 0,
        unchanged_count INTEGER NOT NULL DEFAULT 0,
        deletion_count  INTEGER NOT NULL DEFAULT 0,
        cursor          TEXT,
        resumed_from    INTEGER REFERENCES capture_runs(id),
        error           TEXT
      ) STRICT;
      CREATE INDEX capture_runs_scope ON capture_runs(site_id, scope, id);
      CREATE INDEX capture_runs_running ON capture_runs(status) WHERE status = 'running';
    `);
    for (const table of ['archive_entries', 'archive_media', 'archive_entry_media', 'archive_signing_keys', 'archive_checkpoints']) {
      db.exec(`
        CREATE TRIGGER ${table}_no_update BEFORE UPDATE ON ${table}
          BEGIN SELECT RAISE(ABORT, 'the archive is append-only: ${table} rows are never changed'); END;
        CREATE TRIGGER ${table}_no_delete BEFORE DELETE ON ${table}
          BEGIN SELECT RAISE(ABORT, 'the archive is append-only: ${table} rows are never removed'); END;
      `);
    }
    db.exec(`
      CREATE TRIGGER capture_runs_no_delete BEFORE DELETE ON capture_runs
        BEGIN SELECT RAISE(ABORT, 'the capture log is append-only'); END;
      CREATE TRIGGER capture_runs_frozen BEFORE UPDATE ON capture_runs
        WHEN OLD.status <> 'running' OR NEW.id <> OLD.id OR NEW.site_id <> OLD.site_id
          OR NEW.scope <> OLD.scope OR NEW.source <> OLD.source OR NEW.started_at <> OLD.started_at
        BEGIN SELECT RAISE(ABORT, 'a finished capture run is never changed'); END;
    `);
  },
};
