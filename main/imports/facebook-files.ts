/**
 * Finds the JSON files of a Facebook "Download Your Information" export by name. Layouts moved
 * over the years (posts/your_posts_1.json, your_facebook_activity/posts/your_posts__check_ins__
 * photos_and_videos_1.json) and users unzip into wrapper folders, so we match base names anywhere
 * in the tree and let each file's content decide what it holds.
 */
import { baseName } from './media-types';

export interface FacebookFileSet {
  posts: string[];
  /** Candidates; a file turns out to be comments (kept) or reactions (skipped) by its top key. */
  comments: string[];
  profile: string | null;
}

const POSTS = /^your_posts(?:__check_ins__photos_and_videos)?(?:_(\d+))?\.json$/;
const COMMENTS = /^(?:comments(?:_\d+)?|comments_and_reactions|posts_and_comments)\.json$/;
const PROFILE = /^profile_information\.json$/;
const POSTS_HTML = /^your_posts(?:__check_ins__photos_and_videos)?(?:_\d+)?\.html$/;

function byPart(a: string, b: string): number {
  const n = (s: string) => Number(POSTS.exec(baseName(s))?.[1] ?? '0');
  return a.split('/').length - b.split('/').length || n(a) - n(b) || a.localeCompare(b);
}

export function findFacebookFiles(names: readonly string[]): FacebookFileSet | null {
  const posts = names.filter((n) => POSTS.test(baseName(n))).sort(byPart);
  const comments = names.filter((n) => COMMENTS.test(baseName(n))).sort();
  if (posts.length === 0 && comments.length === 0) return null;
  return { posts, comments, profile: names.find((n) => PROFILE.test(baseName(n))) ?? null };
}

export function looksLikeFacebookExport(names: readonly string[]): boolean {
  return findFacebookFiles(names) !== null || isHtmlFacebookExport(names);
}

/** Facebook also offers an HTML export, which carries no machine-readable data for us. */
export function isHtmlFacebookExport(names: readonly string[]): boolean {
  return names.some((n) => POSTS_HTML.test(baseName(n)));
}
