import type { CaptureCounts, CaptureProgress } from './site-capture';

/** Timers the coordinator sleeps on; injected so tests can move time by hand. */
export interface Timers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemTimers: Timers = {
  setTimeout: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // A pending scheduled capture must never keep a closing process (CLI, tests) alive.
    t.unref();
    return t;
  },
  clearTimeout: (h) => clearTimeout(h as NodeJS.Timeout),
};

export type CaptureTrigger = 'manual' | 'schedule';

export interface CurrentCapture {
  trigger: CaptureTrigger;
  startedAt: string;
  /** The site being captured now, once the first progress report names it. */
  siteId: number | null;
  siteName: string | null;
  phase: CaptureProgress['phase'] | 'starting';
  done: number;
  total: number;
  message: string;
  /** A platform asked us to wait (rate limit, retry): shown, never a silent stall. */
  waiting: { until: string; reason: string } | null;
  stopping: boolean;
}

export interface SiteCaptureOutcome {
  at: string;
  ok: boolean;
  runId: number | null;
  counts: CaptureCounts | null;
  error: string | null;
  /** Stopped by a person before it finished (the next run continues from there). */
  stopped: boolean;
}

export interface SiteSchedule {
  siteId: number;
  siteName: string;
  platform: string;
  connected: boolean;
  /** 0 = on demand only. */
  captureMinutes: number;
  /** When the schedule will capture this site next; null when it will not (on demand, or scheduling off). */
  nextDueAt: string | null;
  last: SiteCaptureOutcome | null;
}

export interface CaptureStatus {
  running: boolean;
  current: CurrentCapture | null;
  /** Scheduled captures are being made while the app runs. */
  scheduling: boolean;
  /** Why scheduled captures are not happening although scheduling is on (e.g. the owner may not capture). */
  paused: string | null;
  sites: SiteSchedule[];
  lastError: { at: string; message: string; siteId: number | null } | null;
}
