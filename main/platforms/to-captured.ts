/**
 * Maps what the clients fetched to the archive's CapturedObject. The payload is always the exact
 * slice the platform sent; the other fields are conveniences for search and display.
 *
 * Kinds are the same on both platforms: a `comment` answers a post, a `reply` answers a comment.
 */
import type { CapturedMedia, CapturedObject } from '../archive/types';
import type { FbComment, FbPageProfile, FbPost } from './facebook-schemas';
import type { MediaDownloader } from './media';
import type { Fetched } from './types';
import type { XMedia, XTweet, XUser } from './x-schemas';

const JSON_TYPE = 'application/json';

/** Graph writes "2021-07-09T19:09:52+0000"; the archive wants ISO 8601 in UTC. */
export function toIso(time: string | undefined): string | null {
  if (!time) return null;
  const ms = Date.parse(time);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
}

export function fbPostToCaptured(post: Fetched<FbPost>): CapturedObject {
  const v = post.value;
  return {
    platform: 'facebook',
    kind: 'post',
    externalId: v.id,
    parentExternalId: null,
    author: v.from?.name ?? null,
    createdAt: toIso(v.created_time),
    text: v.message ?? v.story ?? null,
    hidden: v.is_hidden ?? false,
    payload: post.raw,
    contentType: JSON_TYPE,
  };
}

/** `postId` is the post the comments were listed under; a reply's parent is its `parent.id`. */
export function fbCommentToCaptured(comment: Fetched<FbComment>, postId: string): CapturedObject {
  const v = comment.value;
  const isReply = v.parent !== undefined && v.parent.id !== postId;
  return {
    platform: 'facebook',
    kind: isReply ? 'reply' : 'comment',
    externalId: v.id,
    parentExternalId: isReply ? (v.parent?.id ?? postId) : postId,
    author: v.from?.name ?? null,
    createdAt: toIso(v.created_time),
    text: v.message ?? null,
    hidden: v.is_hidden ?? false,
    payload: comment.raw,
    contentType: JSON_TYPE,
  };
}

export function fbProfileToCaptured(profile: Fetched<FbPageProfile>, media?: CapturedMedia[]): CapturedObject {
  const v = profile.value;
  return {
    platform: 'facebook',
    kind: 'profile',
    externalId: 'profile',
    author: v.name,
    text: [v.name, v.about, v.description, v.website].filter(Boolean).join('\n'),
    payload: profile.raw,
    contentType: JSON_TYPE,
    ...(media?.length ? { media } : {}),
  };
}

export function xPostToCaptured(post: Fetched<XTweet>, users?: Map<string, XUser>): CapturedObject {
  const v = post.value;
  return {
    platform: 'x',
    kind: 'post',
    externalId: v.id,
    parentExternalId: null,
    author: authorOf(v, users),
    createdAt: toIso(v.created_at),
    text: v.text,
    payload: post.raw,
    contentType: JSON_TYPE,
  };
}

/**
 * A reply found by `conversation_id:ID`. X does not say whether a reply is hidden, so `hidden` is
 * left unset rather than guessed.
 */
export function xReplyToCaptured(reply: Fetched<XTweet>, conversationId: string, users?: Map<string, XUser>): CapturedObject {
  const v = reply.value;
  const parent = v.referenced_tweets?.find((r) => r.type === 'replied_to')?.id ?? conversationId;
  return {
    platform: 'x',
    kind: parent === conversationId ? 'comment' : 'reply',
    externalId: v.id,
    parentExternalId: parent,
    author: authorOf(v, users),
    createdAt: toIso(v.created_at),
    text: v.text,
    payload: reply.raw,
    contentType: JSON_TYPE,
  };
}

export function xProfileToCaptured(profile: Fetched<XUser>, media?: CapturedMedia[]): CapturedObject {
  const v = profile.value;
  return {
    platform: 'x',
    kind: 'profile',
    externalId: 'profile',
    author: `@${v.username}`,
    text: [v.name, v.description, v.url, v.location].filter(Boolean).join('\n'),
    payload: profile.raw,
    contentType: JSON_TYPE,
    ...(media?.length ? { media } : {}),
  };
}

function authorOf(t: XTweet, users?: Map<string, XUser>): string | null {
  if (!t.author_id) return null;
  const u = users?.get(t.author_id);
  return u ? `@${u.username}` : t.author_id;
}

/** Picture URLs worth keeping for a Page profile: the profile picture (unless the default) and cover. */
export function fbProfileMediaUrls(p: FbPageProfile): string[] {
  const urls: string[] = [];
  if (p.picture && !p.picture.data.is_silhouette) urls.push(p.picture.data.url);
  if (p.cover) urls.push(p.cover.source);
  return urls;
}

export function fbPostMediaUrls(p: FbPost): string[] {
  const fromAttachments = (p.attachments?.data ?? []).flatMap((a) => (a.media?.image?.src ? [a.media.image.src] : []));
  if (fromAttachments.length) return [...new Set(fromAttachments)];
  return p.full_picture ? [p.full_picture] : [];
}

export function xProfileMediaUrls(u: XUser): string[] {
  return [u.profile_image_url, u.profile_banner_url].filter((x): x is string => typeof x === 'string' && x.length > 0);
}

export function xTweetMediaUrls(t: XTweet, media: Map<string, XMedia>): string[] {
  return (t.attachments?.media_keys ?? []).flatMap((k) => {
    const m = media.get(k);
    const url = m?.url ?? m?.preview_image_url;
    return url ? [url] : [];
  });
}

export interface MediaFailure {
  url: string;
  error: Error;
}

/**
 * Downloads the pictures for a captured object. A picture that cannot be fetched does not stop the
 * record being archived; it is reported so the caller can log it and try again.
 */
export async function attachMedia(
  captured: CapturedObject,
  urls: string[],
  downloader: MediaDownloader,
): Promise<{ captured: CapturedObject; failures: MediaFailure[] }> {
  const media: CapturedMedia[] = [];
  const failures: MediaFailure[] = [];
  for (const url of urls) {
    try {
      media.push(await downloader.download(url));
    } catch (e) {
      failures.push({ url, error: e instanceof Error ? e : new Error(String(e)) });
    }
  }
  return { captured: media.length ? { ...captured, media: [...(captured.media ?? []), ...media] } : captured, failures };
}
