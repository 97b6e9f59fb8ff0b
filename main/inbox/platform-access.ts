import type { CapturedObject } from '../archive/types';
import { apiTokenAccount, getConnection } from '../capture/connections';
import type { CredentialStore } from '../credentials/store';
import { FacebookClient, fbCommentToCaptured, XClient, xReplyToCaptured, type HttpOptions } from '../platforms';
import type { DomainContext } from '../registry/context';
import { getSite } from '../registry/site-read';
import { AppError } from '../shared/errors';

/**
 * What moderation needs of a platform, for one site: read a comment's current state (to archive it
 * first), hide or unhide it, delete it, reply to it. Built from the site's connection and the token
 * in the keychain, exactly as capture builds its clients.
 */
export interface CommentPlatform {
  platform: 'facebook' | 'x';
  current(externalId: string, postExternalId: string | null): Promise<CapturedObject>;
  setHidden(externalId: string, hidden: boolean): Promise<void>;
  remove(externalId: string): Promise<void>;
  reply(externalId: string, text: string): Promise<string>;
}

export function commentPlatform(ctx: DomainContext, siteId: number, store: CredentialStore, http?: HttpOptions): CommentPlatform {
  const site = getSite(ctx, siteId);
  const connection = getConnection(ctx, siteId);
  if (!connection) throw new AppError('invalid_input', `${site.name} has no platform connection, so nothing can be done on it from here.`);
  const tokens = {
    token: async () => {
      const t = await store.get(apiTokenAccount(siteId));
      if (!t) throw new AppError('invalid_input', `No API token for ${site.name} in the keychain; add it in the Vault.`);
      return t;
    },
  };
  if (site.platform === 'facebook') {
    const fb = new FacebookClient({ pageId: connection.accountId, tokens, baseUrl: connection.baseUrl, ...(http ? { http } : {}) });
    return {
      platform: 'facebook',
      current: async (id, postId) => fbCommentToCaptured(await fb.getComment(id), postId ?? ''),
      setHidden: (id, hidden) => fb.setCommentHidden(id, hidden),
      remove: (id) => fb.deleteObject(id),
      reply: async (id, text) => (await fb.replyToComment(id, text)).id,
    };
  }
  if (site.platform === 'x') {
    const x = new XClient({ userId: connection.accountId, tokens, baseUrl: connection.baseUrl, ...(http ? { http } : {}) });
    return {
      platform: 'x',
      current: async (id, postId) => xReplyToCaptured(await x.getPost(id), postId ?? ''),
      setHidden: async (id, hidden) => { await x.setReplyHidden(id, hidden); },
      remove: async () => {
        throw new AppError('invalid_input', 'X lets the city hide replies to its posts, not delete other people\u2019s replies. Hide it instead.');
      },
      reply: async (id, text) => (await x.createPost({ text, replyTo: id })).id,
    };
  }
  throw new AppError('invalid_input', `${site.platformName}s cannot be moderated from here yet.`);
}
