import { describe, expect, it } from 'vitest';
import { createLockController, DEFAULT_IDLE_MS, type LockState } from '../../main/vault/lock';
import { manualClock } from './helpers/manual-clock';

const MIN = 60_000;

function setup(idleMs?: number) {
  const clock = manualClock();
  const changes: LockState[] = [];
  const lock = createLockController({
    ...(idleMs !== undefined ? { idleMs } : {}),
    now: clock.now,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
    onChange: (s) => changes.push(s),
  });
  return { clock, lock, changes };
}

describe('lock controller', () => {
  it('[SEC-3] starts locked on every run: nothing is remembered', () => {
    const { lock, clock } = setup();
    expect(lock.isLocked()).toBe(true);
    expect(lock.state()).toEqual({ locked: true, reason: 'startup', since: clock.now() });
    expect(lock.history()).toEqual([{ type: 'lock', reason: 'startup', at: clock.now() }]);
    // Activity does not unlock; a second controller (the next run) is locked again.
    lock.activity();
    expect(lock.isLocked()).toBe(true);
    lock.unlock();
    expect(setup().lock.isLocked()).toBe(true);
  });

  it('[SEC-5] locks after 10 minutes without activity by default', () => {
    const { lock, clock, changes } = setup();
    expect(lock.idleMs()).toBe(DEFAULT_IDLE_MS);
    lock.unlock();
    expect(lock.isLocked()).toBe(false);
    clock.advance(10 * MIN - 1);
    expect(lock.isLocked()).toBe(false);
    clock.advance(1);
    expect(lock.state()).toMatchObject({ locked: true, reason: 'idle' });
    expect(changes.map((c) => [c.locked, c.reason])).toEqual([
      [false, null],
      [true, 'idle'],
    ]);
  });

  it('[SEC-5] activity pushes the idle deadline back', () => {
    const { lock, clock } = setup();
    lock.unlock();
    clock.advance(9 * MIN);
    lock.activity();
    clock.advance(9 * MIN);
    expect(lock.isLocked()).toBe(false);
    lock.activity();
    clock.advance(10 * MIN - 1);
    expect(lock.isLocked()).toBe(false);
    clock.advance(1);
    expect(lock.state().reason).toBe('idle');
  });

  it('[SEC-5] keeps at most one idle timer however much activity there is', () => {
    const { lock, clock } = setup();
    lock.unlock();
    for (let i = 0; i < 1000; i += 1) {
      clock.advance(100);
      lock.activity();
    }
    expect(clock.pending()).toBe(1);
    expect(lock.isLocked()).toBe(false);
  });

  it('[SEC-5] locks at once on explicit lock, screen lock and suspend, recording each reason', () => {
    const { lock, clock } = setup();
    for (const reason of ['explicit', 'screen-lock', 'suspend', 'session-end'] as const) {
      lock.unlock();
      clock.advance(1000);
      lock.lock(reason);
      expect(lock.state()).toMatchObject({ locked: true, reason });
    }
    expect(lock.history().filter((e) => e.type === 'lock').map((e) => (e.type === 'lock' ? e.reason : null))).toEqual([
      'startup',
      'explicit',
      'screen-lock',
      'suspend',
      'session-end',
    ]);
    expect(clock.pending()).toBe(0);
  });

  it('[SEC-5] a second lock while locked keeps the first reason and fires no change', () => {
    const { lock, changes } = setup();
    lock.unlock();
    lock.lock('screen-lock');
    lock.lock('suspend');
    expect(lock.state().reason).toBe('screen-lock');
    expect(changes).toHaveLength(2);
  });

  it('[SEC-3] after any lock, the app stays locked until unlocked again', () => {
    const { lock, clock } = setup();
    lock.unlock();
    lock.lock('explicit');
    clock.advance(60 * MIN);
    lock.activity();
    expect(lock.isLocked()).toBe(true);
    lock.unlock();
    expect(lock.isLocked()).toBe(false);
  });

  it('[SEC-5] an idle timer from before a manual lock does not lock the next session early', () => {
    const { lock, clock } = setup();
    lock.unlock();
    clock.advance(9 * MIN);
    lock.lock('explicit');
    lock.unlock();
    clock.advance(2 * MIN);
    expect(lock.isLocked()).toBe(false);
    clock.advance(8 * MIN);
    expect(lock.state().reason).toBe('idle');
  });

  it('[SEC-5] a shorter idle time applies at once, counted from the last activity', () => {
    const { lock, clock } = setup();
    lock.unlock();
    clock.advance(3 * MIN);
    lock.setIdleMs(2 * MIN);
    clock.advance(0);
    expect(lock.state().reason).toBe('idle');

    lock.unlock();
    lock.setIdleMs(5 * MIN);
    clock.advance(5 * MIN - 1);
    expect(lock.isLocked()).toBe(false);
    clock.advance(1);
    expect(lock.isLocked()).toBe(true);
  });

  it('[SEC-5] refuses idle times that are too short, too long or not numbers', () => {
    const { lock } = setup();
    for (const bad of [0, 1000, 29_999, 61 * MIN, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => lock.setIdleMs(bad), String(bad)).toThrow(RangeError);
    }
    expect(() => setup(5)).toThrow(/between 30 s and 60 min/);
  });

  it('dispose stops the idle timer', () => {
    const { lock, clock } = setup();
    lock.unlock();
    lock.dispose();
    expect(clock.pending()).toBe(0);
    clock.advance(60 * MIN);
    expect(lock.isLocked()).toBe(false);
  });

  it('keeps a bounded history', () => {
    const { lock } = setup();
    for (let i = 0; i < 500; i += 1) {
      lock.unlock();
      lock.lock('explicit');
    }
    expect(lock.history()).toHaveLength(100);
    expect(lock.history().at(-1)).toMatchObject({ type: 'lock', reason: 'explicit' });
  });
});
