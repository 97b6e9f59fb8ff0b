import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NotFoundError } from '../../main/platforms/errors';
import { MediaDownloader } from '../../main/platforms/media';
import { fbCommentToCaptured } from '../../main/platforms/to-captured';
import { type Simulator, startSimulator } from '../../main/simulator';
import { decode, fbClient, named, withSimulator, xClient } from './helpers';

let sim: Simulator;
beforeEach(async () => {
  sim = await withSimulator();
});
afterEach(async () => {
  await sim.close();
});

const step = (name: string): void => {
  const applied = sim.control.advance();
  expect(applied?.name).toBe(name);
};

describe('scripted timeline, observed through the clients', () => {
  it('[CIV-1] step 1: a visitor post, new comments and a reply appear; new X replies appear', async () => {
    const fb = fbClient(sim);
    const x = xClient(sim);
    const feedBefore = await fb.allFeed();
    step('new-activity');
    const feed = await fb.allFeed();
    expect(feed).toHaveLength(feedBefore.length + 1);
    const visitor = feed[0]?.value;
    expect(visitor?.from?.name).toBe('Sam Tran');
    expect(visitor?.admin_creator).toBeUndefined();
    const construction = named(sim, 'fb.post.construction');
    const comments = (await fb.allComments(construction)).map((c) => fbCommentToCaptured(c, construction));
    expect(comments.at(-1)).toMatchObject({ kind: 'reply', parentExternalId: named(sim, 'fb.comment.criticism'), author: 'Marcus Olsen' });
    const council = await x.allReplies(named(sim, 'x.post.council'));
    expect(council.items.map((i) => i.value.text)).toEqual([expect.stringContaining('public comment on the zoning item')]);
  });

  it('step 2: an edited Facebook comment keeps its id with new text; an X edit gets a new id and edit history', async () => {
    const fb = fbClient(sim);
    const x = xClient(sim);
    step('new-activity');
    const construction = named(sim, 'fb.post.construction');
    const before = (await fb.allComments(construction)).at(-1);
    const xBefore = (await x.allReplies(named(sim, 'x.post.council'))).items[0];
    step('comment-edited');
    const after = (await fb.allComments(construction)).at(-1);
    expect(after?.value.id).toBe(before?.value.id);
    expect(after?.value.message).toMatch(/penalty terms/);
    expect(decode(after?.raw ?? new Uint8Array())).not.toBe(decode(before?.raw ?? new Uint8Array()));
    const xAfter = (await x.allReplies(named(sim, 'x.post.council'))).items;
    expect(xAfter).toHaveLength(1);
    expect(xAfter[0]?.value.id).not.toBe(xBefore?.value.id);
    expect(xAfter[0]?.value.edit_history_tweet_ids).toEqual([xBefore?.value.id, xAfter[0]?.value.id]);
    expect((await x.getPost(xBefore?.value.id ?? '')).value.text).toBe(xBefore?.value.text); // old version still readable
  });

  it('[CIV-1] step 3: deletions by authors vanish from reads; X reports the orphaned reference as a partial error', async () => {
    const fb = fbClient(sim);
    const x = xClient(sim);
    step('new-activity');
    step('comment-edited');
    const council = named(sim, 'fb.post.council');
    const danaId = (await fb.allComments(council))[0]?.value.id ?? '';
    step('deleted-by-author');
    expect(await fb.allComments(council)).toEqual([]);
    await expect(fb.getComment(danaId)).rejects.toBeInstanceOf(NotFoundError);
    const replies = await x.allReplies(named(sim, 'x.post.construction'));
    expect(replies.items.map((i) => i.value.id)).not.toContain(named(sim, 'x.reply.criticism'));
    expect(replies.items).toHaveLength(1);
    expect(replies.partialErrors).toEqual([expect.objectContaining({ parameter: 'referenced_tweets.id', resource_id: named(sim, 'x.reply.criticism') })]);
  });

  it('[CIV-4] step 4: a comment hidden outside the app reads back as is_hidden', async () => {
    for (const s of ['new-activity', 'comment-edited', 'deleted-by-author', 'hidden-elsewhere']) step(s);
    const spam = await fbClient(sim).getComment(named(sim, 'fb.comment.spam'));
    expect(spam.value.is_hidden).toBe(true);
    expect(fbCommentToCaptured(spam, named(sim, 'fb.post.parks')).hidden).toBe(true);
  });

  it('[SEC-7] step 5: the cover photo and X banner change to different image bytes', async () => {
    for (const s of ['new-activity', 'comment-edited', 'deleted-by-author', 'hidden-elsewhere']) step(s);
    const fb = fbClient(sim);
    const dl = new MediaDownloader('facebook');
    const before = (await fb.getPageProfile()).value.cover;
    const xBefore = (await xClient(sim).getProfile()).value.profile_banner_url ?? '';
    const bytesBefore = (await dl.download(before?.source ?? '')).bytes;
    step('cover-changed');
    const after = (await fb.getPageProfile()).value.cover;
    expect(after?.id).not.toBe(before?.id);
    const bytesAfter = (await dl.download(after?.source ?? '')).bytes;
    expect(Buffer.from(bytesAfter).equals(Buffer.from(bytesBefore))).toBe(false);
    const xAfter = (await xClient(sim).getProfile()).value.profile_banner_url ?? '';
    expect(xAfter).not.toBe(xBefore);
    expect((await new MediaDownloader('x').download(xAfter)).mediaType).toBe('image/png');
  });

  it('[SEC-7] steps 6–8: page renamed, an unknown post, an unknown admin', async () => {
    const fb = fbClient(sim);
    for (let i = 0; i < 5; i++) sim.control.advance();
    step('profile-changed');
    const profile = (await fb.getPageProfile()).value;
    expect(profile.name).toBe('Kalispell Community Giveaways');
    expect(profile.about).toMatch(/login details/);
    step('unknown-post');
    const [newest] = await fb.allFeed();
    expect(newest?.value.admin_creator?.name).toBe('Meta Page Support');
    expect(newest?.value.message).toMatch(/FREE iPhone/);
    step('unknown-admin');
    expect((await fb.listRoles()).map((r) => r.value.name)).toContain('Meta Page Support');
    expect(sim.control.advance()).toBeNull();
    expect(sim.control.step).toBe(8);
  });
});

