/**
 * "Copying a password or code clears the clipboard after 30 s", as pure logic over an injected
 * clipboard and timer so it is testable without Electron. It clears only if the clipboard still
 * holds what we put there: anything the person copied since is theirs and is left alone.
 */

export const DEFAULT_CLEAR_MS = 30_000;

export interface ClipboardPort<Timer = unknown> {
  write(text: string): void;
  read(): string;
  setTimer(fn: () => void, ms: number): Timer;
  clearTimer?(timer: Timer): void;
}

export interface PendingClear {
  /** Clears now (e.g. when the app locks) if the clipboard still holds the value; true if it did. */
  clearNow(): boolean;
  /** Forgets the value without touching the clipboard. */
  cancel(): void;
  /** True until the clear ran or was cancelled. */
  pending(): boolean;
}

function checkMs(ms: number): number {
  if (!Number.isFinite(ms) || ms <= 0) throw new RangeError(`The clipboard clear delay must be a positive number of ms, not ${String(ms)}.`);
  return ms;
}

/** Schedules the clear for a value already on the clipboard. */
export function scheduleClear<Timer>(port: ClipboardPort<Timer>, value: string, ms: number = DEFAULT_CLEAR_MS): PendingClear {
  checkMs(ms);
  let armed = true;
  let timer: Timer | undefined;

  function clearNow(): boolean {
    if (!armed) return false;
    armed = false;
    if (timer !== undefined) port.clearTimer?.(timer);
    if (value !== '' && port.read() === value) {
      port.write('');
      return true;
    }
    return false;
  }

  timer = port.setTimer(() => {
    timer = undefined;
    clearNow();
  }, ms);

  return {
    clearNow,
    cancel() {
      if (!armed) return;
      armed = false;
      if (timer !== undefined) port.clearTimer?.(timer);
    },
    pending: () => armed,
  };
}

/** Puts a secret on the clipboard and schedules its clear. */
export function copySecret<Timer>(port: ClipboardPort<Timer>, value: string, ms: number = DEFAULT_CLEAR_MS): PendingClear {
  checkMs(ms);
  port.write(value);
  return scheduleClear(port, value, ms);
}
