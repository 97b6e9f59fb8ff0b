import { readMeta, writeMeta } from '../workspace/meta';
import type { CredentialStore } from '../credentials/store';
import { audit, type DomainContext } from '../registry/context';
import { AppError } from '../shared/errors';
import { DEFAULT_IDLE_MS, MAX_IDLE_MS, MIN_IDLE_MS, createLockController, type LockController, type LockReason } from '../vault/lock';
import { checkPassphrase, createPassphraseRecord } from '../vault/passphrase';
import type { Workspace } from '../workspace/workspace';

const ACCOUNT = 'app:passphrase';
const FLAG = 'lock_passphrase_set';
const IDLE = 'lock_idle_minutes';

export interface LockStatus {
  locked: boolean;
  hasPassphrase: boolean;
  idleMinutes: number;
  reason: LockReason | null;
}

const meta = (ws: Workspace, key: string) => readMeta(ws.db, key);
const setMeta = (ws: Workspace, key: string, value: string) => writeMeta(ws.db, key, value);

export interface LockTimers {
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(t: unknown): void;
  sleep(ms: number): Promise<void>;
}

const realTimers: LockTimers = {
  now: () => Date.now(),
  setTimer: (fn, ms) => { const t = setTimeout(fn, ms); t.unref(); return t; },
  clearTimer: (t) => clearTimeout(t as NodeJS.Timeout),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
};

/**
 * SEC-3/SEC-5: once its user has set a passphrase, the app opens locked, locks itself after an
 * idle time, on screen lock, suspend and on demand, and refuses every data channel while locked.
 * The passphrase's scrypt record lives in the keychain; the workspace only knows that one is set.
 */
export class AppLock {
  private readonly controller: LockController;
  private failures = 0;

  constructor(
    private readonly ws: Workspace,
    private readonly store: () => Promise<CredentialStore>,
    private readonly timers: LockTimers = realTimers,
  ) {
    const minutes = Number(meta(ws, IDLE) ?? DEFAULT_IDLE_MS / 60_000);
    this.controller = createLockController({ idleMs: minutes * 60_000, now: timers.now, setTimer: timers.setTimer, clearTimer: timers.clearTimer });
    // Nothing to unlock with until a passphrase is set: the app is open, and Settings says so.
    if (!this.hasPassphrase()) this.controller.unlock();
  }

  hasPassphrase(): boolean {
    return meta(this.ws, FLAG) === '1';
  }

  isLocked(): boolean {
    return this.controller.isLocked();
  }

  status(): LockStatus {
    const s = this.controller.state();
    return { locked: s.locked, hasPassphrase: this.hasPassphrase(), idleMinutes: Math.round(this.controller.idleMs() / 60_000), reason: s.reason };
  }

  lock(reason: LockReason): LockStatus {
    if (!this.hasPassphrase()) throw new AppError('invalid_input', 'Set a passphrase in Settings first; without one the app cannot be locked.');
    this.controller.lock(reason);
    return this.status();
  }

  activity(): void {
    this.controller.activity();
  }

  async unlock(passphrase: string): Promise<LockStatus> {
    if (!this.isLocked()) return this.status();
    const record = await (await this.store()).get(ACCOUNT);
    if (!record) throw new AppError('keychain_unavailable', 'The passphrase record is missing from the keychain. Restore the keychain, or ask IT to reset the workspace\u2019s passphrase.');
    if (!(await checkPassphrase(passphrase, record))) {
      this.failures += 1;
      // Each wrong guess costs more time, so guessing at the lock screen is slow.
      await this.timers.sleep(Math.min(250 * 2 ** this.failures, 8000));
      throw new AppError('forbidden', 'That passphrase is not right.');
    }
    this.failures = 0;
    this.controller.unlock();
    return this.status();
  }

  async setPassphrase(ctx: DomainContext, current: string | undefined, next: string): Promise<LockStatus> {
    if (this.isLocked()) throw new AppError('locked', 'Unlock the app first.');
    const store = await this.store();
    if (this.hasPassphrase()) {
      const record = await store.get(ACCOUNT);
      if (!record || !(await checkPassphrase(current ?? '', record))) throw new AppError('forbidden', 'The current passphrase is not right.');
    }
    let record: string;
    try {
      record = await createPassphraseRecord(next, { userInputs: [ctx.actor?.name ?? '', 'kalispell', 'civic', 'desk'] });
    } catch (err) {
      throw new AppError('invalid_input', err instanceof Error ? err.message : String(err));
    }
    await store.set(ACCOUNT, record);
    const had = this.hasPassphrase();
    setMeta(this.ws, FLAG, '1');
    audit(ctx, had ? 'lock.passphrase_change' : 'lock.passphrase_set', 'workspace', null, null, { set: true });
    return this.status();
  }

  setIdleMinutes(ctx: DomainContext, minutes: number): LockStatus {
    const ms = minutes * 60_000;
    if (!Number.isInteger(minutes) || ms < MIN_IDLE_MS || ms > MAX_IDLE_MS) throw new AppError('invalid_input', `Lock after 1 to ${MAX_IDLE_MS / 60_000} minutes of inactivity.`);
    const before = this.status().idleMinutes;
    this.controller.setIdleMs(ms);
    setMeta(this.ws, IDLE, String(minutes));
    audit(ctx, 'lock.idle', 'workspace', null, { idleMinutes: before }, { idleMinutes: minutes });
    return this.status();
  }

  dispose(): void {
    this.controller.dispose();
  }
}

/** The CLI's gate: with a passphrase set, commands that touch secrets need it (CIVICDESK_PASSPHRASE). */
export async function checkCliPassphrase(ws: Workspace, store: CredentialStore, given: string | undefined): Promise<void> {
  if (meta(ws, FLAG) !== '1') return;
  if (!given) throw new AppError('locked', 'This workspace has a passphrase: give it in CIVICDESK_PASSPHRASE.');
  const record = await store.get(ACCOUNT);
  if (!record || !(await checkPassphrase(given, record))) throw new AppError('forbidden', 'That passphrase is not right.');
}
