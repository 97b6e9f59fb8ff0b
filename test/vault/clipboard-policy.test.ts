import { describe, expect, it } from 'vitest';
import { copySecret, DEFAULT_CLEAR_MS, scheduleClear, type ClipboardPort } from '../../main/vault/clipboard-policy';
import { manualClock } from './helpers/manual-clock';

/** A real in-memory clipboard: holds one string, like the system one. */
function memoryClipboard() {
  const clock = manualClock();
  let content = 'something the person copied earlier';
  const writes: string[] = [];
  const port: ClipboardPort<number> = {
    write: (text) => {
      content = text;
      writes.push(text);
    },
    read: () => content,
    setTimer: clock.setTimer,
    clearTimer: clock.clearTimer,
  };
  return { port, clock, writes, content: () => content, userCopies: (text: string) => (content = text) };
}

describe('clipboard policy', () => {
  it('clears a copied password after 30 s by default', () => {
    const cb = memoryClipboard();
    expect(DEFAULT_CLEAR_MS).toBe(30_000);
    const pending = copySecret(cb.port, 'hunter2-site-password');
    expect(cb.content()).toBe('hunter2-site-password');
    cb.clock.advance(29_999);
    expect(cb.content()).toBe('hunter2-site-password');
    cb.clock.advance(1);
    expect(cb.content()).toBe('');
    expect(pending.pending()).toBe(false);
  });

  it('clears a copied 2FA code after the given delay', () => {
    const cb = memoryClipboard();
    copySecret(cb.port, '123456', 10_000);
    cb.clock.advance(10_000);
    expect(cb.content()).toBe('');
  });

  it('leaves the clipboard alone if the person copied something else since', () => {
    const cb = memoryClipboard();
    copySecret(cb.port, 'site-password');
    cb.clock.advance(5_000);
    cb.userCopies('an address for a post');
    cb.clock.advance(30_000);
    expect(cb.content()).toBe('an address for a post');
    expect(cb.writes).toEqual(['site-password']);
  });

  it('a second copy is cleared on its own schedule; the first timer does not touch it', () => {
    const cb = memoryClipboard();
    copySecret(cb.port, 'first');
    cb.clock.advance(20_000);
    copySecret(cb.port, 'second');
    cb.clock.advance(10_000);
    expect(cb.content()).toBe('second');
    cb.clock.advance(20_000);
    expect(cb.content()).toBe('');
  });

  it('[SEC-5] clearNow empties the clipboard at once (on lock) and only once', () => {
    const cb = memoryClipboard();
    const pending = copySecret(cb.port, 'site-password');
    expect(pending.clearNow()).toBe(true);
    expect(cb.content()).toBe('');
    expect(cb.clock.pending()).toBe(0);
    cb.userCopies('later text');
    expect(pending.clearNow()).toBe(false);
    expect(cb.content()).toBe('later text');
  });

  it('cancel forgets the value without touching the clipboard', () => {
    const cb = memoryClipboard();
    const pending = copySecret(cb.port, 'site-password');
    pending.cancel();
    cb.clock.advance(60_000);
    expect(cb.content()).toBe('site-password');
    expect(cb.clock.pending()).toBe(0);
  });

  it('scheduleClear works for a value already on the clipboard and without clearTimer', () => {
    const clock = manualClock();
    let content = 'already-there';
    const pending = scheduleClear({ write: (t) => (content = t), read: () => content, setTimer: clock.setTimer }, 'already-there', 1000);
    clock.advance(1000);
    expect(content).toBe('');
    expect(pending.pending()).toBe(false);
  });

  it('refuses a delay that is not a positive number', () => {
    const cb = memoryClipboard();
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => copySecret(cb.port, 'x', bad)).toThrow(RangeError);
    }
    expect(cb.writes).toEqual([]);
  });
});
