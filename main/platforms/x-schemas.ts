/** The parts of X API v2 objects the app relies on; unknown fields pass through untouched. */
import { z } from 'zod';
import { xProblemSchema } from './x-errors';

export const X_DEFAULT_BASE_URL = 'https://api.x.com/2';

export const xUserSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  username: z.string(),
  description: z.string().optional(),
  url: z.string().optional(),
  location: z.string().optional(),
  profile_image_url: z.string().optional(),
  profile_banner_url: z.string().optional(),
  created_at: z.string().optional(),
});
export type XUser = z.infer<typeof xUserSchema>;

export const xTweetSchema = z.looseObject({
  id: z.string(),
  text: z.string(),
  created_at: z.string().optional(),
  author_id: z.string().optional(),
  conversation_id: z.string().optional(),
  in_reply_to_user_id: z.string().optional(),
  referenced_tweets: z.array(z.looseObject({ type: z.string(), id: z.string() })).optional(),
  attachments: z.looseObject({ media_keys: z.array(z.string()).optional() }).optional(),
  edit_history_tweet_ids: z.array(z.string()).optional(),
});
export type XTweet = z.infer<typeof xTweetSchema>;

export const xMediaSchema = z.looseObject({
  media_key: z.string(),
  type: z.string(),
  url: z.string().optional(),
  preview_image_url: z.string().optional(),
});
export type XMedia = z.infer<typeof xMediaSchema>;

export const xListEnvelopeSchema = z.looseObject({
  data: z.array(z.unknown()).optional(), // X omits `data` when a page is empty
  includes: z
    .looseObject({
      users: z.array(xUserSchema).optional(),
      media: z.array(xMediaSchema).optional(),
      tweets: z.array(z.unknown()).optional(),
    })
    .optional(),
  meta: z.looseObject({
    result_count: z.number(),
    next_token: z.string().optional(),
    newest_id: z.string().optional(),
    oldest_id: z.string().optional(),
  }),
  errors: z.array(xProblemSchema).optional(),
});

export const xSingleEnvelopeSchema = z.looseObject({
  data: z.unknown().optional(),
  errors: z.array(xProblemSchema).optional(),
});

export const xCreatedSchema = z.object({ data: z.looseObject({ id: z.string(), text: z.string() }) });
export const xDeletedSchema = z.object({ data: z.looseObject({ deleted: z.boolean() }) });
export const xHiddenSchema = z.object({ data: z.looseObject({ hidden: z.boolean() }) });
export const xMediaUploadSchema = z.object({
  data: z.looseObject({ id: z.string(), media_key: z.string().optional(), size: z.number().optional() }),
});

export const X_FIELDS = {
  tweet: 'id,text,created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets,attachments,edit_history_tweet_ids,public_metrics,entities,lang,reply_settings',
  user: 'id,name,username,description,url,location,profile_image_url,profile_banner_url,created_at,public_metrics,verified,protected',
  includedUser: 'id,name,username,profile_image_url',
  media: 'media_key,type,url,preview_image_url,width,height,alt_text',
} as const;
