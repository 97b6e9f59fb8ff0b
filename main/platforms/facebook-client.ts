/**
 * Facebook Graph API (Pages) client: reads the Page's profile, feed, comments and roles, and
 * moderates (hide/unhide, delete) and publishes. Every read returns each object's exact bytes.
 * Pointed at the simulator it behaves identically: only the base URL differs.
 */
import { InvalidResponseError } from './errors';
import { classifyGraphError } from './graph-errors';
import {
  FB_FIELDS,
  fbCommentSchema,
  fbCreatedSchema,
  fbListEnvelopeSchema,
  fbPageProfileSchema,
  fbPostSchema,
  fbRoleSchema,
  fbSuccessSchema,
  GRAPH_DEFAULT_BASE_URL,
  type FbComment,
  type FbPageProfile,
  type FbPost,
  type FbRole,
} from './facebook-schemas';
import { type Dialect, type HttpMethod, PlatformHttp, type RawResponse } from './http';
import { graphRateInfo } from './rate-limit';
import type { Fetched, HttpOptions, TokenProvider } from './types';
import { parseBody, parseDataItems, parseWhole } from './validate';
import type { z } from 'zod';

export interface FacebookClientOptions {
  pageId: string;
  /** A Page access token (pages_read_engagement, pages_manage_engagement, pages_manage_posts). */
  tokens: TokenProvider;
  /** Versioned base, e.g. https://graph.facebook.com/v21.0. */
  baseUrl?: string;
  http?: HttpOptions;
  /** Items per page requested from Graph. */
  pageSize?: number;
}

export interface FbListPage<T> {
  items: Array<Fetched<T>>;
  /** Cursor for the next page, or null on the last page (Graph omits `paging.next` there). */
  after: string | null;
}

export interface ListAllOptions {
  /** Stop after this many pages even if more exist (a guard against endless paging). */
  maxPages?: number;
}

export interface PhotoUpload {
  bytes: Uint8Array;
  mediaType: string;
  filename?: string;
}

export const graphDialect: Dialect = {
  platform: 'facebook',
  // A header rather than ?access_token= keeps the token out of URLs, logs and `paging.next`.
  authorize: (headers, token) => headers.set('authorization', `Bearer ${token}`),
  rateInfo: graphRateInfo,
  classify: classifyGraphError,
  gateKey: () => 'graph',
};

const GRAPH_ID = /^[0-9]+(_[0-9]+)?$/;

export class FacebookClient {
  readonly pageId: string;
  private readonly http: PlatformHttp;
  private readonly base: string;
  private readonly pageSize: number;

  constructor(opts: FacebookClientOptions) {
    this.pageId = assertId(opts.pageId);
    this.base = (opts.baseUrl ?? GRAPH_DEFAULT_BASE_URL).replace(/\/+$/, '');
    this.http = new PlatformHttp(graphDialect, opts.tokens, opts.http);
    this.pageSize = opts.pageSize ?? 25;
  }

  /** Name, about, website, picture and cover, as Graph sent them. */
  async getPageProfile(): Promise<Fetched<FbPageProfile>> {
    const res = await this.call('GET', this.pageId, { fields: FB_FIELDS.page }, 'read the Page profile');
    return parseWhole('facebook', res, fbPageProfileSchema, 'Page profile');
  }

  async feedPage(after?: string): Promise<FbListPage<FbPost>> {
    return this.listPage(`${this.pageId}/feed`, { fields: FB_FIELDS.post, limit: String(this.pageSize) }, after, fbPostSchema, 'feed', 'read the Page feed');
  }

  /** Every post in the feed, newest first, following cursors until Graph says there is no next page. */
  async allFeed(opts: ListAllOptions = {}): Promise<Array<Fetched<FbPost>>> {
    return this.collect((after) => this.feedPage(after), opts);
  }

  async getPost(postId: string): Promise<Fetched<FbPost>> {
    const res = await this.call('GET', assertId(postId), { fields: FB_FIELDS.post }, 'read a post');
    return parseWhole('facebook', res, fbPostSchema, 'post');
  }

  /**
   * One page of a post's comments with `filter=stream`: top-level comments and replies together,
   * in chronological order, each reply naming its `parent`.
   */
  async commentsPage(postId: string, after?: string): Promise<FbListPage<FbComment>> {
    const query = { fields: FB_FIELDS.comment, filter: 'stream', order: 'chronological', limit: String(this.pageSize) };
    return this.listPage(`${assertId(postId)}/comments`, query, after, fbCommentSchema, 'comments', 'read comments');
  }

  async allComments(postId: string, opts: ListAllOptions = {}): Promise<Array<Fetched<FbComment>>> {
    return this.collect((after) => this.commentsPage(postId, after), opts);
  }

  async getComment(commentId: string): Promise<Fetched<FbComment>> {
    const res = await this.call('GET', assertId(commentId), { fields: FB_FIELDS.comment }, 'read a comment');
    return parseWhole('facebook', res, fbCommentSchema, 'comment');
  }

