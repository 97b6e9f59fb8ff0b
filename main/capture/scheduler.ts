import type { Archive } from '../archive';
import { openCredentialStore, type CredentialStore } from '../credentials/store';
import type { HttpOptions } from '../platforms';
import { listSites } from '../registry/site-read';
import type { Site } from '../registry/types';
import { AppError } from '../shared/errors';
import { contextFor, type Workspace } from '../workspace/workspace';
import { getConnection, type SiteConnection } from './connections';
import {
  systemTimers, type CaptureStatus, type CaptureTrigger, type CurrentCapture, type SiteCaptureOutcome, type SiteSchedule, type Timers,
} from './scheduler-types';
import { captureNow, openArchiveForReading } from './service';

export type * from './scheduler-types';

export interface CoordinatorOptions {
  workspace: Workspace;
  now?: () => Date;
  timers?: Timers;
  /** The keychain, opened for each run: it may come (or go) while the app runs. */
  openStore?: () => Promise<CredentialStore>;
  http?: HttpOptions;
  /** The app opens and the person starts working before the first scheduled capture competes for the network. */
  firstDelayMs?: number;
  /** The longest sleep between looks at the schedule, so a changed interval or a clock jump is noticed. */
  maxSleepMs?: number;
  /** A desktop notification when the checks after a capture raise a vandalism alert (SEC-7). */
  notify?: (n: { title: string; body: string }) => void;
}

/** Thrown into a capture to stop it between batches; its message ends up in the capture log. */
export class CaptureStopped extends Error {
  constructor() {
    super('Stopped before it finished; the next capture continues from where this one stopped.');
    this.name = 'CaptureStopped';
  }
}

interface Target { site: Site; connection: SiteConnection | null }

const MINUTE = 60_000;
const errorText = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * Runs captures one at a time, whoever asks: a person (start) or the clock (each site's
 * capture_minutes). A second request while one runs is refused, never queued behind it or run
 * beside it, because two captures of the same site would race for the same run cursor. A site
 * that fails is logged and tried again at its next interval; the others go on.
 */
export class CaptureCoordinator {
  private readonly ws: Workspace;
  private readonly now: () => Date;
  private readonly timers: Timers;
  private readonly openStore: () => Promise<CredentialStore>;
  private readonly http: HttpOptions;
  private readonly notify: ((n: { title: string; body: string }) => void) | undefined;
  private readonly firstDelayMs: number;
  private readonly maxSleepMs: number;
  private reader: Archive | null = null;

  private job: Promise<void> | null = null;
  private controller: AbortController | null = null;
  private current: CurrentCapture | null = null;
  /** This session's outcomes; the capture log in the archive covers earlier sessions. */
  private readonly outcomes = new Map<number, SiteCaptureOutcome>();
  /** When each site was last attempted, including attempts that failed before a run was logged. */
  private readonly attempted = new Map<number, number>();
  private lastError: CaptureStatus['lastError'] = null;
  private scheduleStartedAt: number | null = null;
  private timer: unknown = null;
  private disposed = false;
  private readonly listeners = new Set<(status: CaptureStatus) => void>();

  constructor(options: CoordinatorOptions) {
    this.ws = options.workspace;
    this.now = options.now ?? (() => new Date());
    this.timers = options.timers ?? systemTimers;
    this.openStore = options.openStore ?? (() => openCredentialStore(options.workspace.id));
    this.http = options.http ?? {};
    this.notify = options.notify;
    this.firstDelayMs = options.firstDelayMs ?? MINUTE;
    this.maxSleepMs = options.maxSleepMs ?? MINUTE;
  }

  /** Captures one site, or every connected site, now. Returns at once; status() follows it. */
  start(siteId?: number): CaptureStatus {
    if (this.disposed) throw new AppError('conflict', 'The app is closing; no capture was started.');
    if (this.job) throw new AppError('conflict', 'A capture is already running. Wait for it to finish, or stop it.');
    const targets = this.targets();
    let ids: number[];
    if (siteId !== undefined) {
      if (!targets.some((t) => t.site.id === siteId)) throw new AppError('not_found', `No Facebook Page or X account with id ${siteId} in the registry.`);
      ids = [siteId];
    } else {
      ids = targets.filter(capturable).map((t) => t.site.id);
      if (ids.length === 0) {
        throw new AppError('invalid_input', 'No site is connected for capture yet. Give a Facebook Page or X account its API address, account id and token first.');
      }
    }
    this.launch('manual', ids);
    return this.status();
  }

