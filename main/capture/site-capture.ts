import type { Archive } from '../archive/archive';
import type { CapturedObject } from '../archive/types';
import {
  attachMedia, FacebookClient, fbCommentToCaptured, fbPostMediaUrls, fbPostToCaptured, fbProfileMediaUrls, fbProfileToCaptured,
  MediaDownloader, XClient, xPostToCaptured, xProfileMediaUrls, xProfileToCaptured, xReplyToCaptured, xTweetMediaUrls,
  type HttpOptions, type TokenProvider,
} from '../platforms';
import type { SiteConnection } from './connections';

export interface CaptureProgress {
  siteId: number;
  phase: 'profile' | 'posts' | 'comments' | 'deletions' | 'done';
  done: number;
  total: number;
  message: string;
}

export interface CaptureCounts { new: number; versions: number; unchanged: number; deletions: number; mediaFailures: number }

export interface SiteCaptureInput {
  archive: Archive;
  siteId: number;
  platform: 'facebook' | 'x';
  connection: SiteConnection;
  tokens: TokenProvider;
  http?: HttpOptions;
  now(): Date;
  onProgress?(p: CaptureProgress): void;
  /** Checked between batches: stopping leaves the archive consistent and the run resumable. */
  signal?: AbortSignal;
}

/** One post and everything under it, archived as one batch. */
interface PostBatch { post: CapturedObject; children: CapturedObject[]; mediaUrls: string[] }

function add(total: CaptureCounts, r: { new: number; versions: number; unchanged: number }): void {
  total.new += r.new;
  total.versions += r.versions;
  total.unchanged += r.unchanged;
}

async function facebookBatches(input: SiteCaptureInput, client: FacebookClient, report: (p: Omit<CaptureProgress, 'siteId'>) => void) {
  const profile = await client.getPageProfile();
  const profileObject = { captured: fbProfileToCaptured(profile), urls: fbProfileMediaUrls(profile.value) };
  report({ phase: 'posts', done: 0, total: 0, message: 'Listing posts' });
  const posts = await client.allFeed();
  const batches = async function* (): AsyncGenerator<PostBatch> {
    for (const post of posts) {
      const comments = await client.allComments(post.value.id);
      yield { post: fbPostToCaptured(post), children: comments.map((c) => fbCommentToCaptured(c, post.value.id)), mediaUrls: fbPostMediaUrls(post.value) };
    }
  };
  return { profileObject, postIds: posts.map((p) => p.value.id), batches };
}

async function xBatches(input: SiteCaptureInput, client: XClient, report: (p: Omit<CaptureProgress, 'siteId'>) => void) {
  const profile = await client.getProfile();
  const profileObject = { captured: xProfileToCaptured(profile), urls: xProfileMediaUrls(profile.value) };
  report({ phase: 'posts', done: 0, total: 0, message: 'Listing posts' });
  const posts = await client.allPosts();
  const batches = async function* (): AsyncGenerator<PostBatch> {
    for (const post of posts.items) {
      const replies = await client.allReplies(post.value.id);
      yield {
        post: xPostToCaptured(post, posts.users),
        children: replies.items.map((r) => xReplyToCaptured(r, post.value.id, replies.users)),
        mediaUrls: xTweetMediaUrls(post.value, posts.media),
      };
    }
  };
  return { profileObject, postIds: posts.items.map((p) => p.value.id), batches };
}

/**
 * Captures one site: its profile (with pictures), every post with its media, and every comment
 * and reply, one post per transaction; then marks what has disappeared. Interrupted, it leaves
 * whole batches behind and the next run starts after the last post it finished.
 */
export async function captureSite(input: SiteCaptureInput): Promise<{ runId: number; counts: CaptureCounts }> {
  const { archive, siteId } = input;
  const report = (p: Omit<CaptureProgress, 'siteId'>) => input.onProgress?.({ siteId, ...p });
  const counts: CaptureCounts = { new: 0, versions: 0, unchanged: 0, deletions: 0, mediaFailures: 0 };
  const run = archive.startRun({ siteId, scope: 'site', source: 'api' });
  try {
    report({ phase: 'profile', done: 0, total: 1, message: 'Capturing the profile' });
    const http = { ...input.http };
    const downloader = new MediaDownloader(input.platform, http);
    const source = input.platform === 'facebook'
      ? await facebookBatches(input, new FacebookClient({ pageId: input.connection.accountId, tokens: input.tokens, baseUrl: input.connection.baseUrl, http }), report)
      : await xBatches(input, new XClient({ userId: input.connection.accountId, tokens: input.tokens, baseUrl: input.connection.baseUrl, http }), report);

    const profile = await attachMedia(source.profileObject.captured, source.profileObject.urls, downloader);
    counts.mediaFailures += profile.failures.length;
    add(counts, archive.ingest(siteId, [profile.captured], 'api', { runId: run.runId }));

    const seenPosts: string[] = [];
    const postCount = source.postIds.length;
    // Resume after the last whole post only if that post is still listed; otherwise start over.
    let skipping = run.resumeCursor !== null && source.postIds.includes(run.resumeCursor);
    let done = 0;
    for await (const batch of source.batches()) {
      input.signal?.throwIfAborted();
      seenPosts.push(batch.post.externalId);
      done += 1;
      if (skipping) {
        // Resuming: posts up to the cursor were archived whole by the interrupted run.
        if (batch.post.externalId === run.resumeCursor) skipping = false;
        continue;
      }
      const post = await attachMedia(batch.post, batch.mediaUrls, downloader);
      counts.mediaFailures += post.failures.length;
      add(counts, archive.ingest(siteId, [post.captured, ...batch.children], 'api', { runId: run.runId, cursor: batch.post.externalId }));
      const capturedAt = input.now().toISOString();
      const comments = batch.children.filter((c) => c.kind === 'comment');
      const gone = archive.reconcile({ siteId, kind: 'comment', parentExternalId: batch.post.externalId, seenExternalIds: comments.map((c) => c.externalId), capturedAt, runId: run.runId });
      counts.deletions += gone.deleted.length;
      // Replies are reconciled under each comment seen now and each comment just found gone.
      for (const parent of [...comments.map((c) => c.externalId), ...gone.deleted.map((d) => d.externalId)]) {
        const seen = batch.children.filter((c) => c.kind === 'reply' && c.parentExternalId === parent).map((c) => c.externalId);
        counts.deletions += archive.reconcile({ siteId, kind: 'reply', parentExternalId: parent, seenExternalIds: seen, capturedAt, runId: run.runId }).deleted.length;
      }
      report({ phase: 'comments', done, total: postCount, message: `Post ${done} of ${postCount}` });
    }
    if (!skipping) {
      report({ phase: 'deletions', done: postCount, total: postCount, message: 'Looking for deleted posts' });
      counts.deletions += archive.reconcile({ siteId, kind: 'post', seenExternalIds: seenPosts, capturedAt: input.now().toISOString(), runId: run.runId }).deleted.length;
    }
    archive.finishRun(run.runId, { status: 'succeeded' });
    report({ phase: 'done', done: postCount, total: postCount, message: 'Capture finished' });
    return { runId: run.runId, counts };
  } catch (err) {
    archive.finishRun(run.runId, { status: 'failed', error: err instanceof Error ? err.message : String(err) });
    throw err;
  }
}
