import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiTokenAccount, setConnection } from '../../main/capture/connections';
import { CaptureCoordinator, type CaptureStatus, type Timers } from '../../main/capture/scheduler';
import { startAppCapture } from '../../main/capture/scheduler-app';
import { openArchiveForReading } from '../../main/capture/service';
import { openCredentialStore, type CredentialStore } from '../../main/credentials/store';
import { AppError } from '../../main/shared/errors';
import { startSimulator, type Simulator } from '../../main/simulator';
import { chooseOwner } from '../../main/workspace/workspace';
import { CM, demoWorkspace, EMPLOYEE, type TestWorkspace } from '../helpers/workspace';

/** Time that moves only when the test says so; captures themselves still run on real I/O. */
class FakeClock implements Timers {
  private pending: { at: number; fn: () => void; id: number }[] = [];
  private nextId = 1;
  constructor(public t: number) {}
  now = () => new Date(this.t);
  setTimeout(fn: () => void, ms: number): unknown {
    const id = this.nextId++;
    this.pending.push({ at: this.t + ms, fn, id });
    return id;
  }
  clearTimeout(handle: unknown): void {
    this.pending = this.pending.filter((p) => p.id !== handle);
  }
  /** Moves time forward, firing each timer that falls due on the way, in order. */
  advance(ms: number): void {
    const target = this.t + ms;
    for (;;) {
      const due = this.pending.filter((p) => p.at <= target).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.pending = this.pending.filter((p) => p !== due);
      this.t = Math.max(this.t, due.at);
      due.fn();
    }
    this.t = target;
  }
}

const MIN = 60_000;
const FB = 1;
const X = 2;
const noWait = { backoffBaseMs: 1, backoffMaxMs: 5, maxRetries: 1 };
const T0 = Date.parse('2026-06-01T15:00:00Z');

let t: TestWorkspace;
let sim: Simulator;
let store: CredentialStore;
let clock: FakeClock;
let coordinator: CaptureCoordinator;

function connect(fbMinutes: number, xMinutes: number) {
  setConnection(t.as(CM), { siteId: FB, baseUrl: sim.facebookBaseUrl, accountId: sim.facebookPageId, captureMinutes: fbMinutes });
  setConnection(t.as(CM), { siteId: X, baseUrl: sim.xBaseUrl, accountId: sim.xUserId, captureMinutes: xMinutes });
}

beforeEach(async () => {
  clock = new FakeClock(T0);
  t = demoWorkspace(new Date(T0));
  sim = await startSimulator({ seed: 3 });
  store = await openCredentialStore(t.ws.id);
  await store.set(apiTokenAccount(FB), sim.tokens.facebookPage);
  await store.set(apiTokenAccount(X), sim.tokens.xUser);
  coordinator = new CaptureCoordinator({ workspace: t.ws, now: clock.now, timers: clock, openStore: async () => store, http: noWait, firstDelayMs: MIN, maxSleepMs: MIN });
});

afterEach(async () => {
  await coordinator.dispose();
  for (const a of await store.accounts()) await store.delete(a);
  await sim.close();
  t.cleanup();
});

const runs = (siteId?: number) => openArchiveForReading(t.ws).archive.listRuns(siteId === undefined ? {} : { siteId });
const site = (s: CaptureStatus, id: number) => s.sites.find((x) => x.siteId === id);

