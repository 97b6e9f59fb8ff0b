import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidRequestError, NotFoundError, PermissionError } from '../../main/platforms/errors';
import { MediaDownloader } from '../../main/platforms/media';
import { xPostToCaptured, xProfileMediaUrls, xProfileToCaptured, xReplyToCaptured, xTweetMediaUrls } from '../../main/platforms/to-captured';
import type { Simulator } from '../../main/simulator';
import { decode, named, withSimulator, xClient } from './helpers';

let sim: Simulator;
beforeEach(async () => {
  sim = await withSimulator();
});
afterEach(async () => {
  await sim.close();
});

describe('XClient against the simulator', () => {
  it('[REC-2] reads the account profile with its picture and banner URLs', async () => {
    const profile = await xClient(sim).getProfile();
    expect(profile.value.username).toBe('CityofKalispell');
    expect(xProfileMediaUrls(profile.value)).toHaveLength(2);
    const c = xProfileToCaptured(profile);
    expect(c).toMatchObject({ platform: 'x', kind: 'profile', author: '@CityofKalispell' });
    expect(JSON.parse(decode(c.payload))).toEqual(profile.value);
  });

  it('[REC-2] reads the account posts (replies excluded) with raw slices', async () => {
    const { items, partialErrors } = await xClient(sim).allPosts();
    expect(items).toHaveLength(5);
    expect(partialErrors).toEqual([]);
    const captured = items.map((i) => xPostToCaptured(i));
    expect(captured.every((c) => c.kind === 'post' && c.parentExternalId === null)).toBe(true);
    expect(decode(captured[0]?.payload ?? new Uint8Array())).toContain('"edit_history_tweet_ids"');
  });

  it('[CIV-1] captures every reply in a conversation across next_token pages, with authors from includes.users', async () => {
    const client = xClient(sim, { pageSize: 10 });
    const snow = named(sim, 'x.post.snow');
    const first = await client.repliesPage(snow);
    expect(first.items).toHaveLength(10);
    expect(first.nextToken).not.toBeNull();
    const all = await client.allReplies(snow);
    expect(all.items).toHaveLength(12);
    expect(new Set(all.items.map((i) => i.value.id)).size).toBe(12);
    const captured = all.items.map((i) => xReplyToCaptured(i, snow, all.users));
    expect(captured.every((c) => c.kind === 'comment' && c.parentExternalId === snow && c.author === '@flatheadwinter')).toBe(true);
    expect(captured.every((c) => c.hidden === undefined)).toBe(true); // X does not say; never guessed
    const searches = sim.control.requests().filter((r) => r.path.endsWith('/tweets/search/recent'));
    expect(searches).toHaveLength(3);
  });

  it('[CIV-4] hides a reply with PUT /tweets/:id/hidden without changing its text, then unhides it', async () => {
    const client = xClient(sim);
    const id = named(sim, 'x.reply.complaint');
    const before = await client.getPost(id);
    expect(await client.setReplyHidden(id, true)).toBe(true);
    expect(sim.control.snapshot().x.tweets.find((t) => t.id === id)).toMatchObject({ hidden: true, deleted: false });
    expect((await client.getPost(id)).value.text).toBe(before.value.text);
    expect(await client.setReplyHidden(id, false)).toBe(false);
    expect(sim.control.snapshot().x.tweets.find((t) => t.id === id)?.hidden).toBe(false);
  });

  it('[STD-8] cannot hide a post that is not a reply in a conversation the account started', async () => {
    const err = await xClient(sim).setReplyHidden(named(sim, 'x.post.snow'), true).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermissionError);
    expect((err as Error).message).toMatch(/conversations you started/);
  });

  it('[CNT-3] uploads an image, creates a post with it, reads it back, then deletes it', async () => {
    const client = xClient(sim);
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 4, 0, 0, 0, 3, 8, 2]);
    const media = await client.uploadMedia({ bytes: png, mediaType: 'image/png' });
    expect(media.mediaKey).toMatch(/^3_\d+$/);
    const created = await client.createPost({ text: 'Leaf pickup starts Monday & runs 3 weeks', mediaIds: [media.id] });
    const posts = await client.allPosts();
    const mine = posts.items.find((p) => p.value.id === created.id);
    expect(mine?.value.text).toBe('Leaf pickup starts Monday &amp; runs 3 weeks'); // X escapes & in text
    const urls = xTweetMediaUrls(mine?.value ?? { id: '', text: '' }, posts.media);
    expect(urls).toHaveLength(1);
    expect((await new MediaDownloader('x').download(urls[0] ?? '')).bytes).toEqual(png);

    expect(await client.deletePost(created.id)).toBe(true);
    await expect(client.getPost(created.id)).rejects.toBeInstanceOf(NotFoundError);
    expect((await client.allPosts()).items.map((p) => p.value.id)).not.toContain(created.id);
  });

  it('[STD-8] surfaces X length and duplicate rules as InvalidRequestError', async () => {
    const client = xClient(sim);
    await expect(client.createPost({ text: 'x'.repeat(281) })).rejects.toBeInstanceOf(InvalidRequestError);
    await client.createPost({ text: 'Council meets tonight' });
    const dup = await client.createPost({ text: 'Council meets tonight' }).catch((e: unknown) => e);
    expect(dup).toBeInstanceOf(InvalidRequestError);
    expect((dup as Error).message).toMatch(/duplicate content/);
  });

  it('replies to a resident in the conversation; the reply is found by conversation_id', async () => {
    const client = xClient(sim);
    const water = named(sim, 'x.post.water');
    const complaint = named(sim, 'x.reply.complaint');
    const { id } = await client.createPost({ text: '@kimsorensen406 Thanks, we have sent this to Public Works.', replyTo: complaint });
    const replies = await client.allReplies(water);
    const mine = replies.items.find((r) => r.value.id === id);
    expect(mine && xReplyToCaptured(mine, water, replies.users)).toMatchObject({ kind: 'reply', parentExternalId: complaint, author: '@CityofKalispell' });
  });
});
