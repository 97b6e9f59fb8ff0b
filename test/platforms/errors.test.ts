import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  InvalidResponseError,
  NotFoundError,
  PermissionError,
  PlatformError,
  TokenExpiredError,
  TransientError,
  UncertainOutcomeError,
} from '../../main/platforms/errors';
import type { Simulator } from '../../main/simulator';
import { fbClient, named, steppingClock, withSimulator, xClient } from './helpers';

let sim: Simulator;
beforeEach(async () => {
  sim = await withSimulator();
});
afterEach(async () => {
  await sim.close();
});

const fail = async (p: Promise<unknown>): Promise<PlatformError> => {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  if (!(e instanceof PlatformError)) throw new Error(`expected a PlatformError, got ${String(e)}`);
  return e;
};
const count = (s: Simulator, pathEnd: string): number => s.control.requests().filter((r) => r.path.endsWith(pathEnd)).length;

describe('Facebook errors', () => {
  it('an expired token is a TokenExpiredError that says to reconnect, and is not retried', async () => {
    sim.control.expireToken(sim.tokens.facebookPage);
    const e = await fail(fbClient(sim).getPageProfile());
    expect(e).toBeInstanceOf(TokenExpiredError);
    expect(e).toMatchObject({ platform: 'facebook', code: 190, subcode: 463, retryable: false });
    expect(e.message).toMatch(/Reconnect the Facebook account/);
    expect(e.message).toMatch(/Session has expired/);
    expect(sim.control.requests()).toHaveLength(1);
  });

  it('an unknown token and a missing token are TokenExpiredErrors', async () => {
    const bad = fbClient(sim, { tokens: { token: async () => 'not-a-real-token' } });
    expect(await fail(bad.getPageProfile())).toMatchObject({ code: 190, constructor: TokenExpiredError });
    const empty = fbClient(sim, { tokens: { token: async () => '' } });
    expect(await fail(empty.getPageProfile())).toBeInstanceOf(TokenExpiredError);
  });

  it('[CIV-4] a token without pages_manage_engagement gets a PermissionError and the comment stays as it was', async () => {
    const readOnly = fbClient(sim, { tokens: { token: async () => sim.tokens.facebookReadOnly } });
    const id = named(sim, 'fb.comment.campaign');
    const e = await fail(readOnly.setCommentHidden(id, true));
    expect(e).toBeInstanceOf(PermissionError);
    expect(e.message).toMatch(/pages_manage_engagement/);
    expect(sim.control.snapshot().facebook.comments.find((c) => c.id === id)?.hidden).toBe(false);
  });

  it('a missing object is a NotFoundError (Graph code 100, subcode 33)', async () => {
    const e = await fail(fbClient(sim).getComment('123_456'));
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e).toMatchObject({ code: 100, subcode: 33 });
    expect(e.traceId).toMatch(/^[\w-]{10,}$/);
  });

  it('broken JSON on a 200 is an InvalidResponseError, not retried and not half-used', async () => {
    sim.control.failNext({ platform: 'facebook', status: 200, body: '{"data":[{"id":"1_2","created_time":"2024-01-01T00:00:00+0000"},' });
    const e = await fail(fbClient(sim).feedPage());
    expect(e).toBeInstanceOf(InvalidResponseError);
    expect(e.message).toMatch(/not valid JSON/);
    expect(count(sim, '/feed')).toBe(1);
  });

  it('a well-formed body of the wrong shape is an InvalidResponseError naming the field', async () => {
    sim.control.failNext({ platform: 'facebook', status: 200, body: { data: [{ message: 'no id here', created_time: '2024-01-01T00:00:00+0000' }] } });
    const e = await fail(fbClient(sim).feedPage());
    expect(e).toBeInstanceOf(InvalidResponseError);
    expect(e.message).toMatch(/feed item 0: id/);
  });

  it('retries a 500 with growing backoff, announcing each wait, then succeeds', async () => {
    const t = steppingClock();
    sim.control.failNext({ platform: 'facebook', status: 500, times: 2 });
    const feed = await fbClient(sim, { http: { clock: t.clock, onWait: t.onWait, random: () => 1 } }).feedPage();
    expect(feed.items.length).toBeGreaterThan(0);
    expect(count(sim, '/feed')).toBe(3);
    expect(t.waits.map((w) => w.kind)).toEqual(['retry', 'retry']);
    expect(t.waits[0]?.reason).toMatch(/server error 500.*retry 1 of 3/);
    expect(t.sleeps).toEqual([500, 1000]);
  });

  it('gives up with a TransientError after the configured retries', async () => {
    const t = steppingClock();
    sim.control.failNext({ platform: 'facebook', status: 503, times: 10 });
    const e = await fail(fbClient(sim, { http: { clock: t.clock, maxRetries: 2 } }).getPageProfile());
    expect(e).toBeInstanceOf(TransientError);
    expect(e.retryable).toBe(true);
    expect(e.message).toMatch(/temporary/);
    expect(sim.control.requests()).toHaveLength(3);
  });

  it('retries after a dropped connection and after a timeout', async () => {
    const t = steppingClock();
    sim.control.failNext({ platform: 'facebook', network: 'reset' });
    expect((await fbClient(sim, { http: { clock: t.clock, onWait: t.onWait } }).getPageProfile()).value.name).toContain('Kalispell');
    sim.control.failNext({ platform: 'facebook', network: 'hang' });
    const profile = await fbClient(sim, { http: { clock: t.clock, onWait: t.onWait, timeoutMs: 300 } }).getPageProfile();
    expect(profile.value.id).toBe(sim.facebookPageId);
    expect(t.waits.map((w) => w.reason)).toEqual([expect.stringMatching(/network connection failed/), expect.stringMatching(/No answer within 0.3 s/)]);
  });

  it('never retries a publish whose outcome is unknown: UncertainOutcomeError after one attempt', async () => {
    sim.control.failNext({ platform: 'facebook', status: 500, pathIncludes: '/feed' });
    const e = await fail(fbClient(sim, { http: { clock: steppingClock().clock } }).publishPost({ message: 'Road closed' }));
    expect(e).toBeInstanceOf(UncertainOutcomeError);
    expect(e.message).toMatch(/Check the account before trying again/);
    expect(count(sim, '/feed')).toBe(1);
  });
});