  /** Stops the running capture between two batches; what it archived stays, and the next run resumes. */
  stop(): CaptureStatus {
    if (this.controller && this.current && !this.current.stopping) {
      this.current.stopping = true;
      this.controller.abort(new CaptureStopped());
      this.emit();
    }
    return this.status();
  }

  /** Called on every change of the running capture (start, progress, end); returns the unsubscribe. */
  subscribe(listener: (status: CaptureStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Resolves when no capture is running. */
  idle(): Promise<void> {
    return this.job ?? Promise.resolve();
  }

  startSchedule(): void {
    if (this.disposed || this.scheduleStartedAt !== null) return;
    this.scheduleStartedAt = this.now().getTime();
    this.arm();
  }

  stopSchedule(): void {
    this.scheduleStartedAt = null;
    this.clearTimer();
  }

  /** After a site's connection or interval changed. */
  reschedule(): void {
    this.arm();
  }

  /** A problem found outside a run (e.g. the demo platforms could not start), shown like a run's error. */
  noteProblem(message: string, siteId: number | null = null): void {
    this.lastError = { at: this.now().toISOString(), message, siteId };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    this.stopSchedule();
    this.stop();
    await this.idle();
  }

  status(): CaptureStatus {
    const sites: SiteSchedule[] = this.targets().map(({ site, connection }) => ({
      siteId: site.id,
      siteName: site.name,
      platform: site.platform,
      connected: connection !== null,
      captureMinutes: connection?.captureMinutes ?? 0,
      nextDueAt: toIso(this.dueAt({ site, connection })),
      last: this.outcomes.get(site.id) ?? this.lastLogged(site.id),
    }));
    return {
      running: this.job !== null,
      current: this.current ? { ...this.current } : null,
      scheduling: this.scheduleStartedAt !== null,
      paused: this.scheduleStartedAt !== null ? this.pauseReason() : null,
      sites,
      lastError: this.lastError,
    };
  }

  private archive(): Archive {
    this.reader ??= openArchiveForReading(this.ws).archive;
    return this.reader;
  }

  /** Sites the app knows how to capture: Facebook Pages and X accounts in the registry. */
  private targets(): Target[] {
    const ctx = contextFor(this.ws, this.now);
    return listSites(ctx)
      .filter((s) => s.platform === 'facebook' || s.platform === 'x')
      .map((site) => ({ site, connection: getConnection(ctx, site.id) }));
  }

  /** The newest finished run: one still 'running' is this capture, or one a dead process left behind. */
  private lastLogged(siteId: number): SiteCaptureOutcome | null {
    const run = this.archive().listRuns({ siteId, limit: 5 }).find((r) => r.status !== 'running');
    if (!run) return null;
    return {
      at: run.finishedAt ?? run.startedAt,
      ok: run.status === 'succeeded',
      runId: run.id,
      counts: { new: run.newCount, versions: run.versionCount, unchanged: run.unchangedCount, deletions: run.deletionCount, mediaFailures: 0 },
      error: run.error,
      stopped: false,
    };
  }

  /** Start to start: a site is due its interval after its last attempt, in this session or a logged one. */
  private dueAt(target: Target): number | null {
    if (this.scheduleStartedAt === null || !capturable(target) || !target.connection || target.connection.captureMinutes === 0) return null;
    const logged = this.archive().listRuns({ siteId: target.site.id, limit: 1 })[0];
    const last = Math.max(this.attempted.get(target.site.id) ?? -Infinity, logged ? Date.parse(logged.startedAt) : -Infinity);
    const earliest = this.scheduleStartedAt + this.firstDelayMs;
    return Number.isFinite(last) ? Math.max(last + target.connection.captureMinutes * MINUTE, earliest) : earliest;
  }

  private pauseReason(): string | null {
    const actor = contextFor(this.ws, this.now).actor;
    if (!actor) return 'Scheduled capture waits until someone owns this workspace.';
    if (!actor.capabilities.has('archive.capture')) {
      return `Scheduled capture is paused: ${actor.roleName}s may not capture sites. It runs while the Communications Manager or IT Director uses this workspace.`;
    }
    return null;
  }

  private clearTimer(): void {
    if (this.timer !== null) this.timers.clearTimeout(this.timer);
    this.timer = null;
  }

  /** Sleeps until the next site is due, or at least `minDelay` (a paused schedule must not spin). */
  private arm(minDelay = 0): void {
    this.clearTimer();
    if (this.scheduleStartedAt === null || this.disposed || this.job) return;
    const now = this.now().getTime();
    let next = now + this.maxSleepMs;
    try {
      for (const t of this.targets()) {
        const due = this.dueAt(t);
        if (due !== null && due < next) next = due;
      }
    } catch (err) {
      this.noteProblem(`The capture schedule could not be read: ${errorText(err)}`);
    }
    this.timer = this.timers.setTimeout(() => {
      this.timer = null;
      this.tick();
    }, Math.max(minDelay, next - now));
  }

  private tick(): void {
    let paused = false;
    try {
      if (this.job || this.scheduleStartedAt === null || this.disposed) return;
      paused = this.pauseReason() !== null;
      if (paused) return;
      const now = this.now().getTime();
      const due = this.targets().filter((t) => {
        const at = this.dueAt(t);
        return at !== null && at <= now;
      });
      if (due.length > 0) this.launch('schedule', due.map((t) => t.site.id));
    } catch (err) {
      this.noteProblem(`A scheduled capture could not start: ${errorText(err)}`);
    } finally {
      if (!this.job) this.arm(paused ? this.maxSleepMs : 0);
    }
  }

  private launch(trigger: CaptureTrigger, siteIds: number[]): void {
    const controller = new AbortController();
    this.controller = controller;
    this.current = {
      trigger, startedAt: this.now().toISOString(), siteId: null, siteName: null, phase: 'starting', done: 0, total: 0,
      message: 'Starting', waiting: null, stopping: false,
    };
    this.job = this.run(siteIds, controller.signal)
      .catch((err: unknown) => this.noteProblem(`The capture ended unexpectedly: ${errorText(err)}`))
      .finally(() => {
        this.job = null;
        this.controller = null;
        this.current = null;
        this.arm();
        this.emit();
      });
    this.emit();
  }

  private emit(): void {
    if (this.listeners.size === 0) return;
    const status = this.status();
    for (const listener of this.listeners) {
      try {
        listener(status);
      } catch {
        // A listener's failure is its own; the capture goes on.
      }
    }
  }

  private async run(siteIds: number[], signal: AbortSignal): Promise<void> {
    const names = new Map(this.targets().map((t) => [t.site.id, t.site.name]));
    let store: CredentialStore;
    try {
      store = await this.openStore();
    } catch (err) {
      const at = this.now();
      for (const id of siteIds) {
        this.attempted.set(id, at.getTime());
        this.outcomes.set(id, { at: at.toISOString(), ok: false, runId: null, counts: null, error: errorText(err), stopped: false });
      }
      this.noteProblem(errorText(err));
      return;
    }
    for (const siteId of siteIds) {
      if (signal.aborted) break;
      const startedAt = this.now();
      this.attempted.set(siteId, startedAt.getTime());
      this.setCurrent({ siteId, siteName: names.get(siteId) ?? `Site ${siteId}`, phase: 'starting', done: 0, total: 0, message: 'Connecting', waiting: null });
      try {
        const results = await captureNow(this.ws, {
          siteId, store, signal, now: this.now, ...(this.notify ? { notify: this.notify } : {}),
          http: { ...this.http, onWait: (w) => this.setCurrent({ waiting: { until: w.until.toISOString(), reason: w.reason } }) },
          onProgress: (p) => this.setCurrent({ phase: p.phase, done: p.done, total: p.total, message: p.message, waiting: null }),
        });
        for (const r of results) {
          this.outcomes.set(r.siteId, { at: this.now().toISOString(), ok: r.ok, runId: r.runId, counts: r.counts, error: r.error, stopped: false });
          if (!r.ok) this.noteProblem(`${r.siteName}: ${r.error ?? 'capture failed'}`, r.siteId);
        }
      } catch (err) {
        const stopped = signal.aborted;
        const runId = this.archive().listRuns({ siteId, limit: 1 })[0]?.id ?? null;
        this.outcomes.set(siteId, { at: this.now().toISOString(), ok: false, runId, counts: null, error: errorText(stopped ? signal.reason : err), stopped });
        if (!stopped) this.noteProblem(`${names.get(siteId) ?? `Site ${siteId}`}: ${errorText(err)}`, siteId);
      }
    }
  }

  private setCurrent(patch: Partial<CurrentCapture>): void {
    if (this.current) this.current = { ...this.current, ...patch };
    this.emit();
  }
}

function capturable(t: Target): boolean {
  return t.connection !== null && t.site.status !== 'proposed' && t.site.status !== 'retired';
}

function toIso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}
