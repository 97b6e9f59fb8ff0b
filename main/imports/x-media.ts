/**
 * X archives put each tweet's photos and videos in a media folder as `<tweet id>-<name>`. We
 * attach those bytes to the tweet so the record is complete without the live site.
 */
import type { CapturedMedia } from '../archive/types';
import { ownArray, ownRecord, ownString } from './json-access';
import { baseName, mediaTypeFor } from './media-types';
import type { ArchiveSource } from './source-types';
import type { ParsedTweet } from './x-tweets';

/** The platform URL a saved photo came from, when its file name says which one. */
function sourceUrlFor(tweet: ParsedTweet['tweet'], fileRest: string): string | null {
  const entries = [...ownArray(ownRecord(tweet, 'extended_entities'), 'media'), ...ownArray(ownRecord(tweet, 'entities'), 'media')];
  for (const entry of entries) {
    const url = ownString(entry, 'media_url_https') ?? ownString(entry, 'media_url');
    if (url && baseName(url) === fileRest) return url;
  }
  return null;
}

/** Returns the media file names it read. */
export async function attachXMedia(tweets: readonly ParsedTweet[], mediaNames: readonly string[], source: ArchiveSource): Promise<string[]> {
  const byTweet = new Map<string, string[]>();
  for (const name of mediaNames) {
    const m = /^(\d+)-(.+)$/.exec(baseName(name));
    if (!m) continue;
    const list = byTweet.get(m[1] as string) ?? [];
    list.push(name);
    byTweet.set(m[1] as string, list);
  }
  const read: string[] = [];
  for (const parsed of tweets) {
    const names = byTweet.get(parsed.object.externalId);
    if (!names) continue;
    const media: CapturedMedia[] = [];
    for (const name of names) {
      const rest = baseName(name).slice(parsed.object.externalId.length + 1);
      media.push({ bytes: await source.read(name), mediaType: mediaTypeFor(name), sourceUrl: sourceUrlFor(parsed.tweet, rest) });
      read.push(name);
    }
    parsed.object.media = media;
  }
  return read;
}
