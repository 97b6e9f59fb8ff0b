/** Adds things to the world with ids and times shaped like the real platforms'. */
import type { FbCommentState, FbPostState, World, XTweetState, XUserState } from './state';

export function addFbUser(world: World, name: string, id = world.fbNumber()): string {
  world.fbUsers.set(id, { id, name });
  return id;
}

export function addFbPost(
  world: World,
  p: Partial<Omit<FbPostState, 'id'>> & { createdMs: number },
): FbPostState {
  const post: FbPostState = {
    id: `${world.fbPage.id}_${world.fbNumber()}`,
    updatedMs: p.createdMs,
    statusType: p.photo ? 'added_photos' : 'mobile_status_update',
    fromId: world.fbPage.id,
    isHidden: false,
    deleted: false,
    ...p,
  };
  world.fbPosts.push(post);
  return post;
}

export function addFbComment(
  world: World,
  c: { post: FbPostState; parent?: FbCommentState; fromId: string; message: string; createdMs: number },
): FbCommentState {
  const postNumber = c.post.id.split('_')[1] ?? c.post.id;
  const comment: FbCommentState = {
    id: `${postNumber}_${world.fbNumber()}`,
    postId: c.post.id,
    parentId: c.parent?.id,
    message: c.message,
    createdMs: c.createdMs,
    fromId: c.fromId,
    isHidden: false,
    deleted: false,
  };
  world.fbComments.push(comment);
  return comment;
}

export function addXUser(world: World, u: Omit<XUserState, 'id' | 'createdMs' | 'profileAsset'> & { profileAsset?: string }): XUserState {
  const id = String(1_000_000_000 + Math.floor(world.random() * 8_999_999_999));
  const user: XUserState = { id, createdMs: world.now() - 400 * 86_400_000, profileAsset: u.profileAsset ?? 'x-default-avatar.png', ...u };
  world.xUsers.set(id, user);
  return user;
}

export function addTweet(
  world: World,
  t: { author: XUserState; text: string; createdMs: number; replyTo?: XTweetState; mediaKeys?: string[] },
): XTweetState {
  const id = world.tweetId(t.createdMs);
  const tweet: XTweetState = {
    id,
    text: t.text,
    createdMs: t.createdMs,
    authorId: t.author.id,
    conversationId: t.replyTo ? t.replyTo.conversationId : id,
    repliedToId: t.replyTo?.id,
    inReplyToUserId: t.replyTo?.authorId,
    mediaKeys: t.mediaKeys ?? [],
    editHistory: [id],
    hidden: false,
    deleted: false,
  };
  world.xTweets.push(tweet);
  return tweet;
}

/** X edits make a new post id; the old one stays reachable only through edit_history_tweet_ids. */
export function editTweet(world: World, old: XTweetState, text: string, atMs: number): XTweetState {
  const id = world.tweetId(atMs);
  const edited: XTweetState = { ...old, id, text, editHistory: [...old.editHistory, id], createdMs: atMs };
  old.supersededBy = id;
  world.xTweets.push(edited);
  return edited;
}