describe('X errors', () => {
  it('401 is a TokenExpiredError (expired, unknown or missing token)', async () => {
    sim.control.expireToken(sim.tokens.xUser);
    const e = await fail(xClient(sim).getProfile());
    expect(e).toBeInstanceOf(TokenExpiredError);
    expect(e).toMatchObject({ platform: 'x', status: 401 });
    expect(e.message).toMatch(/Reconnect the X account/);
    sim.control.reviveToken(sim.tokens.xUser);
    expect((await xClient(sim).getProfile()).value.username).toBe('CityofKalispell');
    expect(await fail(xClient(sim, { tokens: { token: async () => 'nope' } }).getProfile())).toBeInstanceOf(TokenExpiredError);
  });

  it('[CIV-4] a read-only token cannot hide replies: PermissionError naming the scope', async () => {
    const e = await fail(xClient(sim, { tokens: { token: async () => sim.tokens.xReadOnly } }).setReplyHidden(named(sim, 'x.reply.spam'), true));
    expect(e).toBeInstanceOf(PermissionError);
    expect(e.message).toMatch(/tweet\.moderate\.write/);
  });

  it('a deleted post is a NotFoundError (X answers 200 with only errors[])', async () => {
    const e = await fail(xClient(sim).getPost('1234567890'));
    expect(e).toBeInstanceOf(NotFoundError);
    expect(e.status).toBe(200);
  });

  it('retries a 503 then succeeds', async () => {
    const t = steppingClock();
    sim.control.failNext({ platform: 'x', status: 503 });
    const posts = await xClient(sim, { http: { clock: t.clock, onWait: t.onWait } }).postsPage();
    expect(posts.items.length).toBe(5);
    expect(t.waits).toHaveLength(1);
  });

  it('[CIV-1] surfaces partial errors[] of a 200 page instead of dropping them, and keeps the data', async () => {
    const body = {
      data: [{ id: '1800000000000000001', text: '@CityofKalispell hi', edit_history_tweet_ids: ['1800000000000000001'], conversation_id: '1700000000000000000' }],
      errors: [{ value: '1799', detail: 'Could not find tweet with referenced_tweets.id: [1799].', title: 'Not Found Error', resource_type: 'tweet', parameter: 'referenced_tweets.id', resource_id: '1799', type: 'https://api.twitter.com/2/problems/resource-not-found' }],
      meta: { result_count: 1, newest_id: '1800000000000000001', oldest_id: '1800000000000000001' },
    };
    sim.control.failNext({ platform: 'x', status: 200, body });
    const page = await xClient(sim).repliesPage('1700000000000000000');
    expect(page.items).toHaveLength(1);
    expect(page.partialErrors).toEqual([expect.objectContaining({ parameter: 'referenced_tweets.id', resource_id: '1799' })]);
  });

  it('a page whose meta.result_count disagrees with its data is an InvalidResponseError', async () => {
    sim.control.failNext({ platform: 'x', status: 200, body: { data: [{ id: '1', text: 'a' }], meta: { result_count: 2 } } });
    expect(await fail(xClient(sim).postsPage())).toBeInstanceOf(InvalidResponseError);
  });

  it('an HTML error page from a proxy is an InvalidResponseError for 4xx and a TransientError for 5xx', async () => {
    const t = steppingClock();
    sim.control.failNext({ platform: 'x', status: 400, body: '<html>Bad Request</html>', headers: { 'content-type': 'text/html' } });
    expect(await fail(xClient(sim).postsPage())).toBeInstanceOf(InvalidResponseError);
    sim.control.failNext({ platform: 'x', status: 502, body: '<html>Bad Gateway</html>', times: 5 });
    expect(await fail(xClient(sim, { http: { clock: t.clock, maxRetries: 1 } }).postsPage())).toBeInstanceOf(TransientError);
  });
});
