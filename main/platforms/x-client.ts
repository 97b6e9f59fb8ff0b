/**
 * X API v2 client: the account's posts, the replies in each post's conversation, hide/unhide of
 * replies, creating and deleting posts and uploading media. Partial `errors[]` that X returns with
 * a successful page are handed to the caller, never dropped.
 */
import type { z } from 'zod';
import { InvalidResponseError } from './errors';
import { type Dialect, type HttpMethod, PlatformHttp, type RawResponse } from './http';
import { xRateInfo } from './rate-limit';
import type { Fetched, HttpOptions, TokenProvider } from './types';
import { parseBody, parseDataItems, parseDataObject } from './validate';
import { classifyXError, notFoundFromPartial, type XProblem } from './x-errors';
import {
  X_DEFAULT_BASE_URL,
  X_FIELDS,
  xCreatedSchema,
  xDeletedSchema,
  xHiddenSchema,
  xListEnvelopeSchema,
  xMediaUploadSchema,
  xSingleEnvelopeSchema,
  xTweetSchema,
  xUserSchema,
  type XMedia,
  type XTweet,
  type XUser,
} from './x-schemas';

export interface XClientOptions {
  /** The city account's numeric user id. */
  userId: string;
  /** OAuth 2.0 user-context token (tweet.read, users.read, tweet.write, tweet.moderate.write, media.write). */
  tokens: TokenProvider;
  baseUrl?: string;
  http?: HttpOptions;
  /** max_results per page; X accepts 5..100 for timelines and 10..100 for search. */
  pageSize?: number;
}

export interface XPage {
  items: Array<Fetched<XTweet>>;
  /** Authors from `includes.users`, by id. */
  users: Map<string, XUser>;
  media: Map<string, XMedia>;
  nextToken: string | null;
  /** Problems X reported alongside the data (e.g. a referenced post was deleted). */
  partialErrors: XProblem[];
}

export interface XCollected {
  items: Array<Fetched<XTweet>>;
  users: Map<string, XUser>;
  media: Map<string, XMedia>;
  partialErrors: XProblem[];
}

export const xDialect: Dialect = {
  platform: 'x',
  authorize: (headers, token) => headers.set('authorization', `Bearer ${token}`),
  rateInfo: xRateInfo,
  classify: classifyXError,
  // X limits each endpoint separately; ids are folded so /tweets/1/hidden and /tweets/2/hidden share one.
  gateKey: (method, url) => `${method} ${url.pathname.replace(/\/\d+(?=\/|$)/g, '/:id')}`,
};

const X_ID = /^[0-9]{1,19}$/;

export class XClient {
  readonly userId: string;
  private readonly http: PlatformHttp;
  private readonly base: string;
  private readonly pageSize: number;

