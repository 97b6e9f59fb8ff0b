/**
 * The Graph API (Pages) surface of the simulator: reads with `fields` selection and cursor paging,
 * hide/unhide, delete and publish, with Graph's error bodies and usage headers.
 */
import { addFbComment, addFbPost } from './builders';
import type { Faults } from './faults';
import { FieldSyntaxError, graphJson, parseFields, project, type JsonObject } from './graph-fields';
import { commentObject, decodeCursor, DEFAULT_FIELDS, encodeCursor, pageAfter, pageObject, postObject, roleObject } from './graph-objects';
import { bearerToken, json, param, readForm, type SimRequest, type SimResponse } from './http-util';
import { cmpId, type FbCommentState, type FbPostState, type World } from './state';
import { FB_SCOPES, type TokenBook } from './tokens';

export interface GraphContext {
  world: World;
  tokens: TokenBook;
  faults: Faults;
  /** The admin whose Page token the simulator's good token stands for. */
  actingAdminId: string;
}

const API_VERSION = 'v21.0';
const CALLS_PER_HOUR = 4800;

interface GraphErr {
  status: number;
  message: string;
  code: number;
  subcode?: number;
  type?: string;
  headers?: Record<string, string>;
}

export class GraphRoutes {
  private calls: number[] = [];
  constructor(private readonly ctx: GraphContext) {}

  async handle(req: SimRequest, segments: string[]): Promise<SimResponse> {
    const { world, faults } = this.ctx;
    const version = segments[0] && /^v\d+\.\d+$/.test(segments[0]) ? segments.shift() : API_VERSION;
    const now = world.now();
    this.calls = this.calls.filter((t) => t > now - 3_600_000);
    this.calls.push(now);

    const auth = this.ctx.tokens.check('facebook', bearerToken(req) ?? req.url.searchParams.get('access_token') ?? (await param(req, 'access_token')));
    if (!auth.ok) {
      if (auth.reason === 'missing') return this.error({ status: 400, code: 104, message: 'An access token is required to request this resource.' });
      if (auth.reason === 'invalid') {
        const message = 'Invalid OAuth access token - Cannot parse access token';
        return this.error({ status: 400, code: 190, message, headers: { 'www-authenticate': `OAuth "Facebook Platform" "invalid_token" "${message}"` } });
      }
      const when = new Date(auth.expiredAtMs ?? now).toUTCString();
      return this.error({ status: 400, code: 190, subcode: 463, message: `Error validating access token: Session has expired on ${when}. The current time is ${new Date(now).toUTCString()}.` });
    }
    const throttled = faults.takeRejection('facebook');
    if (throttled) {
      const minutes = Math.max(1, Math.ceil((throttled.resetAtMs - now) / 60_000));
      return this.error({ status: 400, code: 32, message: '(#32) Page request limit reached', headers: this.usageHeaders(100, minutes) });
    }
    const res = await this.route(req, segments, auth.scopes, version ?? API_VERSION);
    const exhausted = faults.takeExhaustion('facebook');
    const usage = exhausted ? this.usageHeaders(100, Math.max(1, Math.ceil((exhausted.resetAtMs - now) / 60_000))) : this.usageHeaders(Math.floor((this.calls.length * 100) / CALLS_PER_HOUR), 0);
    return { ...res, headers: { ...usage, ...res.headers } };
  }

