import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidRequestError, NotFoundError } from '../../main/platforms/errors';
import { MediaDownloader } from '../../main/platforms/media';
import { attachMedia, fbCommentToCaptured, fbPostMediaUrls, fbPostToCaptured, fbProfileMediaUrls, fbProfileToCaptured } from '../../main/platforms/to-captured';
import type { Simulator } from '../../main/simulator';
import { decode, fbClient, named, withSimulator } from './helpers';

let sim: Simulator;
beforeEach(async () => {
  sim = await withSimulator();
});
afterEach(async () => {
  await sim.close();
});

describe('FacebookClient against the simulator', () => {
  it('[REC-2] reads the Page profile with picture and cover, keeping the exact bytes Graph sent', async () => {
    const profile = await fbClient(sim).getPageProfile();
    expect(profile.value.name).toBe('City of Kalispell, Montana');
    expect(profile.value.website).toBe('https://www.kalispell.example');
    // Graph escapes slashes; the parsed value does not have them, the raw bytes must.
    expect(decode(profile.raw)).toContain('https:\\/\\/www.kalispell.example');
    expect(JSON.parse(decode(profile.raw))).toEqual(profile.value);
    const captured = fbProfileToCaptured(profile);
    expect(captured).toMatchObject({ platform: 'facebook', kind: 'profile', externalId: 'profile', contentType: 'application/json' });
    expect(captured.payload).toEqual(profile.raw);
  });

  it('[REC-2] pages through the whole feed with paging.cursors.after until paging.next is absent', async () => {
    const client = fbClient(sim, { pageSize: 3 });
    const first = await client.feedPage();
    expect(first.items).toHaveLength(3);
    expect(first.after).not.toBeNull();
    const all = await client.allFeed();
    expect(all).toHaveLength(8);
    expect(new Set(all.map((p) => p.value.id)).size).toBe(8);
    const times = all.map((p) => Date.parse(p.value.created_time));
    expect([...times].sort((a, b) => b - a)).toEqual(times); // newest first, as Graph orders a feed
    const requests = sim.control.requests().filter((r) => r.path.endsWith('/feed'));
    expect(requests.length).toBeGreaterThanOrEqual(4); // 3 pages for allFeed plus the first call
  });

  it('[CIV-1] captures every comment and reply of a post with filter=stream, across pages', async () => {
    const postId = named(sim, 'fb.post.construction');
    const comments = await fbClient(sim, { pageSize: 2 }).allComments(postId);
    expect(comments.map((c) => c.value.message)).toEqual([
      expect.stringContaining('dragged on since spring'),
      expect.stringContaining('paving to be complete'),
      expect.stringContaining('regular updates'),
    ]);
    const captured = comments.map((c) => fbCommentToCaptured(c, postId));
    expect(captured.map((c) => c.kind)).toEqual(['comment', 'reply', 'comment']);
    expect(captured[1]?.parentExternalId).toBe(named(sim, 'fb.comment.criticism'));
    expect(captured[0]?.author).toBe('Marcus Olsen');
    for (const [i, c] of captured.entries()) {
      expect(c.payload).toEqual(comments[i]?.raw);
      expect(JSON.parse(decode(c.payload))).toEqual(comments[i]?.value);
    }
  });

  it('[CIV-4] hides a comment via is_hidden without changing its text, and unhides it', async () => {
    const client = fbClient(sim);
    const id = named(sim, 'fb.comment.profane');
    const before = await client.getComment(id);
    await client.setCommentHidden(id, true);
    const hidden = await client.getComment(id);
    expect(hidden.value.is_hidden).toBe(true);
    expect(hidden.value.message).toBe(before.value.message);
    expect(sim.control.snapshot().facebook.comments.find((c) => c.id === id)).toMatchObject({ hidden: true, deleted: false });
    await client.setCommentHidden(id, false);
    expect((await client.getComment(id)).value.is_hidden).toBe(false);
  });

  it('[CIV-4] deletes a comment; a later read says it no longer exists', async () => {
    const client = fbClient(sim);
    const id = named(sim, 'fb.comment.spam');
    await client.deleteObject(id);
    await expect(client.getComment(id)).rejects.toBeInstanceOf(NotFoundError);
    const remaining = await client.allComments(named(sim, 'fb.post.parks'));
    expect(remaining.map((c) => c.value.id)).not.toContain(id);
  });

  it('[CNT-3] publishes a text post and a photo post that later reads show', async () => {
    const client = fbClient(sim);
    const { id } = await client.publishPost({ message: 'Test notice: City Hall closes at noon Friday.', link: 'https://www.kalispell.example/hours' });
    const post = await client.getPost(id);
    expect(post.value.message).toBe('Test notice: City Hall closes at noon Friday.');
    expect(post.value.admin_creator?.name).toBe('Jordan Reyes');

    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
    const photo = await client.publishPhoto({ message: 'New bike racks downtown', image: { bytes: png, mediaType: 'image/png' } });
    expect(photo.postId).not.toBeNull();
    const photoPost = await client.getPost(photo.postId ?? '');
    const urls = fbPostMediaUrls(photoPost.value);
    expect(urls).toHaveLength(1);
    const media = await new MediaDownloader('facebook').download(urls[0] ?? '');
    expect(media.bytes).toEqual(png);
    expect((await client.allFeed()).map((p) => p.value.id)).toEqual(expect.arrayContaining([id, photo.postId]));
  });

  it('[STD-8] surfaces Graph rejecting a duplicate status message as an InvalidRequestError', async () => {
    const client = fbClient(sim);
    await client.publishPost({ message: 'Same words twice' });
    const err = await client.publishPost({ message: 'Same words twice' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect((err as InvalidRequestError).code).toBe(506);
    expect((err as Error).message).toMatch(/Duplicate status message/);
  });

  it('[REG-5] lists the Page roles', async () => {
    const roles = await fbClient(sim).listRoles();
    expect(roles.map((r) => r.value.name)).toEqual(['Jordan Reyes', 'Pat Lindqvist']);
    expect(roles[0]?.value.tasks).toContain('MANAGE');
  });

  it('[REC-2] downloads the profile picture and cover and attaches them to the profile capture', async () => {
    const profile = await fbClient(sim).getPageProfile();
    const urls = fbProfileMediaUrls(profile.value);
    expect(urls).toHaveLength(2);
    const { captured, failures } = await attachMedia(fbProfileToCaptured(profile), urls, new MediaDownloader('facebook'));
    expect(failures).toEqual([]);
    expect(captured.media?.map((m) => m.mediaType)).toEqual(['image/png', 'image/png']);
    expect(Array.from(captured.media?.[0]?.bytes.subarray(1, 4) ?? [])).toEqual([0x50, 0x4e, 0x47]); // "PNG"
  });

  it('maps a feed post to a CapturedObject with ISO time and the raw slice as payload', async () => {
    const [post] = await fbClient(sim).allFeed();
    if (!post) throw new Error('empty feed');
    const c = fbPostToCaptured(post);
    expect(c.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/);
    expect(c.payload).toBe(post.raw);
    expect(c.text).toBe(post.value.message);
  });
});
