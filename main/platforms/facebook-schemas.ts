/**
 * The parts of Graph API objects the app relies on. Objects are loose: fields we did not list are
 * kept (and they are in the raw bytes anyway); fields we do list must have the documented type.
 */
import { z } from 'zod';

export const GRAPH_DEFAULT_BASE_URL = 'https://graph.facebook.com/v21.0';

const ref = z.looseObject({ id: z.string(), name: z.string().optional() });

export const fbPagingSchema = z.looseObject({
  cursors: z.looseObject({ before: z.string().optional(), after: z.string().optional() }).optional(),
  next: z.string().optional(),
  previous: z.string().optional(),
});

export const fbListEnvelopeSchema = z.looseObject({
  data: z.array(z.unknown()),
  paging: fbPagingSchema.optional(),
});

export const fbPageProfileSchema = z.looseObject({
  id: z.string(),
  name: z.string(),
  about: z.string().optional(),
  description: z.string().optional(),
  website: z.string().optional(),
  link: z.string().optional(),
  username: z.string().optional(),
  category: z.string().optional(),
  fan_count: z.number().optional(),
  followers_count: z.number().optional(),
  picture: z.looseObject({ data: z.looseObject({ url: z.string(), is_silhouette: z.boolean().optional() }) }).optional(),
  cover: z.looseObject({ id: z.string().optional(), cover_id: z.string().optional(), source: z.string() }).optional(),
});
export type FbPageProfile = z.infer<typeof fbPageProfileSchema>;

const fbAttachmentSchema = z.looseObject({
  type: z.string().optional(),
  media_type: z.string().optional(),
  url: z.string().optional(),
  media: z.looseObject({ image: z.looseObject({ src: z.string() }).optional() }).optional(),
  target: ref.partial({ id: true }).optional(),
});

export const fbPostSchema = z.looseObject({
  id: z.string(),
  message: z.string().optional(),
  story: z.string().optional(),
  created_time: z.string(),
  updated_time: z.string().optional(),
  permalink_url: z.string().optional(),
  status_type: z.string().optional(),
  is_hidden: z.boolean().optional(),
  from: ref.optional(),
  admin_creator: ref.optional(),
  full_picture: z.string().optional(),
  attachments: z.looseObject({ data: z.array(fbAttachmentSchema) }).optional(),
});
export type FbPost = z.infer<typeof fbPostSchema>;

export const fbCommentSchema = z.looseObject({
  id: z.string(),
  message: z.string().optional(),
  created_time: z.string(),
  from: ref.optional(),
  parent: ref.optional(),
  is_hidden: z.boolean().optional(),
  can_hide: z.boolean().optional(),
  permalink_url: z.string().optional(),
  comment_count: z.number().optional(),
  like_count: z.number().optional(),
  attachment: z.looseObject({ media: z.looseObject({ image: z.looseObject({ src: z.string() }).optional() }).optional() }).optional(),
});
export type FbComment = z.infer<typeof fbCommentSchema>;

export const fbRoleSchema = z.looseObject({
  id: z.string(),
  name: z.string().optional(),
  tasks: z.array(z.string()).optional(),
  role: z.string().optional(),
});
export type FbRole = z.infer<typeof fbRoleSchema>;

export const fbSuccessSchema = z.looseObject({ success: z.boolean() });
export const fbCreatedSchema = z.looseObject({ id: z.string(), post_id: z.string().optional() });

/** Fields requested for each object: explicit, because Graph returns only `id` by default. */
export const FB_FIELDS = {
  page: 'id,name,about,description,website,link,username,category,fan_count,followers_count,picture.type(large){url,width,height,is_silhouette},cover{id,source,offset_x,offset_y}',
  post: 'id,message,story,created_time,updated_time,permalink_url,status_type,is_hidden,from{id,name},admin_creator{id,name},full_picture,attachments{type,media_type,url,media,target,title,description}',
  comment: 'id,message,created_time,from{id,name},parent{id},is_hidden,can_hide,permalink_url,comment_count,like_count,attachment',
  role: 'id,name,tasks',
} as const;