  /** People with a role on the Page; an unknown one is a security event (SEC-7, REG-5). */
  async listRoles(): Promise<Array<Fetched<FbRole>>> {
    const res = await this.call('GET', `${this.pageId}/roles`, { fields: FB_FIELDS.role, limit: '100' }, 'read the Page roles');
    parseBody('facebook', res, fbListEnvelopeSchema, 'roles');
    return parseDataItems('facebook', res, fbRoleSchema, 'roles');
  }

  /** Hides or unhides a comment. The comment's text is never touched (CIV-4). */
  async setCommentHidden(commentId: string, hidden: boolean): Promise<void> {
    const body = new URLSearchParams({ is_hidden: String(hidden) });
    // Setting a state is safe to repeat, unlike creating something.
    const res = await this.call('POST', assertId(commentId), {}, hidden ? 'hide a comment' : 'unhide a comment', body, true);
    this.expectSuccess(res, 'hide/unhide');
  }

  /** Deletes a comment or post. */
  async deleteObject(objectId: string): Promise<void> {
    const res = await this.call('DELETE', assertId(objectId), {}, 'delete an item');
    this.expectSuccess(res, 'delete');
  }

  /**
   * Answers a post or comment as the Page (CMT-2: main decides who may). A reply to a reply goes
   * under the same comment, as Facebook threads only one level deep. Never retried blindly.
   */
  async replyToComment(objectId: string, message: string): Promise<{ id: string }> {
    const body = new URLSearchParams({ message });
    const res = await this.call('POST', `${assertId(objectId)}/comments`, {}, 'reply to a comment', body, false);
    return { id: parseBody('facebook', res, fbCreatedSchema, 'reply result').id };
  }

  /** Publishes a text (optionally link) post; returns the new post id. Never retried blindly. */
  async publishPost(post: { message: string; link?: string }): Promise<{ id: string }> {
    const body = new URLSearchParams({ message: post.message });
    if (post.link) body.set('link', post.link);
    const res = await this.call('POST', `${this.pageId}/feed`, {}, 'publish a post', body, false);
    const created = parseBody('facebook', res, fbCreatedSchema, 'publish result');
    return { id: created.id };
  }

  /** Publishes a photo post; returns the photo id and the feed post id. */
  async publishPhoto(photo: { message?: string; image: PhotoUpload }): Promise<{ id: string; postId: string | null }> {
    const form = new FormData();
    form.set('source', new Blob([new Uint8Array(photo.image.bytes)], { type: photo.image.mediaType }), photo.image.filename ?? 'photo');
    if (photo.message) form.set('message', photo.message);
    form.set('published', 'true');
    const res = await this.call('POST', `${this.pageId}/photos`, {}, 'publish a photo', form, false);
    const created = parseBody('facebook', res, fbCreatedSchema, 'photo publish result');
    return { id: created.id, postId: created.post_id ?? null };
  }

  private async listPage<S extends z.ZodType>(
    path: string,
    query: Record<string, string>,
    after: string | undefined,
    schema: S,
    where: string,
    action: string,
  ): Promise<FbListPage<z.infer<S>>> {
    const res = await this.call('GET', path, after ? { ...query, after } : query, action);
    const envelope = parseBody('facebook', res, fbListEnvelopeSchema, where);
    const items = parseDataItems('facebook', res, schema, where);
    const next = envelope.paging?.next;
    const cursor = envelope.paging?.cursors?.after;
    if (next && !cursor) {
      throw new InvalidResponseError({ platform: 'facebook', status: res.status }, `${where}: paging.next without paging.cursors.after`);
    }
    return { items, after: next ? (cursor ?? null) : null };
  }

  private async collect<T>(fetchPage: (after?: string) => Promise<FbListPage<T>>, opts: ListAllOptions): Promise<Array<Fetched<T>>> {
    const out: Array<Fetched<T>> = [];
    const seen = new Set<string>();
    let after: string | undefined;
    for (let n = 0; n < (opts.maxPages ?? 1000); n++) {
      const page = await fetchPage(after);
      out.push(...page.items);
      if (!page.after) break;
      if (seen.has(page.after)) throw new InvalidResponseError({ platform: 'facebook' }, 'paging returned the same cursor twice');
      seen.add(page.after);
      after = page.after;
    }
    return out;
  }

  private expectSuccess(res: RawResponse, what: string): void {
    const body = parseBody('facebook', res, fbSuccessSchema, `${what} result`);
    if (!body.success) throw new InvalidResponseError({ platform: 'facebook', status: res.status }, `${what} reported success: false`);
  }

  private call(
    method: HttpMethod,
    path: string,
    query: Record<string, string>,
    action: string,
    body?: URLSearchParams | FormData,
    idempotent?: boolean,
  ): Promise<RawResponse> {
    const url = new URL(`${this.base}/${path}`);
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
    return this.http.send({ method, url, body, action, idempotent });
  }
}

function assertId(id: string): string {
  // Ids go into URL paths; anything but Graph's digit/underscore form could redirect the call.
  if (!GRAPH_ID.test(id)) throw new TypeError(`"${id}" is not a Facebook object id`);
  return id;
}
