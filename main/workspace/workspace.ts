import { readMeta, writeMeta } from './meta';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { inTransaction, openDatabase, type Db } from '../db/connection';
import { audit, type Actor, type DomainContext } from '../registry/context';
import { seedKalispellDemo, seedReferenceData } from '../registry/seed';
import { AppError } from '../shared/errors';
import { workspaceFile } from './paths';

export interface Workspace {
  dataDir: string;
  file: string;
  db: Db;
  id: string;
  demo: boolean;
  close(): void;
}


function wrap(dataDir: string, db: Db): Workspace {
  return { dataDir, file: workspaceFile(dataDir), db, id: readMeta(db, 'workspace_id') ?? '', demo: readMeta(db, 'demo') === '1', close: () => db.close() };
}

export function workspaceExists(dataDir: string): boolean {
  return existsSync(workspaceFile(dataDir));
}

/** Opens an existing workspace; it never creates one by accident (a typo in --data-dir would). */
export function openWorkspace(dataDir: string): Workspace {
  if (!workspaceExists(dataDir)) {
    throw new AppError('not_found', `No workspace in ${dataDir}. Create one with: civicdesk init --data-dir "${dataDir}" (add --demo for the Kalispell demo).`);
  }
  const db = openDatabase(workspaceFile(dataDir));
  if (!readMeta(db, 'workspace_id')) {
    db.close();
    throw new AppError('invalid_input', `${workspaceFile(dataDir)} is not a Civic Social Desk workspace.`);
  }
  return wrap(dataDir, db);
}

export interface InitOptions { demo?: boolean; now?: () => Date }

/** Creates a workspace: reference data always, the Kalispell demo on request. All or nothing. */
export function initWorkspace(dataDir: string, options: InitOptions = {}): Workspace {
  if (workspaceExists(dataDir)) throw new AppError('conflict', `A workspace already exists in ${dataDir}.`);
  const now = options.now ?? (() => new Date());
  const db = openDatabase(workspaceFile(dataDir));
  try {
    inTransaction(db, () => {
      writeMeta(db, 'workspace_id', randomUUID());
      writeMeta(db, 'created_at', now().toISOString());
      writeMeta(db, 'demo', options.demo ? '1' : '0');
      seedReferenceData(db);
      const bootstrap: DomainContext = { db, actor: null, now };
      audit(bootstrap, 'workspace.create', 'workspace', null, null, { demo: Boolean(options.demo) });
      if (options.demo) {
        const ids = seedKalispellDemo((personId) => ({ db, actor: loadActor(db, personId), now }), bootstrap);
        // The demo belongs to its Communications Manager so the app and CLI can act at once.
        writeMeta(db, 'owner_person_id', String(ids.cm));
      }
    });
  } catch (err) {
    db.close();
    throw err;
  }
  return wrap(dataDir, db);
}

export function loadActor(db: Db, personId: number): Actor {
  const row = db.prepare(
    `SELECT p.id, p.name, p.role, p.active, r.name AS role_name, r.capabilities FROM people p JOIN roles r ON r.key = p.role WHERE p.id = ?`,
  ).get(personId) as { id: number; name: string; role: string; active: number; role_name: string; capabilities: string } | undefined;
  if (!row) throw new AppError('not_found', `No person with id ${personId}.`);
  if (row.active !== 1) throw new AppError('forbidden', `${row.name} is no longer active in the registry.`);
  return { personId: row.id, name: row.name, role: row.role, roleName: row.role_name, capabilities: new Set(JSON.parse(row.capabilities) as string[]) };
}

/** The person this workspace belongs to, or null before first start has chosen one. */
export function workspaceOwner(db: Db): Actor | null {
  const id = readMeta(db, 'owner_person_id');
  return id ? loadActor(db, Number(id)) : null;
}

/**
 * A workspace belongs to one person, chosen once. Only the demo workspace lets its user switch,
 * so that anyone trying the app can see what each role may and may not do.
 */
export function chooseOwner(ws: Workspace, personId: number, now: () => Date = () => new Date()): Actor {
  return inTransaction(ws.db, () => {
    const current = readMeta(ws.db, 'owner_person_id');
    if (current && !ws.demo) throw new AppError('forbidden', 'This workspace already belongs to someone; each person keeps their own workspace.');
    const actor = loadActor(ws.db, personId);
    writeMeta(ws.db, 'owner_person_id', String(personId));
    audit({ db: ws.db, actor, now }, 'workspace.owner', 'workspace', null, current ? { personId: Number(current) } : null, { personId, name: actor.name });
    return actor;
  });
}

export interface FirstPersonInput { name: string; email: string; role: string; departmentId?: number | null }

/**
 * First start of a real workspace: its registry is empty, so the person starting it enters
 * themselves and becomes its owner. Refused once anyone is in the registry.
 */
export function setupFirstPerson(ws: Workspace, input: FirstPersonInput, now: () => Date = () => new Date()): Actor {
  return inTransaction(ws.db, () => {
    const count = (ws.db.prepare('SELECT count(*) AS n FROM people').get() as { n: number }).n;
    if (count > 0) throw new AppError('conflict', 'This workspace already has people in its registry; choose yourself from the list.');
    if (!input.name.trim()) throw new AppError('invalid_input', 'A name is required.');
    if (!ws.db.prepare('SELECT 1 FROM roles WHERE key = ?').get(input.role)) throw new AppError('invalid_input', `Unknown role "${input.role}".`);
    const id = Number(ws.db.prepare(
      'INSERT INTO people (name, role, department_id, email, may_submit, approver_id, active, created_at) VALUES (?, ?, ?, ?, 0, NULL, 1, ?)',
    ).run(input.name.trim(), input.role, input.departmentId ?? null, input.email.trim(), now().toISOString()).lastInsertRowid);
    writeMeta(ws.db, 'owner_person_id', String(id));
    const actor = loadActor(ws.db, id);
    audit({ db: ws.db, actor, now }, 'person.create', 'person', id, null, { name: input.name.trim(), role: input.role, email: input.email.trim() });
    audit({ db: ws.db, actor, now }, 'workspace.owner', 'workspace', null, null, { personId: id, name: actor.name });
    return actor;
  });
}

export function contextFor(ws: Workspace, now: () => Date = () => new Date()): DomainContext {
  return { db: ws.db, actor: workspaceOwner(ws.db), now };
}
