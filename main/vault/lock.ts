/**
 * The app lock as a pure state machine (SEC-3, SEC-5). It starts locked on every run, so nothing
 * like "remember me" survives a restart; it locks itself after idle time and on request, screen
 * lock and suspend. Clock and timers are injected so tests drive time directly and main can wire
 * it to powerMonitor and global shortcuts.
 */

export type LockReason = 'startup' | 'idle' | 'explicit' | 'screen-lock' | 'suspend' | 'session-end';

export const DEFAULT_IDLE_MS = 10 * 60 * 1000;
/** Shorter idle limits lock people out while they read; longer ones defeat SEC-5. */
export const MIN_IDLE_MS = 30 * 1000;
export const MAX_IDLE_MS = 60 * 60 * 1000;
/** Events kept for the settings view; older ones fall off. */
const HISTORY_LIMIT = 100;

export interface LockState {
  locked: boolean;
  /** Why it is locked, or null while unlocked. */
  reason: LockReason | null;
  /** When the state last changed, from `now()`. */
  since: number;
}

export type LockEvent = { type: 'lock'; reason: LockReason; at: number } | { type: 'unlock'; at: number };

export interface LockDeps<Timer> {
  idleMs?: number;
  now: () => number;
  setTimer: (fn: () => void, ms: number) => Timer;
  clearTimer: (timer: Timer) => void;
  onChange?: (state: LockState) => void;
}

export interface LockController {
  isLocked(): boolean;
  state(): LockState;
  /** Call only after checkPassphrase succeeded; the controller does no crypto itself. */
  unlock(): void;
  lock(reason: LockReason): void;
  /** Keyboard or pointer activity: pushes the idle deadline back. Ignored while locked. */
  activity(): void;
  setIdleMs(ms: number): void;
  idleMs(): number;
  history(): readonly LockEvent[];
  /** Stops the idle timer, for shutdown and tests. */
  dispose(): void;
}

function checkIdleMs(ms: number): number {
  if (!Number.isFinite(ms) || ms < MIN_IDLE_MS || ms > MAX_IDLE_MS) {
    throw new RangeError(`The idle lock time must be between ${MIN_IDLE_MS / 1000} s and ${MAX_IDLE_MS / 60000} min, not ${String(ms)} ms.`);
  }
  return Math.round(ms);
}

export function createLockController<Timer>(deps: LockDeps<Timer>): LockController {
  const { now, setTimer, clearTimer, onChange } = deps;
  let idle = checkIdleMs(deps.idleMs ?? DEFAULT_IDLE_MS);
  let current: LockState = { locked: true, reason: 'startup', since: now() };
  let lastActivity = current.since;
  let timer: { handle: Timer } | null = null;
  const events: LockEvent[] = [{ type: 'lock', reason: 'startup', at: current.since }];

  function record(event: LockEvent): void {
    events.push(event);
    if (events.length > HISTORY_LIMIT) events.splice(0, events.length - HISTORY_LIMIT);
  }

  function disarm(): void {
    if (timer) clearTimer(timer.handle);
    timer = null;
  }

  // One timer per deadline rather than per keystroke: activity only moves lastActivity, and the
  // timer re-arms for the remainder when it fires early.
  function arm(): void {
    disarm();
    const remaining = Math.max(0, lastActivity + idle - now());
    timer = { handle: setTimer(onTimer, remaining) };
  }

  function onTimer(): void {
    timer = null;
    if (current.locked) return;
    if (now() - lastActivity >= idle) lock('idle');
    else arm();
  }

  function change(next: LockState, event: LockEvent): void {
    current = next;
    record(event);
    onChange?.({ ...current });
  }

  function lock(reason: LockReason): void {
    if (current.locked) return;
    disarm();
    const at = now();
    change({ locked: true, reason, since: at }, { type: 'lock', reason, at });
  }

  return {
    isLocked: () => current.locked,
    state: () => ({ ...current }),
    unlock() {
      if (!current.locked) return;
      const at = now();
      lastActivity = at;
      change({ locked: false, reason: null, since: at }, { type: 'unlock', at });
      arm();
    },
    lock,
    activity() {
      if (!current.locked) lastActivity = now();
    },
    setIdleMs(ms: number) {
      idle = checkIdleMs(ms);
      if (!current.locked) arm();
    },
    idleMs: () => idle,
    history: () => [...events],
    dispose: disarm,
  };
}