  private async route(req: SimRequest, seg: string[], scopes: Set<string>, version: string): Promise<SimResponse> {
    const { world } = this.ctx;
    const [id, edge, ...rest] = seg;
    if (!id || rest.length) return this.error({ status: 400, code: 2500, message: `Unknown path components: /${rest.join('/')}` });
    const page = world.fbPage;
    const method = req.method;
    const unsupported = (): SimResponse =>
      this.error({
        status: 400,
        code: 100,
        subcode: 33,
        message: `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
      });

    if (id === page.id || id === page.username) {
      if (!edge && method === 'GET') return this.object(req, pageObject(world), DEFAULT_FIELDS.page);
      if ((edge === 'feed' || edge === 'posts' || edge === 'published_posts') && method === 'GET') return this.feed(req, version, `${id}/${edge}`, edge !== 'feed');
      if (edge === 'feed' && method === 'POST') return this.publish(req, scopes);
      if (edge === 'photos' && method === 'POST') return this.publishPhoto(req, scopes);
      if (edge === 'roles' && method === 'GET') {
        if (!scopes.has(FB_SCOPES.metadata)) return this.permission('(#200) Requires pages_manage_metadata permission to read the Page roles', 403);
        return this.list(req, version, `${id}/roles`, world.fbRoles.map(roleObject), DEFAULT_FIELDS.role);
      }
      return this.error({ status: 400, code: 100, message: `(#100) Tried accessing nonexisting field (${edge ?? ''}) on node type (Page)` });
    }
    const post = world.fbPost(id);
    const comment = post ? undefined : world.fbComment(id);
    if (post) {
      if (method === 'GET' && !edge) return this.object(req, postObject(world, post), DEFAULT_FIELDS.post);
      if (method === 'GET' && edge === 'comments') return this.comments(req, version, id, post.id);
    } else if (comment) {
      if (method === 'GET' && !edge) return this.object(req, commentObject(world, comment), DEFAULT_FIELDS.comment);
      if (method === 'GET' && edge === 'comments') return this.comments(req, version, id, comment.postId, comment.id);
    } else {
      return unsupported();
    }
    const target = post ?? comment;
    if (method === 'POST' && edge === 'comments' && target) return this.replyAsPage(req, scopes, post, comment);
    if (method === 'POST' && !edge && target) {
      const hidden = await param(req, 'is_hidden');
      if (hidden === null) return this.error({ status: 400, code: 100, message: '(#100) Unsupported post request: only is_hidden can be set through this app' });
      if (!scopes.has(FB_SCOPES.moderate)) return this.permission('(#200) Requires pages_manage_engagement permission to manage the object', 403);
      if (comment && comment.fromId === world.fbPage.id) return this.error({ status: 400, code: 100, message: '(#100) This comment cannot be hidden (can_hide is false)' });
      target.isHidden = hidden === 'true' || hidden === '1';
      return json(200, '{"success":true}');
    }
    if (method === 'DELETE' && !edge) {
      if (!scopes.has(post ? FB_SCOPES.publish : FB_SCOPES.moderate)) {
        return this.permission(`(#200) Requires ${post ? 'pages_manage_posts' : 'pages_manage_engagement'} permission to manage the object`, 403);
      }
      if (post) {
        post.deleted = true;
        world.fbComments.filter((c) => c.postId === post.id).forEach((c) => (c.deleted = true));
      } else if (comment) {
        comment.deleted = true;
        world.fbComments.filter((c) => c.parentId === comment.id).forEach((c) => (c.deleted = true)); // replies go with it
      }
      return json(200, '{"success":true}');
    }
    return unsupported();
  }

  private fields(req: SimRequest, defaults: string): ReturnType<typeof parseFields> | SimResponse {
    try {
      return parseFields(req.url.searchParams.get('fields') ?? defaults);
    } catch (e) {
      return this.error({ status: 400, code: 2500, message: (e as FieldSyntaxError).message });
    }
  }

  private object(req: SimRequest, full: JsonObject, defaults: string): SimResponse {
    const fields = this.fields(req, defaults);
    if ('status' in fields) return fields;
    return json(200, graphJson(project(full, fields)));
  }

  private feed(req: SimRequest, version: string, path: string, ownOnly: boolean): SimResponse {
    const { world } = this.ctx;
    const posts = world.liveFeed().filter((p) => !ownOnly || p.fromId === world.fbPage.id);
    return this.paged(req, version, path, posts, (p) => ({ ms: p.createdMs, id: p.id }), (a, b) => b.ms - a.ms || cmpId(b.id, a.id), (p) => postObject(world, p), DEFAULT_FIELDS.post);
  }

  private comments(req: SimRequest, version: string, objectId: string, postId: string, parentId?: string): SimResponse {
    const { world } = this.ctx;
    const filter = req.url.searchParams.get('filter') === 'stream' ? 'stream' : 'toplevel';
    let list = world.liveComments(postId, filter, parentId);
    const reverse = req.url.searchParams.get('order') === 'reverse_chronological';
    const cmp = (a: { ms: number; id: string }, b: { ms: number; id: string }): number => (a.ms - b.ms || cmpId(a.id, b.id)) * (reverse ? -1 : 1);
    if (reverse) list = [...list].reverse();
    const summary = /^(1|true)$/.test(req.url.searchParams.get('summary') ?? '')
      ? { order: reverse ? 'reverse_chronological' : 'chronological', total_count: list.length, can_comment: true }
      : undefined;
    return this.paged(req, version, `${objectId}/comments`, list, (c) => ({ ms: c.createdMs, id: c.id }), cmp, (c) => commentObject(world, c), DEFAULT_FIELDS.comment, summary);
  }

  private list(req: SimRequest, version: string, path: string, items: JsonObject[], defaults: string): SimResponse {
    const keyed = items.map((o, i) => ({ o, ms: i, id: String(o.id) }));
    return this.paged(req, version, path, keyed, (k) => ({ ms: k.ms, id: k.id }), (a, b) => a.ms - b.ms, (k) => k.o, defaults);
  }

  private paged<T>(
    req: SimRequest,
    version: string,
    path: string,
    list: T[],
    key: (t: T) => { ms: number; id: string },
    cmp: (a: { ms: number; id: string }, b: { ms: number; id: string }) => number,
    render: (t: T) => JsonObject,
    defaults: string,
    summary?: JsonObject,
  ): SimResponse {
    const fields = this.fields(req, defaults);
    if ('status' in fields) return fields;
    const limit = Math.min(100, Math.max(1, Number(req.url.searchParams.get('limit') ?? 25) || 25));
    const afterParam = req.url.searchParams.get('after');
    const cursor = afterParam ? decodeCursor(afterParam) : null;
    if (afterParam && !cursor) return this.error({ status: 400, code: 100, message: '(#100) The after cursor is not valid' });
    const { items, more, first } = pageAfter(list, key, cmp, cursor, limit);
    const body: JsonObject = { data: items.map((t) => project(render(t), fields)) };
    if (items.length) {
      const firstItem = items[0];
      const lastItem = items[items.length - 1];
      const cursors = { before: encodeCursor(key(firstItem as T)), after: encodeCursor(key(lastItem as T)) };
      const paging: JsonObject = { cursors };
      const link = (name: string, value: string): string => {
        const u = new URL(`${this.ctx.world.origin}/graph/${version}/${path}`);
        req.url.searchParams.forEach((v, k) => {
          if (k !== 'after' && k !== 'before') u.searchParams.set(k, v);
        });
        u.searchParams.set(name, value);
        return u.toString();
      };
      if (more) paging.next = link('after', cursors.after);
      if (!first) paging.previous = link('before', cursors.before);
      body.paging = paging;
    }
    if (summary) body.summary = summary;
    return json(200, graphJson(body));
  }

  private async publish(req: SimRequest, scopes: Set<string>): Promise<SimResponse> {
    const { world } = this.ctx;
    if (!scopes.has(FB_SCOPES.publish)) return this.permission('(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts permission', 403);
    const message = (await param(req, 'message')) ?? undefined;
    const link = (await param(req, 'link')) ?? undefined;
    if (!message && !link) return this.error({ status: 400, code: 100, message: '(#100) Missing message or attachment' });
    const now = world.now();
    const duplicate = world.liveFeed().some((p) => p.fromId === world.fbPage.id && p.message === message && p.createdMs > now - 86_400_000);
    if (duplicate) return this.error({ status: 400, code: 506, message: '(#506) Duplicate status message' });
    const post = addFbPost(world, { createdMs: now, message, link, adminCreatorId: this.ctx.actingAdminId, statusType: link ? 'shared_story' : 'mobile_status_update' });
    return json(200, graphJson({ id: post.id }));
  }

  /** A comment by the Page itself, on a post or under a comment (one level of threading). */
  private async replyAsPage(req: SimRequest, scopes: Set<string>, post: FbPostState | undefined, comment: FbCommentState | undefined): Promise<SimResponse> {
    const { world } = this.ctx;
    if (!scopes.has(FB_SCOPES.moderate)) return this.permission('(#200) Requires pages_manage_engagement permission to comment as the Page', 403);
    const message = await param(req, 'message');
    if (!message) return this.error({ status: 400, code: 100, message: '(#100) Missing message' });
    const parentPost = post ?? world.fbPost(comment?.postId ?? '');
    if (!parentPost) return this.error({ status: 400, code: 100, message: '(#100) The post was not found' });
    const parent = comment ? (comment.parentId ? world.fbComment(comment.parentId) : comment) : undefined;
    const created = addFbComment(world, { post: parentPost, parent, fromId: world.fbPage.id, message, createdMs: world.now() });
    return json(200, graphJson({ id: created.id }));
  }

  private async publishPhoto(req: SimRequest, scopes: Set<string>): Promise<SimResponse> {
    const { world } = this.ctx;
    if (!scopes.has(FB_SCOPES.publish)) return this.permission('(#200) If posting to a page, requires both pages_read_engagement and pages_manage_posts permission', 403);
    const form = await readForm(req);
    const source = form?.get('source');
    if (!(source instanceof Blob) || source.size === 0) return this.error({ status: 400, code: 324, message: '(#324) Requires upload file' });
    if (!/^image\//.test(source.type)) return this.error({ status: 400, code: 324, message: '(#324) Missing or invalid image file' });
    const photoId = world.fbNumber();
    const asset = world.addAsset(`upload-${photoId}.${source.type.split('/')[1] ?? 'bin'}`, new Uint8Array(await source.arrayBuffer()), source.type);
    const message = form?.get('message');
    const post = addFbPost(world, { createdMs: world.now(), message: typeof message === 'string' ? message : undefined, photo: { id: photoId, asset }, adminCreatorId: this.ctx.actingAdminId });
    return json(200, graphJson({ id: photoId, post_id: post.id }));
  }

  private permission(message: string, status: number): SimResponse {
    return this.error({ status, code: 200, message });
  }

  private usageHeaders(pct: number, minutes: number): Record<string, string> {
    const usage = { type: 'pages', call_count: pct, total_cputime: Math.min(pct, 1), total_time: Math.min(pct, 1), estimated_time_to_regain_access: minutes };
    return { 'x-business-use-case-usage': JSON.stringify({ [this.ctx.world.fbPage.id]: [usage] }), 'facebook-api-version': API_VERSION };
  }

  error(e: GraphErr): SimResponse {
    const trace = this.ctx.world.traceId();
    const error: JsonObject = { message: e.message, type: e.type ?? 'OAuthException', code: e.code };
    if (e.subcode !== undefined) error.error_subcode = e.subcode;
    error.fbtrace_id = trace;
    return json(e.status, graphJson({ error }), { 'x-fb-trace-id': trace, ...e.headers });
  }
}
