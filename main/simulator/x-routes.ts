/**
 * The X API v2 surface of the simulator: the account's timeline, conversation search with
 * expansions, lookups, hide/unhide, create/delete and media upload, with per-endpoint
 * x-rate-limit-* headers and X's problem-details errors (including partial `errors[]` on a 200).
 */
import { addTweet } from './builders';
import type { Faults } from './faults';
import { bearerToken, json, readForm, readJson, type SimRequest, type SimResponse } from './http-util';
import type { World, XTweetState } from './state';
import { type TokenBook, X_SCOPES } from './tokens';
import { imageSize, invalidRequest, mediaObject, notFound, postLength, problem, tweetObject, userObject } from './x-objects';

export interface XContext {
  world: World;
  tokens: TokenBook;
  faults: Faults;
}

type Obj = Record<string, unknown>;
const WINDOW_MS = 15 * 60_000;
const LIMITS: Record<string, number> = {
  'GET /users/:id': 900,
  'GET /users/:id/tweets': 900,
  'GET /tweets/search/recent': 300,
  'GET /tweets/:id': 900,
  'PUT /tweets/:id/hidden': 50,
  'POST /tweets': 200,
  'DELETE /tweets/:id': 50,
  'POST /media/upload': 500,
};

export class XRoutes {
  private readonly windows = new Map<string, { start: number; used: number }>();
  private uploads = 0;
  constructor(private readonly ctx: XContext) {}

  async handle(req: SimRequest, segments: string[]): Promise<SimResponse> {
    const { world, faults } = this.ctx;
    const now = world.now();
    const auth = this.ctx.tokens.check('x', bearerToken(req));
    if (!auth.ok) return this.send(401, problem(401, 'Unauthorized', 'Unauthorized'));
    const path = `/${segments.join('/')}`;
    const endpoint = `${req.method} ${path.replace(/\/\d+(?=\/|$)/g, '/:id')}`;
    const limit = LIMITS[endpoint] ?? 300;
    let win = this.windows.get(endpoint);
    if (!win || now - win.start >= WINDOW_MS) win = { start: now, used: 0 };
    this.windows.set(endpoint, win);
    const throttled = faults.takeRejection('x');
    if (throttled || win.used >= limit) {
      const reset = throttled ? throttled.resetAtMs : win.start + WINDOW_MS;
      return this.send(429, problem(429, 'Too Many Requests', 'Too Many Requests'), rateHeaders(limit, 0, reset));
    }
    win.used++;
    const res = await this.route(req, endpoint, segments, auth.scopes);
    const exhausted = faults.takeExhaustion('x');
    const headers = exhausted ? rateHeaders(limit, 0, exhausted.resetAtMs) : rateHeaders(limit, limit - win.used, win.start + WINDOW_MS);
    return { ...res, headers: { ...headers, ...res.headers } };
  }

  private async route(req: SimRequest, endpoint: string, seg: string[], scopes: Set<string>): Promise<SimResponse> {
    const { world } = this.ctx;
    const q = req.url.searchParams;
    const need = (scope: string): SimResponse | null =>
      scopes.has(scope) ? null : this.send(403, problem(403, 'Forbidden', `Your token does not have the required scope (${scope}) for this endpoint.`));
    const id = seg[1] ?? '';
    switch (endpoint) {
      case 'GET /users/me':
      case 'GET /users/:id': {
        const user = world.xUsers.get(seg[1] === 'me' ? world.xAccountId : id);
        if (!user) return this.send(200, { errors: [notFound(id, 'id', 'user')] });
        return this.send(200, { data: userObject(world, user, q.get('user.fields')) });
      }
      case 'GET /users/:id/tweets': {
        const max = this.maxResults(q, 5, 100, 10);
        if (typeof max !== 'number') return max;
        const exclude = (q.get('exclude') ?? '').split(',');
        const list = world.liveTweets((t) => t.authorId === id && (!exclude.includes('replies') || !t.repliedToId));
        return this.listing(req, list, max, 'pagination_token');
      }
      case 'GET /tweets/search/recent': {
        const max = this.maxResults(q, 10, 100, 10);
        if (typeof max !== 'number') return max;
        const filter = parseQuery(q.get('query') ?? '');
        if (!filter) return this.send(400, invalidRequest('The `query` parameter can not be empty', { query: [q.get('query') ?? ''] }));
        const since = world.now() - 7 * 86_400_000; // "recent" means the last seven days
        const list = world.liveTweets((t) => t.createdMs >= since && filter(t, world));
        return this.listing(req, list, max, q.has('next_token') ? 'next_token' : 'pagination_token');
      }
      case 'GET /tweets/:id': {
        const t = world.tweet(id);
        if (!t) return this.send(200, { errors: [notFound(id, 'id')] });
        return this.send(200, { data: tweetObject(world, t, q.get('tweet.fields')) });
      }
      case 'PUT /tweets/:id/hidden': {
        const denied = need(X_SCOPES.moderate);
        if (denied) return denied;
        const body = readJson(req) as { hidden?: unknown } | undefined;
        if (typeof body?.hidden !== 'boolean') return this.send(400, invalidRequest('`hidden` must be a boolean', { hidden: [String(body?.hidden)] }));
        const t = world.tweet(id);
        if (!t) return this.send(404, { ...problem(404, 'Not Found Error', `Could not find tweet with id: [${id}].`, 'https://api.twitter.com/2/problems/resource-not-found') });
        const root = world.xTweets.find((r) => r.id === t.conversationId);
        if (!t.repliedToId || root?.authorId !== world.xAccountId || t.authorId === world.xAccountId) {
          return this.send(403, problem(403, 'Forbidden', 'You can only hide replies to conversations you started.'));
        }
        t.hidden = body.hidden;
        return this.send(200, { data: { hidden: t.hidden } });
      }
      case 'POST /tweets':
        return this.create(req, need(X_SCOPES.write));
      case 'DELETE /tweets/:id': {
        const denied = need(X_SCOPES.write);
        if (denied) return denied;
        const t = world.tweet(id);
        if (!t) return this.send(404, problem(404, 'Not Found Error', `Could not find tweet with id: [${id}].`, 'https://api.twitter.com/2/problems/resource-not-found'));
        if (t.authorId !== world.xAccountId) return this.send(403, problem(403, 'Forbidden', 'You are not allowed to delete a Tweet that is not yours.'));
        t.deleted = true;
        return this.send(200, { data: { deleted: true } });
      }
      case 'POST /media/upload':
        return this.upload(req, need(X_SCOPES.media));
      default:
        return this.send(404, problem(404, 'Not Found', `Sorry, that page does not exist (${endpoint}).`, 'about:blank'));
    }
  }

