import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type Db } from '../../main/db/connection';
import { createArchive, createEphemeralSigner, type Archive, type ArchiveOptions } from '../../main/archive';
import type { CapturedObject, ObjectKind, PlatformKey } from '../../main/archive/types';

export interface TestArchive {
  db: Db;
  file: string;
  dir: string;
  archive: Archive;
  signer: ReturnType<typeof createEphemeralSigner>;
  fbSite: number;
  xSite: number;
  personId: number;
  setNow(iso: string): void;
  /** Opens the same file again, as another process would. */
  reopen(options?: ArchiveOptions): Archive;
  cleanup(): void;
}

/** The least of the registry an archive needs: a person, the two platforms and one site on each. */
export function seedRegistry(db: Db): { fbSite: number; xSite: number; personId: number } {
  db.exec(`
    INSERT OR IGNORE INTO roles (key, name, capabilities, sort) VALUES ('cm', 'Communications Manager', '[]', 0);
    INSERT OR IGNORE INTO platforms (key, name, offers_2fa) VALUES ('facebook', 'Facebook', 1), ('x', 'X', 1);
  `);
  const personId = Number(
    db.prepare(`INSERT INTO people (name, role, email, created_at) VALUES ('Jo Avery', 'cm', ?, '2026-01-01T00:00:00Z')`).run(`jo${Date.now()}${Math.random()}@city.test`)
      .lastInsertRowid,
  );
  const site = db.prepare(`
    INSERT INTO sites (platform, handle, name, scope, status, created_by, created_at)
    VALUES (?, ?, ?, 'official', 'active', ?, '2026-01-01T00:00:00Z')`);
  const fbSite = Number(site.run('facebook', `cityfb${personId}`, 'City of Kalispell', personId).lastInsertRowid);
  const xSite = Number(site.run('x', `cityx${personId}`, 'City of Kalispell on X', personId).lastInsertRowid);
  return { fbSite, xSite, personId };
}

export function tempArchive(): TestArchive {
  const dir = mkdtempSync(join(tmpdir(), 'civicdesk-archive-'));
  const file = join(dir, 'ws.sqlite');
  const db = openDatabase(file);
  const { fbSite, xSite, personId } = seedRegistry(db);
  const signer = createEphemeralSigner();
  let now = new Date('2026-06-01T15:00:00.000Z');
  const clock = () => now;
  const others: Db[] = [];
  return {
    db,
    file,
    dir,
    archive: createArchive(db, { signer, now: clock }),
    signer,
    fbSite,
    xSite,
    personId,
    setNow: (iso) => {
      now = new Date(iso);
    },
    reopen: (options) => {
      const other = openDatabase(file);
      others.push(other);
      return createArchive(other, { signer, now: clock, ...options });
    },
    cleanup: () => {
      for (const o of others) o.close();
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const enc = new TextEncoder();

export interface ObjectSpec {
  id: string;
  kind?: ObjectKind;
  platform?: PlatformKey;
  text?: string;
  parent?: string | null;
  author?: string;
  hidden?: boolean;
  createdAt?: string;
  /** Extra payload fields, to make a version differ. */
  extra?: Record<string, unknown>;
}

/** A Graph-API-like payload, serialized once: the archive must keep exactly these bytes. */
export function obj(spec: ObjectSpec): CapturedObject {
  const text = spec.text ?? `Comment ${spec.id} about the Woodland Park pool`;
  const payload = {
    id: spec.id,
    message: text,
    created_time: spec.createdAt ?? '2026-05-01T12:00:00+0000',
    from: { id: `u-${spec.author ?? 'resident'}`, name: spec.author ?? 'Pat Resident' },
    is_hidden: spec.hidden ?? false,
    ...spec.extra,
  };
  return {
    platform: spec.platform ?? 'facebook',
    kind: spec.kind ?? 'comment',
    externalId: spec.id,
    parentExternalId: spec.parent === undefined ? 'post-1' : spec.parent,
    author: spec.author ?? 'Pat Resident',
    createdAt: spec.createdAt ?? '2026-05-01T12:00:00Z',
    text,
    hidden: spec.hidden ?? false,
    payload: enc.encode(JSON.stringify(payload)),
    contentType: 'application/json',
  };
}
