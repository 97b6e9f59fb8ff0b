import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../main/platforms/errors';
import { graphRateInfo, xRateInfo } from '../../main/platforms/rate-limit';
import type { Simulator } from '../../main/simulator';
import { fbClient, named, steppingClock, withSimulator, xClient } from './helpers';

let sim: Simulator;
beforeEach(async () => {
  sim = await withSimulator();
});
afterEach(async () => {
  await sim.close();
});

describe('rate limits', () => {
  it('[STD-8] waits out a Graph page rate limit (code 32) visibly, then succeeds', async () => {
    const t = steppingClock();
    sim.control.rateLimit({ platform: 'facebook', reject: 2, resetInSeconds: 120 });
    const started = Date.now();
    const profile = await fbClient(sim, { http: { clock: t.clock, onWait: t.onWait } }).getPageProfile();
    expect(profile.value.name).toContain('Kalispell');
    expect(sim.control.requests().map((r) => r.status)).toEqual([400, 400, 200]);
    expect(t.waits).toHaveLength(2);
    expect(t.waits[0]).toMatchObject({ platform: 'facebook', kind: 'rate-limit' });
    expect(t.waits[0]?.until.getTime()).toBeGreaterThanOrEqual(started + 119_000);
    expect(t.waits[0]?.reason).toMatch(/Facebook rate limit/);
  });

  it('[STD-8] waits until x-rate-limit-reset after an X 429, then succeeds', async () => {
    const t = steppingClock();
    sim.control.rateLimit({ platform: 'x', reject: 1, resetInSeconds: 30 });
    const page = await xClient(sim, { http: { clock: t.clock, onWait: t.onWait } }).postsPage();
    expect(page.items).toHaveLength(5);
    expect(t.waits).toHaveLength(1);
    expect(t.waits[0]?.until.getTime()).toBeGreaterThan(Date.now() + 20_000);
    expect(t.sleeps[0]).toBeGreaterThan(20_000);
  });

  it('retries a publish refused for rate limit (it was never done), creating the post once', async () => {
    const t = steppingClock();
    sim.control.rateLimit({ platform: 'facebook', reject: 1, resetInSeconds: 60 });
    const { id } = await fbClient(sim, { http: { clock: t.clock, onWait: t.onWait } }).publishPost({ message: 'Pool opens at 6' });
    const matching = sim.control.snapshot().facebook.posts.filter((p) => p.message === 'Pool opens at 6');
    expect(matching.map((p) => p.id)).toEqual([id]);
    expect(t.waits).toHaveLength(1);
  });

  it('throws RateLimitedError with retryAt instead of sleeping through a very long limit', async () => {
    const t = steppingClock();
    sim.control.rateLimit({ platform: 'facebook', reject: 1, resetInSeconds: 7200 });
    const e = await fbClient(sim, { http: { clock: t.clock, onWait: t.onWait } }).getPageProfile().catch((err: unknown) => err);
    expect(e).toBeInstanceOf(RateLimitedError);
    const retryAt = (e as RateLimitedError).retryAt.getTime();
    expect(retryAt).toBeGreaterThan(Date.now() + 7_000_000);
    expect((e as Error).message).toMatch(/try again after/);
    expect(t.waits).toEqual([]);
    expect(t.sleeps).toEqual([]);
  });

  it('stops waiting after maxRateLimitWaits and reports the limit', async () => {
    const t = steppingClock();
    sim.control.rateLimit({ platform: 'x', reject: 10, resetInSeconds: 5 });
    const e = await xClient(sim, { http: { clock: t.clock, onWait: t.onWait, maxRateLimitWaits: 2 } }).postsPage().catch((err: unknown) => err);
    expect(e).toBeInstanceOf(RateLimitedError);
    expect(sim.control.requests()).toHaveLength(3);
    expect(t.waits).toHaveLength(2);
  });

  it('[STD-8] reads x-rate-limit-remaining: 0 on a success and waits before the next call to that endpoint only', async () => {
    const t = steppingClock();
    const client = xClient(sim, { http: { clock: t.clock, onWait: t.onWait } });
    sim.control.rateLimit({ platform: 'x', exhaustHeaders: true, resetInSeconds: 40 });
    await client.repliesPage(named(sim, 'x.post.snow'));
    expect(t.waits).toEqual([]);
    await client.postsPage(); // another endpoint, its own budget
    expect(t.waits).toEqual([]);
    await client.repliesPage(named(sim, 'x.post.snow'));
    expect(t.waits).toHaveLength(1);
    expect(t.waits[0]?.reason).toMatch(/X rate limit/);
    expect(sim.control.requests().every((r) => r.status === 200)).toBe(true); // waited, never hit a 429
  });

  it('[STD-8] reads a Graph business-use-case usage of 100% and waits before the next call', async () => {
    const t = steppingClock();
    const client = fbClient(sim, { http: { clock: t.clock, onWait: t.onWait } });
    sim.control.rateLimit({ platform: 'facebook', exhaustHeaders: true, resetInSeconds: 180 });
    await client.getPageProfile();
    await client.feedPage();
    expect(t.waits).toHaveLength(1);
    expect(t.sleeps[0]).toBeGreaterThan(170_000);
    expect(sim.control.requests().every((r) => r.status === 200)).toBe(true);
  });
});

