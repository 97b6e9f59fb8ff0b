/** Graph API representations of the simulated Page, posts, comments and roles, plus cursor paging. */
import type { JsonObject } from './graph-fields';
import type { FbCommentState, FbPostState, FbRoleState, World } from './state';

/** Graph's timestamp form: 2021-07-09T19:09:52+0000. */
export const graphTime = (ms: number): string => `${new Date(ms).toISOString().slice(0, 19)}+0000`;

const ref = (world: World, id: string): JsonObject => ({ name: world.fbUsers.get(id)?.name ?? 'Facebook user', id });

export function pageObject(world: World): JsonObject {
  const p = world.fbPage;
  return {
    id: p.id,
    name: p.name,
    about: p.about,
    description: p.description,
    website: p.website,
    link: `https://www.facebook.com/${p.username}`,
    username: p.username,
    category: p.category,
    fan_count: p.fanCount,
    followers_count: p.followersCount,
    picture: { data: { height: 200, is_silhouette: false, url: world.assetUrl(p.pictureAsset), width: 200 } },
    cover: { cover_id: p.coverId, offset_x: 0, offset_y: 50, source: world.assetUrl(p.coverAsset), id: p.coverId },
  };
}

export function postObject(world: World, p: FbPostState): JsonObject {
  const [pageId, num] = p.id.split('_');
  const permalink = `https://www.facebook.com/${pageId}/posts/${num}/`;
  const o: JsonObject = {
    id: p.id,
    created_time: graphTime(p.createdMs),
    updated_time: graphTime(p.updatedMs),
    permalink_url: permalink,
    status_type: p.statusType,
    is_hidden: p.isHidden,
    from: ref(world, p.fromId),
  };
  if (p.message !== undefined) o.message = p.message;
  if (p.story !== undefined) o.story = p.story;
  if (p.adminCreatorId) o.admin_creator = ref(world, p.adminCreatorId);
  if (p.photo) {
    const src = world.assetUrl(p.photo.asset);
    const photoUrl = `https://www.facebook.com/photo/?fbid=${p.photo.id}`;
    o.full_picture = src;
    o.attachments = {
      data: [{ media: { image: { height: 720, src, width: 720 } }, media_type: 'photo', target: { id: p.photo.id, url: photoUrl }, type: 'photo', url: photoUrl }],
    };
  } else if (p.link) {
    o.attachments = { data: [{ media_type: 'link', type: 'share', url: p.link, target: { url: p.link } }] };
  }
  return o;
}

export function commentObject(world: World, c: FbCommentState): JsonObject {
  const postNum = c.postId.split('_')[1] ?? '';
  const commentNum = c.id.split('_')[1] ?? c.id;
  const parent = c.parentId ? world.fbComment(c.parentId) : undefined;
  const parentNum = parent?.id.split('_')[1];
  const permalink =
    `https://www.facebook.com/${world.fbPage.id}/posts/${postNum}/?comment_id=` + (parentNum ? `${parentNum}&reply_comment_id=${commentNum}` : commentNum);
  const o: JsonObject = {
    id: c.id,
    created_time: graphTime(c.createdMs),
    from: ref(world, c.fromId),
    message: c.message,
    is_hidden: c.isHidden,
    // A Page cannot hide its own comments.
    can_hide: c.fromId !== world.fbPage.id,
    can_remove: true,
    permalink_url: permalink,
    comment_count: world.fbComments.filter((r) => !r.deleted && r.parentId === c.id).length,
    like_count: 0,
  };
  if (parent) o.parent = { created_time: graphTime(parent.createdMs), from: ref(world, parent.fromId), message: parent.message, id: parent.id };
  return o;
}

export function roleObject(r: FbRoleState): JsonObject {
  return { id: r.id, name: r.name, tasks: [...r.tasks] };
}

export const DEFAULT_FIELDS = {
  page: 'name,id',
  post: 'created_time,message,story,id',
  comment: 'created_time,from,message,id',
  role: 'id,name,tasks',
} as const;

interface CursorKey {
  ms: number;
  id: string;
}

export const encodeCursor = (k: CursorKey): string => Buffer.from(`${k.ms}:${k.id}`).toString('base64');

export function decodeCursor(cursor: string): CursorKey | null {
  const m = /^(\d+):([0-9_]+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  return m?.[1] && m[2] ? { ms: Number(m[1]), id: m[2] } : null;
}

/**
 * The slice of `list` (already in paging order) after `cursor`. Cursors name a position, not an
 * index, so items added or deleted between calls neither repeat nor vanish from the walk.
 */
export function pageAfter<T>(list: T[], key: (t: T) => CursorKey, cmp: (a: CursorKey, b: CursorKey) => number, cursor: CursorKey | null, limit: number): { items: T[]; more: boolean; first: boolean } {
  const start = cursor ? list.findIndex((t) => cmp(key(t), cursor) > 0) : 0;
  const from = start < 0 ? list.length : start;
  return { items: list.slice(from, from + limit), more: from + limit < list.length, first: from === 0 };
}
