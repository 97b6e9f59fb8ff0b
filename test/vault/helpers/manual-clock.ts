/**
 * A hand-driven clock and timer queue for the lock and clipboard logic, which take their clock
 * and timers as parameters. Time only moves when a test calls advance().
 */
export interface ManualClock {
  now(): number;
  setTimer(fn: () => void, ms: number): number;
  clearTimer(id: number): void;
  advance(ms: number): void;
  pending(): number;
}

export function manualClock(start = 1_000_000): ManualClock {
  let time = start;
  let nextId = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => time,
    setTimer(fn, ms) {
      const id = nextId;
      nextId += 1;
      timers.set(id, { at: time + Math.max(0, ms), fn });
      return id;
    },
    clearTimer(id) {
      timers.delete(id);
    },
    advance(ms) {
      const end = time + ms;
      for (;;) {
        let due: [number, { at: number; fn: () => void }] | undefined;
        for (const entry of timers) if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
        if (!due) break;
        timers.delete(due[0]);
        time = due[1].at;
        due[1].fn();
      }
      time = end;
    },
    pending: () => timers.size,
  };
}
