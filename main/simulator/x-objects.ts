/** X API v2 representations of simulated posts, users and media, with `*.fields` selection. */
import type { World, XMediaState, XTweetState, XUserState } from './state';

type Obj = Record<string, unknown>;

export const X_NOT_FOUND = 'https://api.twitter.com/2/problems/resource-not-found';

/** X escapes &, < and > in post text. */
const escapeText = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function pick(full: Obj, defaults: string[], requested: string | null): Obj {
  const want = new Set([...defaults, ...(requested ? requested.split(',').map((f) => f.trim()) : [])]);
  const out: Obj = {};
  for (const [k, v] of Object.entries(full)) if (want.has(k) && v !== undefined) out[k] = v;
  return out;
}

function entities(world: World, text: string): Obj | undefined {
  const mentions = [...text.matchAll(/@([A-Za-z0-9_]{1,15})/g)].map((m) => {
    const user = [...world.xUsers.values()].find((u) => u.username.toLowerCase() === m[1]?.toLowerCase());
    return { start: m.index, end: m.index + m[0].length, username: m[1], ...(user ? { id: user.id } : {}) };
  });
  const urls = [...text.matchAll(/https?:\/\/\S+/g)].map((m) => ({ start: m.index, end: m.index + m[0].length, url: m[0], expanded_url: m[0], display_url: m[0].replace(/^https?:\/\//, '') }));
  if (!mentions.length && !urls.length) return undefined;
  return { ...(mentions.length ? { mentions } : {}), ...(urls.length ? { urls } : {}) };
}

export function tweetObject(world: World, t: XTweetState, requested: string | null): Obj {
  const replies = world.xTweets.filter((r) => !r.deleted && r.repliedToId === t.id).length;
  const full: Obj = {
    edit_history_tweet_ids: [...t.editHistory],
    id: t.id,
    text: escapeText(t.text),
    created_at: new Date(Math.floor(t.createdMs / 1000) * 1000).toISOString(), // X reports whole seconds
    author_id: t.authorId,
    conversation_id: t.conversationId,
    in_reply_to_user_id: t.inReplyToUserId,
    referenced_tweets: t.repliedToId ? [{ type: 'replied_to', id: t.repliedToId }] : undefined,
    attachments: t.mediaKeys.length ? { media_keys: [...t.mediaKeys] } : undefined,
    public_metrics: { retweet_count: 0, reply_count: replies, like_count: 0, quote_count: 0, bookmark_count: 0, impression_count: 10 + replies * 7 },
    entities: entities(world, t.text),
    lang: 'en',
    reply_settings: 'everyone',
    possibly_sensitive: false,
    edit_controls: { edits_remaining: 5 - t.editHistory.length + 1, is_edit_eligible: true, editable_until: new Date(t.createdMs + 3_600_000).toISOString() },
  };
  return pick(full, ['id', 'text', 'edit_history_tweet_ids'], requested);
}

export function userObject(world: World, u: XUserState, requested: string | null): Obj {
  const full: Obj = {
    id: u.id,
    name: u.name,
    username: u.username,
    description: u.description,
    url: u.url,
    location: u.location || undefined,
    profile_image_url: world.assetUrl(u.profileAsset),
    profile_banner_url: u.bannerAsset ? world.assetUrl(u.bannerAsset) : undefined,
    created_at: new Date(u.createdMs).toISOString(),
    public_metrics: { followers_count: 12_000, following_count: 310, tweet_count: world.xTweets.filter((t) => t.authorId === u.id).length, listed_count: 40, like_count: 0 },
    verified: false,
    protected: false,
  };
  return pick(full, ['id', 'name', 'username'], requested);
}

export function mediaObject(world: World, m: XMediaState, requested: string | null): Obj {
  const full: Obj = { media_key: m.key, type: 'photo', url: world.assetUrl(m.asset), width: m.width, height: m.height };
  return pick(full, ['media_key', 'type'], requested);
}

export function notFound(value: string, parameter: string, resourceType = 'tweet'): Obj {
  return {
    value,
    detail: `Could not find ${resourceType} with ${parameter}: [${value}].`,
    title: 'Not Found Error',
    resource_type: resourceType,
    parameter,
    resource_id: value,
    type: X_NOT_FOUND,
  };
}

export function problem(status: number, title: string, detail: string, type = 'about:blank'): Obj {
  return { title, detail, type, status };
}

export function invalidRequest(message: string, parameters?: Record<string, string[]>): Obj {
  return {
    errors: [{ ...(parameters ? { parameters } : {}), message }],
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  };
}

/** X's weighted length, simplified: URLs count as 23, everything else one per code point. */
export function postLength(text: string): number {
  return [...text.replace(/https?:\/\/\S+/g, 'x'.repeat(23))].length;
}

/** Width and height from a PNG header, 0 for other formats. */
export function imageSize(bytes: Uint8Array): { w: number; h: number } {
  if (bytes.length > 24 && bytes[0] === 0x89 && bytes[1] === 0x50) {
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return { w: view.getUint32(16), h: view.getUint32(20) };
  }
  return { w: 0, h: 0 };
}