describe('capture coordinator: one capture at a time, on demand and on each site\u2019s schedule', () => {
  it('[CIV-1] [REC-1] captures each site on its own interval while the app runs, and never a site set to on demand', async () => {
    connect(10, 0);
    coordinator.startSchedule();
    // Nothing in the first minute after the app opens.
    clock.advance(MIN - 1);
    expect(coordinator.status().running).toBe(false);
    expect(site(coordinator.status(), FB)?.nextDueAt).toBe(new Date(T0 + MIN).toISOString());
    expect(site(coordinator.status(), X)?.nextDueAt).toBeNull();
    clock.advance(1);
    expect(coordinator.status()).toMatchObject({ running: true, current: { trigger: 'schedule' } });
    await coordinator.idle();
    expect(runs(FB).map((r) => r.status)).toEqual(['succeeded']);
    expect(runs(X)).toEqual([]);
    const after = coordinator.status();
    expect(site(after, FB)).toMatchObject({ last: { ok: true, error: null }, nextDueAt: new Date(T0 + MIN + 10 * MIN).toISOString() });
    expect(site(after, FB)?.last?.counts?.new).toBeGreaterThan(5);

    clock.advance(10 * MIN - 1);
    expect(coordinator.status().running).toBe(false);
    clock.advance(1);
    expect(coordinator.status().running).toBe(true);
    await coordinator.idle();
    expect(runs(FB)).toHaveLength(2);
    expect(runs(X)).toEqual([]);

    // A changed interval takes effect at once.
    connect(0, 0);
    coordinator.reschedule();
    clock.advance(60 * MIN);
    expect(coordinator.status().running).toBe(false);
    expect(runs(FB)).toHaveLength(2);
  });

  it('never runs two captures at once: a second start is refused and a due schedule waits for the running one', async () => {
    connect(5, 5);
    let maxRunning = 0;
    const lastWhileRunning: unknown[] = [];
    const unsubscribe = coordinator.subscribe((s) => {
      const running = (t.ws.db.prepare("SELECT count(*) AS n FROM capture_runs WHERE status = 'running'").get() as { n: number }).n;
      maxRunning = Math.max(maxRunning, running);
      // The run in progress is not yet anyone's "last capture" (and certainly not a failed one).
      if (s.current?.siteId) lastWhileRunning.push(site(s, s.current.siteId)?.last ?? null);
    });
    coordinator.startSchedule();
    coordinator.start(X);
    expect(() => coordinator.start()).toThrow(AppError);
    expect(() => coordinator.start(FB)).toThrow(/already running/);
    // The Page falls due while the X account is being captured by hand: no second capture beside it.
    clock.advance(MIN);
    expect(coordinator.status().current?.trigger).toBe('manual');
    await coordinator.idle();
    expect(runs().map((r) => [r.siteId, r.status])).toEqual([[X, 'succeeded']]);
    // It runs once the manual capture is over.
    clock.advance(0);
    expect(coordinator.status().current?.trigger).toBe('schedule');
    await coordinator.idle();
    unsubscribe();
    expect(maxRunning).toBe(1);
    expect(lastWhileRunning.length).toBeGreaterThan(4);
    expect(lastWhileRunning.filter((l) => l !== null && !(l as { ok: boolean }).ok)).toEqual([]);
    expect(runs().map((r) => [r.siteId, r.status])).toEqual([[FB, 'succeeded'], [X, 'succeeded']]);
    expect(site(coordinator.status(), FB)?.nextDueAt).toBe(new Date(T0 + 6 * MIN).toISOString());
  });

  it('[REC-3] stop ends the capture between batches; the archive stays consistent and the next run resumes', async () => {
    connect(0, 0);
    const seen: CaptureStatus[] = [];
    coordinator.subscribe((s) => {
      seen.push(s);
      if (s.current?.phase === 'comments' && s.current.done === 2) coordinator.stop();
    });
    coordinator.start(FB);
    await coordinator.idle();
    expect(seen.some((s) => s.current?.stopping)).toBe(true);
    const stopped = runs(FB)[0];
    expect(stopped).toMatchObject({ status: 'failed', error: expect.stringMatching(/^Stopped before it finished/) });
    expect(stopped?.cursor).not.toBeNull();
    expect(site(coordinator.status(), FB)?.last).toMatchObject({ ok: false, stopped: true, runId: stopped?.id });
    expect(coordinator.status().lastError).toBeNull();
    const { archive, trustedPublicKeys } = openArchiveForReading(t.ws);
    expect(archive.verify({ trustedPublicKeys }).ok).toBe(true);

    coordinator.start(FB);
    await coordinator.idle();
    const resumed = runs(FB)[0];
    expect(resumed).toMatchObject({ status: 'succeeded', resumedFrom: stopped?.id });
    expect(archive.verify({ trustedPublicKeys }).ok).toBe(true);
  });

  it('a failing site is logged and retried at its next interval while the other site is captured', async () => {
    connect(5, 5);
    sim.control.expireToken(sim.tokens.facebookPage);
    coordinator.startSchedule();
    clock.advance(MIN);
    await coordinator.idle();
    let s = coordinator.status();
    expect(site(s, FB)?.last).toMatchObject({ ok: false, error: expect.stringMatching(/expired|token|log in/i) });
    expect(site(s, X)?.last).toMatchObject({ ok: true });
    expect(s.lastError).toMatchObject({ siteId: FB, message: expect.stringMatching(/^City of Kalispell \(Facebook\)/) });
    expect(s.running).toBe(false);

    sim.control.reviveToken(sim.tokens.facebookPage);
    clock.advance(5 * MIN);
    await coordinator.idle();
    s = coordinator.status();
    expect(site(s, FB)?.last).toMatchObject({ ok: true });
    expect(runs(FB).map((r) => r.status)).toEqual(['succeeded', 'failed']);
  });

  it('a keychain that does not answer is reported, not thrown, and the schedule keeps going', async () => {
    connect(5, 0);
    let available = false;
    const flaky = new CaptureCoordinator({
      workspace: t.ws, now: clock.now, timers: clock, http: noWait, firstDelayMs: MIN,
      openStore: async () => {
        if (!available) throw new AppError('keychain_unavailable', 'The OS keychain is not available: no answer.');
        return store;
      },
    });
    try {
      flaky.startSchedule();
      clock.advance(MIN);
      await flaky.idle();
      expect(flaky.status().lastError?.message).toMatch(/keychain is not available/);
      expect(site(flaky.status(), FB)?.last).toMatchObject({ ok: false, runId: null });
      available = true;
      clock.advance(5 * MIN);
      await flaky.idle();
      expect(site(flaky.status(), FB)?.last).toMatchObject({ ok: true });
    } finally {
      await flaky.dispose();
    }
  });

  it('pauses the schedule, saying why, while the workspace belongs to a role that may not capture', async () => {
    connect(5, 5);
    chooseOwner(t.ws, t.personId(EMPLOYEE));
    coordinator.startSchedule();
    clock.advance(30 * MIN);
    await coordinator.idle();
    expect(runs()).toEqual([]);
    expect(coordinator.status().paused).toMatch(/Employees may not capture/);
    chooseOwner(t.ws, t.personId(CM));
    expect(coordinator.status().paused).toBeNull();
    clock.advance(MIN);
    await coordinator.idle();
    expect(runs()).toHaveLength(2);
  });

  it('in the app, the demo workspace connects its simulated sites and schedules them; dispose stops everything', async () => {
    const app = startAppCapture(t.ws, { now: () => new Date() });
    try {
      await app.ready;
      const s = app.coordinator.status();
      expect(s.scheduling).toBe(true);
      expect(s.sites.filter((x) => x.connected).map((x) => x.captureMinutes)).toEqual([5, 5]);
      expect(s.lastError).toBeNull();
    } finally {
      await app.dispose();
    }
    expect(app.coordinator.status().scheduling).toBe(false);
    expect(() => app.coordinator.start()).toThrow(/closing/);
  });
});