describe('rate-limit header parsing', () => {
  const now = 1_700_000_000_000;
  it('reads X-App-Usage, X-Business-Use-Case-Usage and ignores garbled headers', () => {
    expect(graphRateInfo(new Headers({ 'x-app-usage': '{"call_count":100,"total_cputime":5,"total_time":5}' }), now).blockedUntil).toBe(now + 60_000);
    expect(graphRateInfo(new Headers({ 'x-app-usage': '{"call_count":42,"total_cputime":5,"total_time":5}' }), now)).toMatchObject({ blockedUntil: undefined, usagePercent: 42 });
    const buc = JSON.stringify({ '123': [{ type: 'pages', call_count: 100, total_cputime: 3, total_time: 3, estimated_time_to_regain_access: 7 }] });
    expect(graphRateInfo(new Headers({ 'x-business-use-case-usage': buc }), now).blockedUntil).toBe(now + 7 * 60_000);
    expect(graphRateInfo(new Headers({ 'x-app-usage': '{not json' }), now)).toEqual({ blockedUntil: undefined, reason: undefined, usagePercent: undefined });
  });

  it('reads x-rate-limit-* headers', () => {
    const h = new Headers({ 'x-rate-limit-limit': '50', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': '1700000900' });
    expect(xRateInfo(h, now)).toMatchObject({ blockedUntil: 1_700_000_900_000, usagePercent: 100 });
    expect(xRateInfo(new Headers({ 'x-rate-limit-limit': '50', 'x-rate-limit-remaining': '10', 'x-rate-limit-reset': '1700000900' }), now).blockedUntil).toBeUndefined();
  });
});

describe('a platform that keeps saying "retry now"', () => {
  it('still waits at least a second each time and gives up after maxRateLimitWaits', async () => {
    const sim2 = await withSimulator();
    try {
      const t = steppingClock();
      sim2.control.failNext({ platform: 'x', status: 429, times: 10, headers: { 'retry-after': '0' }, body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 } });
      const e = await xClient(sim2, { http: { clock: t.clock, onWait: t.onWait, maxRateLimitWaits: 3 } }).postsPage().catch((err: unknown) => err);
      expect(e).toBeInstanceOf(RateLimitedError);
      expect(t.sleeps).toHaveLength(3);
      expect(t.sleeps.every((ms) => ms >= 999)).toBe(true);
      expect(sim2.control.requests()).toHaveLength(4);
    } finally {
      await sim2.close();
    }
  });
});