  private maxResults(q: URLSearchParams, min: number, max: number, dflt: number): number | SimResponse {
    const raw = q.get('max_results');
    const n = raw === null ? dflt : Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) {
      return this.send(400, invalidRequest(`The \`max_results\` query parameter value [${raw}] is not between ${min} and ${max}`, { max_results: [String(raw)] }));
    }
    return n;
  }

  /** A newest-first page with meta, expansions and partial errors, exactly as X shapes it. */
  private listing(req: SimRequest, list: XTweetState[], max: number, tokenParam: string): SimResponse {
    const { world } = this.ctx;
    const q = req.url.searchParams;
    const token = q.get(tokenParam);
    let start = 0;
    if (token) {
      const lastId = Buffer.from(token, 'base64url').toString('utf8');
      if (!/^\d+$/.test(lastId)) return this.send(400, invalidRequest(`The \`${tokenParam}\` query parameter value [${token}] is not valid`, { [tokenParam]: [token] }));
      start = list.findIndex((t) => BigInt(t.id) < BigInt(lastId));
      if (start < 0) start = list.length;
    }
    const items = list.slice(start, start + max);
    const meta: Obj = { result_count: items.length };
    if (items.length) {
      meta.newest_id = items[0]?.id;
      meta.oldest_id = items[items.length - 1]?.id;
    }
    if (start + max < list.length && items.length) meta.next_token = Buffer.from(items[items.length - 1]?.id ?? '').toString('base64url');
    if (!items.length) return this.send(200, { meta }); // X leaves out `data` entirely on an empty page

    const expansions = new Set((q.get('expansions') ?? '').split(',').filter(Boolean));
    const includes: Obj = {};
    const errors: Obj[] = [];
    if (expansions.has('author_id')) {
      const ids = [...new Set(items.map((t) => t.authorId))];
      includes.users = ids.flatMap((uid) => {
        const u = world.xUsers.get(uid);
        return u ? [userObject(world, u, q.get('user.fields'))] : [];
      });
    }
    if (expansions.has('referenced_tweets.id')) {
      const refs = [...new Set(items.flatMap((t) => (t.repliedToId ? [t.repliedToId] : [])))];
      const found: Obj[] = [];
      for (const rid of refs) {
        const r = world.tweet(rid);
        if (r) found.push(tweetObject(world, r, q.get('tweet.fields')));
        else errors.push(notFound(rid, 'referenced_tweets.id'));
      }
      if (found.length) includes.tweets = found;
    }
    if (expansions.has('attachments.media_keys')) {
      const media = items.flatMap((t) => t.mediaKeys).flatMap((k) => {
        const m = world.xMedia.get(k);
        return m ? [mediaObject(world, m, q.get('media.fields'))] : [];
      });
      if (media.length) includes.media = media;
    }
    const body: Obj = { data: items.map((t) => tweetObject(world, t, q.get('tweet.fields'))) };
    if (Object.keys(includes).length) body.includes = includes;
    if (errors.length) body.errors = errors;
    body.meta = meta;
    return this.send(200, body);
  }

  private create(req: SimRequest, denied: SimResponse | null): SimResponse {
    if (denied) return denied;
    const { world } = this.ctx;
    const body = readJson(req) as { text?: unknown; media?: { media_ids?: unknown }; reply?: { in_reply_to_tweet_id?: unknown } } | undefined;
    const text = typeof body?.text === 'string' ? body.text : '';
    const mediaIds = Array.isArray(body?.media?.media_ids) ? body.media.media_ids.map(String) : [];
    if (!text && !mediaIds.length) return this.send(400, invalidRequest('Post text or media is required.'));
    if (postLength(text) > 280) {
      return this.send(400, invalidRequest('Your Tweet text is too long. For more information on how Twitter determines text length see https://github.com/twitter/twitter-text.'));
    }
    const account = world.xUsers.get(world.xAccountId);
    if (!account) return this.send(500, problem(500, 'Internal Error', 'account missing'));
    if (world.liveTweets((t) => t.authorId === account.id && t.text === text && t.createdMs > world.now() - 86_400_000).length) {
      return this.send(403, problem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.'));
    }
    const mediaKeys: string[] = [];
    for (const mid of mediaIds) {
      const m = [...world.xMedia.values()].find((x) => x.id === mid);
      if (!m) return this.send(400, invalidRequest(`Your media IDs are invalid.`, { 'media.media_ids': [mid] }));
      mediaKeys.push(m.key);
    }
    const replyId = body?.reply?.in_reply_to_tweet_id;
    const replyTo = typeof replyId === 'string' ? world.tweet(replyId) : undefined;
    if (replyId !== undefined && !replyTo) return this.send(400, invalidRequest('The Tweet you are replying to has been deleted or is not visible to you.'));
    const t = addTweet(world, { author: account, text, createdMs: world.now(), replyTo, mediaKeys });
    return this.send(201, { data: { edit_history_tweet_ids: t.editHistory, id: t.id, text: t.text } });
  }

  private async upload(req: SimRequest, denied: SimResponse | null): Promise<SimResponse> {
    if (denied) return denied;
    const { world } = this.ctx;
    const form = await readForm(req);
    const media = form?.get('media');
    if (!(media instanceof Blob) || media.size === 0) return this.send(400, invalidRequest('The `media` field is required and must be a file.'));
    if (media.size > 5 * 1024 * 1024) return this.send(400, invalidRequest('File size exceeds 5242880 bytes.'));
    const bytes = new Uint8Array(await media.arrayBuffer());
    const id = world.tweetId(world.now());
    const key = `3_${id}`;
    const type = media.type || String(form?.get('media_type') ?? 'application/octet-stream');
    const { w, h } = imageSize(bytes);
    world.xMedia.set(key, { id, key, asset: world.addAsset(`x-upload-${++this.uploads}-${id}.png`, bytes, type), width: w, height: h });
    return this.send(200, { data: { id, media_key: key, size: bytes.length, expires_after_secs: 86_400, image: { image_type: type, w, h } } });
  }

  private send(status: number, body: Obj, headers: Record<string, string> = {}): SimResponse {
    const contentType = status >= 400 && 'title' in body ? 'application/problem+json' : 'application/json; charset=utf-8';
    return { ...json(status, JSON.stringify(body), headers), headers: { 'content-type': contentType, 'x-transaction-id': this.ctx.world.traceId().slice(0, 16), ...headers } };
  }
}

function rateHeaders(limit: number, remaining: number, resetMs: number): Record<string, string> {
  return { 'x-rate-limit-limit': String(limit), 'x-rate-limit-remaining': String(Math.max(0, remaining)), 'x-rate-limit-reset': String(Math.ceil(resetMs / 1000)) };
}

/** The subset of X search operators the simulator understands; other words must appear in the text. */
function parseQuery(query: string): ((t: XTweetState, world: World) => boolean) | null {
  const terms = query.trim().split(/\s+/).filter(Boolean);
  if (!terms.length) return null;
  const tests = terms.map((term): ((t: XTweetState, world: World) => boolean) => {
    const [op, value = ''] = term.split(':', 2);
    if (op === 'conversation_id') return (t) => t.conversationId === value && t.id !== value; // replies, not the first post
    if (op === 'from') return (t, w) => w.xUsers.get(t.authorId)?.username.toLowerCase() === value.toLowerCase();
    if (term === 'is:reply') return (t) => Boolean(t.repliedToId);
    if (term === '-is:retweet') return () => true;
    return (t) => t.text.toLowerCase().includes(term.toLowerCase());
  });
  return (t, world) => tests.every((f) => f(t, world));
}
