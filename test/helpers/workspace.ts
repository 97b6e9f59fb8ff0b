import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DomainContext } from '../../main/registry/context';
import { initWorkspace, loadActor, type Workspace } from '../../main/workspace/workspace';

export interface TestWorkspace {
  ws: Workspace;
  dir: string;
  /** A context acting as the demo person with this email prefix (e.g. 'javery' for the CM). */
  as(emailPrefix: string): DomainContext;
  personId(emailPrefix: string): number;
  now: Date;
  setNow(d: Date): void;
  cleanup(): void;
}

export function tempDir(prefix = 'civicdesk-test-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** A real SQLite workspace file in a temp folder, seeded with the Kalispell demo. */
export function demoWorkspace(start = new Date('2026-06-01T15:00:00Z')): TestWorkspace {
  const dir = tempDir();
  let now = start;
  const clock = () => now;
  const ws = initWorkspace(join(dir, 'ws'), { demo: true, now: clock });
  const personId = (prefix: string) => {
    const row = ws.db.prepare('SELECT id FROM people WHERE email LIKE ?').get(`${prefix}@%`) as { id: number } | undefined;
    if (!row) throw new Error(`no demo person ${prefix}`);
    return row.id;
  };
  return {
    ws, dir, personId,
    as: (prefix) => ({ db: ws.db, actor: loadActor(ws.db, personId(prefix)), now: clock }),
    get now() { return now; },
    setNow: (d) => { now = d; },
    cleanup: () => {
      ws.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const CM = 'javery';
export const CITY_MANAGER = 'mellis';
export const ATTORNEY = 'rchen';
export const IT_DIRECTOR = 'sokafor';
export const CLERK = 'tbrooks';
export const PW_DIRECTOR = 'clindqvist';
export const DESIGNEE = 'jortiz';
export const EMPLOYEE = 'dpatel';

export function memo(text = 'The City Manager approves this request.') {
  return { fileName: 'approval-memo.txt', mediaType: 'text/plain', bytes: new TextEncoder().encode(text) };
}

export function countRows(ws: Workspace, table: string): number {
  return (ws.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
}
