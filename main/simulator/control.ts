/**
 * Steering the simulator: advancing the scripted timeline, injecting faults and rate limits,
 * expiring tokens, and looking at its state. Available in-process (`control`) and over HTTP under
 * /__sim/ for other processes (the demo workspace, end-to-end tests).
 */
import { addFbComment, addFbUser } from './builders';
import { z } from 'zod';
import type { FailSpec, Faults, RateLimitSpec } from './faults';
import { json, readJson, type SimRequest, type SimResponse } from './http-util';
import type { SeededCast } from './seed-kalispell';
import type { World } from './state';
import type { StepInfo, Timeline } from './timeline';
import type { TokenBook } from './tokens';

export interface RequestLogEntry {
  platform: 'facebook' | 'x' | 'cdn';
  method: string;
  path: string;
  status: number | 'reset' | 'hang';
}

export interface SimSnapshot {
  step: number;
  facebook: {
    pageId: string;
    name: string;
    about: string;
    coverUrl: string;
    roles: Array<{ id: string; name: string; tasks: string[] }>;
    posts: Array<{ id: string; message: string | null; fromId: string; adminCreatorId: string | null; hidden: boolean; deleted: boolean }>;
    comments: Array<{ id: string; postId: string; parentId: string | null; fromId: string; message: string; hidden: boolean; deleted: boolean }>;
  };
  x: {
    userId: string;
    bannerUrl: string | null;
    tweets: Array<{ id: string; text: string; authorId: string; conversationId: string; repliedToId: string | null; hidden: boolean; deleted: boolean; supersededBy: string | null }>;
  };
  /** Ids of the seeded cast by role, e.g. "fb.comment.spam", "x.post.snow". */
  named: Record<string, string>;
}

export interface SimulatorControl {
  /** Applies the next timeline step; null when the script is over. */
  advance(): StepInfo | null;
  /** Steps applied so far (0 = seeded start). */
  readonly step: number;
  steps(): StepInfo[];
  /** The next matching request(s) get this response (or a dropped/hung connection). */
  failNext(spec: FailSpec): void;
  /** Rejects the next request(s) with the platform's rate-limit error, or reports the quota as spent. */
  rateLimit(spec: RateLimitSpec): void;
  expireToken(token: string): void;
  reviveToken(token: string): void;
  clearFaults(): void;
  snapshot(): SimSnapshot;
  /** Requests seen so far (never their tokens). */
  requests(): RequestLogEntry[];
  /** A member of the public comments on a Page post (scripting the world beyond the timeline). */
  addFacebookComment(input: { postId: string; authorName: string; message: string }): string;
}

export function createControl(world: World, cast: SeededCast, timeline: Timeline, faults: Faults, tokens: TokenBook, log: RequestLogEntry[]): SimulatorControl {
  return {
    advance: () => timeline.advance(),
    get step() {
      return timeline.current;
    },
    steps: () => timeline.steps,
    failNext: (spec) => faults.failNext(spec),
    rateLimit: (spec) => faults.rateLimit(spec, world.now()),
    expireToken: (token) => tokens.expire(token, world.now()),
    reviveToken: (token) => tokens.revive(token),
    clearFaults: () => faults.clear(),
    snapshot: () => snapshot(world, cast, timeline.current),
    requests: () => [...log],
    addFacebookComment: ({ postId, authorName, message }) => {
      const post = world.fbPost(postId);
      if (!post) throw new Error(`The simulator has no Facebook post ${postId}.`);
      return addFbComment(world, { post, fromId: addFbUser(world, authorName), message, createdMs: world.now() }).id;
    },
  };
}