  constructor(opts: XClientOptions) {
    this.userId = assertId(opts.userId);
    this.base = (opts.baseUrl ?? X_DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.http = new PlatformHttp(xDialect, opts.tokens, opts.http);
    this.pageSize = Math.min(100, Math.max(10, opts.pageSize ?? 100));
  }

  async getProfile(): Promise<Fetched<XUser>> {
    const res = await this.call('GET', `users/${this.userId}`, { 'user.fields': X_FIELDS.user }, 'read the X profile');
    return this.single(res, xUserSchema, 'user');
  }

  /** One page of the account's own posts (replies excluded: those are captured per conversation). */
  async postsPage(paginationToken?: string): Promise<XPage> {
    const query: Record<string, string> = {
      max_results: String(this.pageSize),
      exclude: 'replies',
      'tweet.fields': X_FIELDS.tweet,
      expansions: 'attachments.media_keys',
      'media.fields': X_FIELDS.media,
    };
    if (paginationToken) query.pagination_token = paginationToken;
    const res = await this.call('GET', `users/${this.userId}/tweets`, query, 'read the account posts');
    return this.page(res, 'posts');
  }

  async allPosts(opts: { maxPages?: number } = {}): Promise<XCollected> {
    return this.collect((t) => this.postsPage(t), opts.maxPages);
  }

  /** One page of the replies in a conversation, with their authors (`expansions=author_id`). */
  async repliesPage(conversationId: string, nextToken?: string): Promise<XPage> {
    const query: Record<string, string> = {
      query: `conversation_id:${assertId(conversationId)}`,
      max_results: String(this.pageSize),
      'tweet.fields': X_FIELDS.tweet,
      expansions: 'author_id,referenced_tweets.id,attachments.media_keys',
      'user.fields': X_FIELDS.includedUser,
      'media.fields': X_FIELDS.media,
    };
    if (nextToken) query.next_token = nextToken;
    const res = await this.call('GET', 'tweets/search/recent', query, 'read replies');
    const page = this.page(res, 'replies');
    // The conversation's first post carries the same conversation_id; it is a post, not a reply.
    return { ...page, items: page.items.filter((i) => i.value.id !== conversationId) };
  }

  async allReplies(conversationId: string, opts: { maxPages?: number } = {}): Promise<XCollected> {
    return this.collect((t) => this.repliesPage(conversationId, t), opts.maxPages);
  }

  async getPost(id: string): Promise<Fetched<XTweet>> {
    const res = await this.call('GET', `tweets/${assertId(id)}`, { 'tweet.fields': X_FIELDS.tweet }, 'read a post');
    return this.single(res, xTweetSchema, 'post');
  }

  /** Hides or unhides a reply in a conversation the account started. Text is never touched. */
  async setReplyHidden(replyId: string, hidden: boolean): Promise<boolean> {
    const res = await this.call('PUT', `tweets/${assertId(replyId)}/hidden`, {}, hidden ? 'hide a reply' : 'unhide a reply', JSON.stringify({ hidden }));
    return parseBody('x', res, xHiddenSchema, 'hide result').data.hidden;
  }

  async createPost(post: { text: string; mediaIds?: string[]; replyTo?: string }): Promise<{ id: string; text: string }> {
    const body: Record<string, unknown> = { text: post.text };
    if (post.mediaIds?.length) body.media = { media_ids: post.mediaIds };
    if (post.replyTo) body.reply = { in_reply_to_tweet_id: assertId(post.replyTo) };
    const res = await this.call('POST', 'tweets', {}, 'publish a post', JSON.stringify(body), false);
    const created = parseBody('x', res, xCreatedSchema, 'create result').data;
    return { id: created.id, text: created.text };
  }

  async deletePost(id: string): Promise<boolean> {
    const res = await this.call('DELETE', `tweets/${assertId(id)}`, {}, 'delete a post');
    return parseBody('x', res, xDeletedSchema, 'delete result').data.deleted;
  }

  /** One-shot image upload; returns the media id to pass to createPost. */
  async uploadMedia(media: { bytes: Uint8Array; mediaType: string; category?: string }): Promise<{ id: string; mediaKey: string | null }> {
    const form = new FormData();
    form.set('media', new Blob([new Uint8Array(media.bytes)], { type: media.mediaType }), 'media');
    form.set('media_category', media.category ?? 'tweet_image');
    form.set('media_type', media.mediaType);
    // An orphan upload is harmless (it expires unused), so a retry after an unknown outcome is fine.
    const res = await this.call('POST', 'media/upload', {}, 'upload media', form, true);
    const data = parseBody('x', res, xMediaUploadSchema, 'media upload result').data;
    return { id: data.id, mediaKey: data.media_key ?? null };
  }

  private single<S extends z.ZodType>(res: RawResponse, schema: S, where: string): Fetched<z.infer<S>> {
    const envelope = parseBody('x', res, xSingleEnvelopeSchema, where);
    const data = parseDataObject('x', res, schema, where);
    if (data) return data;
    throw notFoundFromPartial(envelope.errors ?? [], res.status) ?? new InvalidResponseError({ platform: 'x', status: res.status }, `${where}: neither data nor errors`);
  }

  private page(res: RawResponse, where: string): XPage {
    const envelope = parseBody('x', res, xListEnvelopeSchema, where);
    const items = parseDataItems('x', res, xTweetSchema, where);
    if (items.length !== envelope.meta.result_count) {
      throw new InvalidResponseError({ platform: 'x', status: res.status }, `${where}: meta.result_count ${envelope.meta.result_count} but ${items.length} items`);
    }
    return {
      items,
      users: new Map((envelope.includes?.users ?? []).map((u) => [u.id, u])),
      media: new Map((envelope.includes?.media ?? []).map((m) => [m.media_key, m])),
      nextToken: envelope.meta.next_token ?? null,
      partialErrors: envelope.errors ?? [],
    };
  }

  private async collect(fetchPage: (token?: string) => Promise<XPage>, maxPages = 1000): Promise<XCollected> {
    const out: XCollected = { items: [], users: new Map(), media: new Map(), partialErrors: [] };
    const seen = new Set<string>();
    let token: string | undefined;
    for (let n = 0; n < maxPages; n++) {
      const page = await fetchPage(token);
      out.items.push(...page.items);
      page.users.forEach((u, id) => out.users.set(id, u));
      page.media.forEach((m, k) => out.media.set(k, m));
      out.partialErrors.push(...page.partialErrors);
      if (!page.nextToken) break;
      if (seen.has(page.nextToken)) throw new InvalidResponseError({ platform: 'x' }, 'paging returned the same next_token twice');
      seen.add(page.nextToken);
      token = page.nextToken;
    }
    return out;
  }

  private call(method: HttpMethod, path: string, query: Record<string, string>, action: string, body?: string | FormData, idempotent?: boolean): Promise<RawResponse> {
    const url = new URL(`${this.base}/${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    const headers = typeof body === 'string' ? { 'content-type': 'application/json' } : undefined;
    return this.http.send({ method, url, body, headers, action, idempotent });
  }
}

function assertId(id: string): string {
  if (!X_ID.test(id)) throw new TypeError(`"${id}" is not an X id`);
  return id;
}
