/**
 * Finds the data files of an X archive among an archive's names. The zip X sends has `data/` at
 * its root, but users also unzip into a wrapper folder or pick the `data` folder itself, so the
 * data directory is wherever the recognised files are, at the shallowest level.
 */
export interface XFileSet {
  /** '' or a prefix ending in '/', e.g. 'data/' or 'twitter-2024/data/'. */
  dataDir: string;
  manifest: string | null;
  account: string | null;
  profile: string | null;
  /** Parts in part order: tweets.js, tweets-part1.js, ... */
  tweets: string[];
  community: string[];
  deleted: string[];
  notes: string[];
  followers: string[];
  /** Files in the media folders, named `<tweet id>-<name>`. */
  media: string[];
}

const DATA_FILE = /^(.*?)(manifest|account|profile|tweets?|deleted-tweets|community-tweet|note-tweet|follower)(?:-part(\d+))?\.js$/;

const MEDIA_DIR = /^(?:tweets?_media|deleted_tweets_media|community_tweet_media)\/[^/]+$/;

function partNumber(name: string): number {
  return Number(DATA_FILE.exec(name)?.[3] ?? '0');
}

function parts(names: readonly string[], dataDir: string, stems: readonly string[]): string[] {
  return names
    .filter((n) => {
      const m = DATA_FILE.exec(n);
      return m !== null && m[1] === dataDir && stems.includes(m[2] as string);
    })
    .sort((a, b) => partNumber(a) - partNumber(b) || a.localeCompare(b));
}

function depth(prefix: string): number {
  return prefix.split('/').length;
}

export function findXFiles(names: readonly string[]): XFileSet | null {
  let dataDir: string | null = null;
  for (const name of names) {
    const m = DATA_FILE.exec(name);
    if (!m) continue;
    const dir = m[1] as string;
    if (dir !== '' && dir !== 'data/' && !dir.endsWith('/data/')) continue;
    if (dataDir === null || depth(dir) < depth(dataDir)) dataDir = dir;
  }
  if (dataDir === null) return null;
  const single = (stem: string): string | null => parts(names, dataDir, [stem])[0] ?? null;
  return {
    dataDir,
    manifest: single('manifest'),
    account: single('account'),
    profile: single('profile'),
    tweets: parts(names, dataDir, ['tweets', 'tweet']),
    community: parts(names, dataDir, ['community-tweet']),
    deleted: parts(names, dataDir, ['deleted-tweets']),
    notes: parts(names, dataDir, ['note-tweet']),
    followers: parts(names, dataDir, ['follower']),
    media: names.filter((n) => n.startsWith(dataDir) && MEDIA_DIR.test(n.slice(dataDir.length))),
  };
}
