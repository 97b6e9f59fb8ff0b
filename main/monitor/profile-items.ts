/**
 * What of a profile the city approved and the monitor watches, read from one archived profile
 * version: the pictures by the SHA-256 of their bytes (a CDN serves the same picture at ever new
 * signed addresses, and a new picture can be served at an old address), and the texts from the
 * platform's own JSON payload.
 */
import type { RecordVersion } from '../archive';

export type ItemKind = 'picture' | 'text';

export interface WatchedItem {
  item: string;
  kind: ItemKind;
  /** How a person would name it: "the cover photo". */
  label: string;
  /**
   * 'sha256:<hex>' for a picture, the text for a text; null when the platform shows none (a
   * removed picture, an emptied field); undefined when this capture cannot tell (the picture's
   * download failed), in which case the item is not compared this time.
   */
  value: string | null | undefined;
  /** For pictures: what the evidence needs to find the bytes again. */
  media?: { sha256: string; mediaType: string; size: number; sourceUrl: string | null } | null;
}

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | undefined => (v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
const str = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

function parsePayload(version: RecordVersion): Json {
  try {
    return obj(JSON.parse(Buffer.from(version.payload).toString('utf8'))) ?? {};
  } catch {
    return {};
  }
}

/**
 * The picture shown at `url`, found among the version's media by the address it was downloaded
 * from; capture downloads them in the order of `urls`, which is the fallback when addresses were
 * not kept.
 */
function picture(version: RecordVersion, url: string | null, urls: (string | null)[], item: string, label: string): WatchedItem {
  if (url === null) return { item, kind: 'picture', label, value: null, media: null };
  const bySource = version.media.find((m) => m.sourceUrl === url);
  const present = urls.filter((u): u is string => u !== null);
  const byOrder = version.media.every((m) => m.sourceUrl === null) && version.media.length === present.length
    ? version.media[present.indexOf(url)] : undefined;
  const m = bySource ?? byOrder;
  if (!m) return { item, kind: 'picture', label, value: undefined };
  return { item, kind: 'picture', label, value: `sha256:${m.sha256}`, media: { sha256: m.sha256, mediaType: m.mediaType, size: m.size, sourceUrl: m.sourceUrl } };
}

const text = (item: string, label: string, value: string | null): WatchedItem => ({ item, kind: 'text', label, value });

/** A Facebook Page: profile picture, cover photo, name, username, about, description, website. */
function facebookItems(version: RecordVersion): WatchedItem[] {
  const p = parsePayload(version);
  const pic = obj(obj(p.picture)?.data);
  // The silhouette is Facebook's stand-in when a Page has no picture: the picture was removed.
  const picUrl = pic && pic.is_silhouette !== true ? str(pic.url) : null;
  const coverUrl = str(obj(p.cover)?.source);
  const urls = [picUrl, coverUrl];
  return [
    picture(version, picUrl, urls, 'picture', 'the profile picture'),
    picture(version, coverUrl, urls, 'cover', 'the cover photo'),
    text('name', 'the name', str(p.name)),
    text('username', 'the username', str(p.username)),
    text('about', 'the about text', str(p.about)),
    text('description', 'the description', str(p.description)),
    text('website', 'the website', str(p.website)),
  ];
}

/** An X account: profile picture, banner, name, username, bio, website (its expanded address). */
function xItems(version: RecordVersion): WatchedItem[] {
  const p = parsePayload(version);
  const picUrl = str(p.profile_image_url);
  const bannerUrl = str(p.profile_banner_url);
  const urls = [picUrl, bannerUrl];
  // X wraps the website in a t.co link; the address it stands for is in entities.url.
  const urlEntities = obj(obj(p.entities)?.url)?.urls;
  const expanded = Array.isArray(urlEntities) ? str(obj(urlEntities[0])?.expanded_url) : null;
  return [
    picture(version, picUrl, urls, 'picture', 'the profile picture'),
    picture(version, bannerUrl, urls, 'banner', 'the banner'),
    text('name', 'the name', str(p.name)),
    text('username', 'the username', str(p.username)),
    text('about', 'the bio', str(p.description)),
    text('website', 'the website', expanded ?? str(p.url)),
  ];
}

export function watchedItems(platform: string, version: RecordVersion): WatchedItem[] {
  return platform === 'facebook' ? facebookItems(version) : xItems(version);
}
