import type { Migration } from '../migrate';

/**
 * How the app reaches each site's platform account: the API base address, the account's id on
 * the platform, and how often to capture. The access token is a secret and lives in the keychain
 * (account `site:<id>:token:api`), never here.
 */
export const m003Connections: Migration = {
  version: 3,
  name: '003_connections',
  up(db) {
    db.exec(`
      CREATE TABLE site_connections (
        site_id          INTEGER PRIMARY KEY REFERENCES sites(id),
        base_url         TEXT NOT NULL CHECK (base_url LIKE 'https://%' OR base_url LIKE 'http://127.0.0.1:%' OR base_url LIKE 'http://localhost:%'),
        account_id       TEXT NOT NULL CHECK (length(account_id) BETWEEN 1 AND 100),
        capture_minutes  INTEGER NOT NULL DEFAULT 60 CHECK (capture_minutes BETWEEN 0 AND 10080),
        updated_at       TEXT NOT NULL
      ) STRICT;
    `);
  },
};