function snapshot(world: World, cast: SeededCast, step: number): SimSnapshot {
  const named: Record<string, string> = { 'fb.admin.cm': cast.cmAdminId, 'fb.admin.it': cast.itAdminId };
  for (const [k, v] of Object.entries(cast.fb)) named[`fb.post.${k}`] = v.id;
  for (const [k, v] of Object.entries(cast.fbComments)) named[`fb.comment.${k}`] = v.id;
  for (const [k, v] of Object.entries(cast.people)) named[`fb.person.${k}`] = v;
  for (const [k, v] of Object.entries(cast.x)) named[`x.post.${k}`] = v.id;
  for (const [k, v] of Object.entries(cast.xReplies)) named[`x.reply.${k}`] = v.id;
  for (const [k, v] of Object.entries(cast.xPeople)) named[`x.person.${k}`] = v.id;
  const account = world.xUsers.get(world.xAccountId);
  return {
    step,
    facebook: {
      pageId: world.fbPage.id,
      name: world.fbPage.name,
      about: world.fbPage.about,
      coverUrl: world.assetUrl(world.fbPage.coverAsset),
      roles: world.fbRoles.map((r) => ({ id: r.id, name: r.name, tasks: [...r.tasks] })),
      posts: world.fbPosts.map((p) => ({ id: p.id, message: p.message ?? null, fromId: p.fromId, adminCreatorId: p.adminCreatorId ?? null, hidden: p.isHidden, deleted: p.deleted })),
      comments: world.fbComments.map((c) => ({ id: c.id, postId: c.postId, parentId: c.parentId ?? null, fromId: c.fromId, message: c.message, hidden: c.isHidden, deleted: c.deleted })),
    },
    x: {
      userId: world.xAccountId,
      bannerUrl: account?.bannerAsset ? world.assetUrl(account.bannerAsset) : null,
      tweets: world.xTweets.map((t) => ({
        id: t.id,
        text: t.text,
        authorId: t.authorId,
        conversationId: t.conversationId,
        repliedToId: t.repliedToId ?? null,
        hidden: t.hidden,
        deleted: t.deleted,
        supersededBy: t.supersededBy ?? null,
      })),
    },
    named,
  };
}

const failSpecSchema = z.object({
  status: z.number().int().min(100).max(599).optional(),
  body: z.unknown().optional(),
  headers: z.record(z.string(), z.string()).optional(),
  platform: z.enum(['facebook', 'x']).optional(),
  pathIncludes: z.string().optional(),
  times: z.number().int().min(1).max(1000).optional(),
  network: z.enum(['reset', 'hang']).optional(),
  delayMs: z.number().int().min(0).max(120_000).optional(),
});
const rateLimitSchema = z.object({
  platform: z.enum(['facebook', 'x']),
  reject: z.number().int().min(0).max(1000).optional(),
  resetInSeconds: z.number().min(0).max(86_400).optional(),
  exhaustHeaders: z.boolean().optional(),
});
const tokenSchema = z.object({ token: z.string().min(1) });

/** The /__sim/ HTTP endpoints; they need no token (the server only listens on 127.0.0.1). */
export function handleControl(control: SimulatorControl, req: SimRequest, action: string): SimResponse {
  const ok = (value: unknown): SimResponse => json(200, JSON.stringify(value));
  const bad = (message: string): SimResponse => json(400, JSON.stringify({ error: message }));
  const body = readJson(req);
  const route = `${req.method} ${action}`;
  switch (route) {
    case 'GET state':
      return ok(control.snapshot());
    case 'GET steps':
      return ok({ current: control.step, steps: control.steps() });
    case 'GET requests':
      return ok(control.requests());
    case 'POST advance':
      return ok({ applied: control.advance(), current: control.step });
    case 'POST fail-next': {
      const spec = failSpecSchema.safeParse(body);
      if (!spec.success) return bad(spec.error.message);
      control.failNext(spec.data);
      return ok({ queued: true });
    }
    case 'POST rate-limit': {
      const spec = rateLimitSchema.safeParse(body);
      if (!spec.success) return bad(spec.error.message);
      control.rateLimit(spec.data);
      return ok({ set: true });
    }
    case 'POST expire-token':
    case 'POST revive-token': {
      const t = tokenSchema.safeParse(body);
      if (!t.success) return bad(t.error.message);
      if (action === 'expire-token') control.expireToken(t.data.token);
      else control.reviveToken(t.data.token);
      return ok({ done: true });
    }
    case 'POST clear-faults':
      control.clearFaults();
      return ok({ cleared: true });
    default:
      return json(404, JSON.stringify({ error: `unknown control route ${route}` }));
  }
}