describe('simulator control over HTTP and determinism', () => {
  it('advances, reports state and injects faults through /__sim/ for other processes', async () => {
    const post = (path: string, body?: unknown): Promise<Response> =>
      fetch(`${sim.url}/__sim/${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    const steps = (await (await fetch(`${sim.url}/__sim/steps`)).json()) as { steps: Array<{ name: string }> };
    expect(steps.steps.map((s) => s.name)).toEqual(['new-activity', 'comment-edited', 'deleted-by-author', 'hidden-elsewhere', 'cover-changed', 'profile-changed', 'unknown-post', 'unknown-admin']);
    expect(((await (await post('advance')).json()) as { current: number }).current).toBe(1);
    expect(((await (await fetch(`${sim.url}/__sim/state`)).json()) as { step: number }).step).toBe(1);
    expect((await fetch(`${sim.url}/__sim/advance`, { method: 'POST', body: 'x', headers: { 'content-type': 'text/plain' } })).status).toBe(403);
    expect(sim.control.step).toBe(1);
    expect((await post('fail-next', { platform: 'x', status: 'not a number' })).status).toBe(400);
    expect((await post('fail-next', { platform: 'x', status: 418, body: { title: 'teapot' } })).status).toBe(200);
    const res = await fetch(`${sim.xBaseUrl}/users/${sim.xUserId}`, { headers: { authorization: `Bearer ${sim.tokens.xUser}` } });
    expect(res.status).toBe(418);
  });

  it('listens on 127.0.0.1 only and the same seed and clock give the same ids', async () => {
    expect(new URL(sim.url).hostname).toBe('127.0.0.1');
    const now = (): number => 1_750_000_000_000;
    const a = await startSimulator({ seed: 3, now });
    const b = await startSimulator({ seed: 3, now });
    try {
      const sa = a.control.snapshot();
      const sb = b.control.snapshot();
      expect(sa.named).toEqual(sb.named);
      expect(sa.x.tweets.map((t) => t.id)).toEqual(sb.x.tweets.map((t) => t.id));
    } finally {
      await a.close();
      await b.close();
    }
  });
});
