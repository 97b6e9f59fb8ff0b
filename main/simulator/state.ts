/**
 * The simulated world: one Facebook Page and one X account with their posts, comments, replies,
 * people and pictures. Routes read and mutate it; the timeline scripts changes to it. Deleted
 * things are flagged, not removed, so the simulator can still answer "does not exist" correctly.
 */

export interface Asset {
  bytes: Uint8Array;
  mediaType: string;
}

export interface FbUser {
  id: string;
  name: string;
}

export interface FbPageState {
  id: string;
  name: string;
  about: string;
  description: string;
  website: string;
  username: string;
  category: string;
  fanCount: number;
  followersCount: number;
  pictureAsset: string;
  coverAsset: string;
  coverId: string;
}

export interface FbPostState {
  id: string;
  message?: string;
  story?: string;
  createdMs: number;
  updatedMs: number;
  statusType: 'mobile_status_update' | 'added_photos' | 'shared_story';
  fromId: string;
  /** The admin who created a Page post; absent for visitor posts. */
  adminCreatorId?: string;
  photo?: { id: string; asset: string };
  link?: string;
  isHidden: boolean;
  deleted: boolean;
}

export interface FbCommentState {
  id: string;
  postId: string;
  /** Set for a reply: the comment it answers. */
  parentId?: string;
  message: string;
  createdMs: number;
  fromId: string;
  isHidden: boolean;
  deleted: boolean;
}

export interface FbRoleState {
  id: string;
  name: string;
  tasks: string[];
}

export interface XUserState {
  id: string;
  name: string;
  username: string;
  description: string;
  url: string;
  location: string;
  createdMs: number;
  profileAsset: string;
  bannerAsset?: string;
}

export interface XTweetState {
  id: string;
  text: string;
  createdMs: number;
  authorId: string;
  conversationId: string;
  repliedToId?: string;
  inReplyToUserId?: string;
  mediaKeys: string[];
  editHistory: string[];
  /** Superseded by an edit: a newer id carries the text now. */
  supersededBy?: string;
  hidden: boolean;
  deleted: boolean;
}

export interface XMediaState {
  id: string;
  key: string;
  asset: string;
  width: number;
  height: number;
}

/** Small deterministic PRNG (mulberry32) so a seed reproduces ids and trace ids. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TWITTER_EPOCH = 1288834974657n;

export class World {
  readonly random: () => number;
  /** Filled in once the server listens: pictures are served from the simulator itself. */
  origin = '';
  readonly assets = new Map<string, Asset>();
  readonly fbUsers = new Map<string, FbUser>();
  readonly fbPosts: FbPostState[] = [];
  readonly fbComments: FbCommentState[] = [];
  readonly fbRoles: FbRoleState[] = [];
  readonly xUsers = new Map<string, XUserState>();
  readonly xTweets: XTweetState[] = [];
  readonly xMedia = new Map<string, XMediaState>();
  fbPage!: FbPageState;
  xAccountId = '';
  private counter: number;
  private tweetSeq = 0;

  constructor(
    seed: number,
    readonly now: () => number,
  ) {
    this.random = prng(seed);
    this.counter = 100_000_000 + Math.floor(this.random() * 800_000_000);
  }

  /** A Graph-style numeric id: 15–17 digits, increasing. */
  fbNumber(): string {
    this.counter += 1 + Math.floor(this.random() * 97);
    return `10${String(this.counter).padStart(13, '0')}`;
  }

  /** A Snowflake-style id, so X ids sort by creation time as real ones do. */
  tweetId(createdMs: number): string {
    this.tweetSeq = (this.tweetSeq + 1 + Math.floor(this.random() * 50)) % 4096;
    const worker = BigInt(Math.floor(this.random() * 1024));
    return ((BigInt(Math.floor(createdMs)) - TWITTER_EPOCH) << 22n | (worker << 12n) | BigInt(this.tweetSeq)).toString();
  }

  traceId(): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';
    let s = '';
    for (let i = 0; i < 23; i++) s += alphabet[Math.floor(this.random() * alphabet.length)];
    return s;
  }

  assetUrl(name: string): string {
    return `${this.origin}/cdn/${name}`;
  }

  addAsset(name: string, bytes: Uint8Array, mediaType = 'image/png'): string {
    this.assets.set(name, { bytes, mediaType });
    return name;
  }

  fbPost(id: string): FbPostState | undefined {
    return this.fbPosts.find((p) => p.id === id && !p.deleted);
  }

  fbComment(id: string): FbCommentState | undefined {
    return this.fbComments.find((c) => c.id === id && !c.deleted);
  }

  /** A tweet that was not deleted; an edited one's earlier versions stay readable by id, as on X. */
  tweet(id: string): XTweetState | undefined {
    return this.xTweets.find((t) => t.id === id && !t.deleted);
  }

  /** Graph paging order: feed newest first. */
  liveFeed(): FbPostState[] {
    return this.fbPosts.filter((p) => !p.deleted).sort((a, b) => b.createdMs - a.createdMs || cmpId(b.id, a.id));
  }

  /** Comments of a post in chronological order; `stream` includes replies, `toplevel` does not. */
  liveComments(postId: string, filter: 'stream' | 'toplevel', parentId?: string): FbCommentState[] {
    return this.fbComments
      .filter((c) => !c.deleted && c.postId === postId)
      .filter((c) => (parentId ? c.parentId === parentId : filter === 'stream' || !c.parentId))
      .sort((a, b) => a.createdMs - b.createdMs || cmpId(a.id, b.id));
  }

  /** X timelines and search return newest first. */
  liveTweets(pred: (t: XTweetState) => boolean): XTweetState[] {
    return this.xTweets.filter((t) => !t.deleted && !t.supersededBy && pred(t)).sort((a, b) => cmpId(b.id, a.id));
  }
}

/** Compares numeric id strings of different lengths correctly. */
export function cmpId(a: string, b: string): number {
  const x = a.replace(/_/g, '');
  const y = b.replace(/_/g, '');
  return x.length - y.length || (x < y ? -1 : x > y ? 1 : 0);
}
