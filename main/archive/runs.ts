import type { Db } from '../db/connection';
import { ArchiveInputError, checkSource } from './input';
import type { CaptureRun, StartedRun } from './model';
import type { CaptureSource } from './types';

export interface StartRunInput {
  siteId: number;
  /** What the run walks, e.g. 'posts' or 'comments:123_456'; a later run of the same scope resumes it. */
  scope?: string;
  source: CaptureSource;
}

export interface FinishRunInput {
  /** Default 'succeeded' without an error, 'failed' with one. */
  status?: 'succeeded' | 'failed';
  error?: string | null;
}

export interface RunProgress {
  new: number;
  versions: number;
  unchanged: number;
  deletions: number;
}

const COLUMNS = `id, site_id AS siteId, scope, source, started_at AS startedAt, finished_at AS finishedAt, status,
  batches, new_count AS newCount, version_count AS versionCount, unchanged_count AS unchangedCount,
  deletion_count AS deletionCount, cursor, resumed_from AS resumedFrom, error`;

/**
 * The capture log. A process that dies mid-capture leaves its run 'running'; the next start of the
 * same site and scope marks it 'interrupted' and hands its cursor on, while the batches it did
 * commit are already whole in the archive (each is one transaction), so re-capturing from there
 * adds only what is missing.
 */
export class Runs {
  private readonly running;
  private readonly interrupt;
  private readonly allRunning;
  private readonly latest;
  private readonly insert;
  private readonly progressStmt;
  private readonly finishStmt;
  private readonly byId;
  private readonly list;
  private readonly listSite;

  constructor(db: Db) {
    this.running = db.prepare(`SELECT id FROM capture_runs WHERE status = 'running' AND site_id = ? AND scope = ?`).pluck();
    this.allRunning = db.prepare(`SELECT id FROM capture_runs WHERE status = 'running'`).pluck();
    this.interrupt = db.prepare(`
      UPDATE capture_runs SET status = 'interrupted', finished_at = ?,
        error = coalesce(error, 'The capturing process ended without finishing this run.')
      WHERE id = ? AND status = 'running'`);
    this.latest = db.prepare(`SELECT id, status, cursor FROM capture_runs WHERE site_id = ? AND scope = ? ORDER BY id DESC LIMIT 1`);
    this.insert = db.prepare(`
      INSERT INTO capture_runs (site_id, scope, source, started_at, status, resumed_from, cursor)
      VALUES (?, ?, ?, ?, 'running', ?, ?)`);
    this.progressStmt = db.prepare(`
      UPDATE capture_runs SET batches = batches + 1, new_count = new_count + ?, version_count = version_count + ?,
        unchanged_count = unchanged_count + ?, deletion_count = deletion_count + ?, cursor = coalesce(?, cursor)
      WHERE id = ? AND status = 'running'`);
    this.finishStmt = db.prepare(`UPDATE capture_runs SET status = ?, finished_at = ?, error = ? WHERE id = ? AND status = 'running'`);
    this.byId = db.prepare(`SELECT ${COLUMNS} FROM capture_runs WHERE id = ?`);
    this.list = db.prepare(`SELECT ${COLUMNS} FROM capture_runs ORDER BY id DESC LIMIT ?`);
    this.listSite = db.prepare(`SELECT ${COLUMNS} FROM capture_runs WHERE site_id = ? ORDER BY id DESC LIMIT ?`);
  }

  /** Call inside a write transaction. */
  start(input: StartRunInput, now: string): StartedRun {
    checkSource(input.source);
    const scope = input.scope ?? 'all';
    const interrupted = this.running.all(input.siteId, scope) as number[];
    for (const id of interrupted) this.interrupt.run(now, id);
    const previous = this.latest.get(input.siteId, scope) as { id: number; status: string; cursor: string | null } | undefined;
    const resumable = previous !== undefined && previous.status !== 'succeeded' && previous.cursor !== null;
    const resumeCursor = resumable ? previous.cursor : null;
    const resumedFrom = resumable ? previous.id : null;
    const runId = Number(this.insert.run(input.siteId, scope, input.source, now, resumedFrom, resumeCursor).lastInsertRowid);
    return { runId, resumeCursor, resumedFrom, interrupted };
  }

  /** Call in the same transaction as the batch it counts, so counts never run ahead of records. */
  progress(runId: number, p: RunProgress, cursor: string | null | undefined): void {
    const changed = this.progressStmt.run(p.new, p.versions, p.unchanged, p.deletions, cursor ?? null, runId).changes;
    if (changed === 0) throw new ArchiveInputError(`Capture run ${runId} is not running.`);
  }

  finish(runId: number, input: FinishRunInput, now: string): CaptureRun {
    const error = input.error ?? null;
    const status = input.status ?? (error === null ? 'succeeded' : 'failed');
    const changed = this.finishStmt.run(status, now, error, runId).changes;
    if (changed === 0) throw new ArchiveInputError(`Capture run ${runId} is not running.`);
    return this.get(runId) as CaptureRun;
  }

  /** At app start, before any capture: every run still 'running' belongs to a process that is gone. */
  markAllInterrupted(now: string): number[] {
    const ids = this.allRunning.all() as number[];
    for (const id of ids) this.interrupt.run(now, id);
    return ids;
  }

  get(runId: number): CaptureRun | null {
    return (this.byId.get(runId) as CaptureRun | undefined) ?? null;
  }

  recent(filter: { siteId?: number; limit?: number } = {}): CaptureRun[] {
    const limit = Math.min(Math.max(filter.limit ?? 50, 1), 1000);
    return (filter.siteId === undefined ? this.list.all(limit) : this.listSite.all(filter.siteId, limit)) as CaptureRun[];
  }
}
