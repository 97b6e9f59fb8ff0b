/**
 * readXArchive: an X "Download an archive of your data" zip, or its unpacked folder, to
 * CapturedObjects. Every file is parsed in full before anything is returned, so the caller gets
 * the whole archive or an ImportError, never a part.
 */
import type { CapturedObject } from '../archive/types';
import { withSource } from './archive-source';
import { ImportError } from './errors';
import { looksLikeFacebookExport } from './facebook-files';
import { ownRecord, ownString } from './json-access';
import type { ArchiveSource } from './source-types';
import type { ImportOptions, ParsedAccount, ParsedArchive } from './types';
import { findXFiles, type XFileSet } from './x-files';
import { itemValue, readManifest, readYtdFile, type YtdFile } from './x-js-file';
import { attachXMedia } from './x-media';
import { applyNotes, readNotes } from './x-notes';
import { parseTweet, type ParsedTweet } from './x-tweets';

class XArchiveReader {
  readonly files = new Set<string>();
  constructor(private readonly source: ArchiveSource) {}

  async ytd(name: string, types: readonly string[]): Promise<YtdFile> {
    this.files.add(name);
    return readYtdFile(name, await this.source.read(name), types);
  }

  async tweets(names: readonly string[], types: readonly string[], author: string | null): Promise<ParsedTweet[]> {
    const out: ParsedTweet[] = [];
    for (const name of names) {
      const file = await this.ytd(name, types);
      for (const range of file.items) out.push(parseTweet(file, range, author));
    }
    return out;
  }

  async account(set: XFileSet): Promise<ParsedAccount> {
    const account: ParsedAccount = {};
    if (set.manifest) {
      this.files.add(set.manifest);
      const user = ownRecord(readManifest(set.manifest, await this.source.read(set.manifest)), 'userInfo');
      account.handle = ownString(user, 'userName');
      account.name = ownString(user, 'displayName');
      account.id = ownString(user, 'accountId');
    }
    if (set.account) {
      // account.js is authoritative; it also holds the e-mail address, which we do not keep.
      const file = await this.ytd(set.account, ['account']);
      const first = file.items[0];
      const record = first ? ownRecord(itemValue(file, first), 'account') : undefined;
      account.handle = ownString(record, 'username') ?? account.handle;
      account.name = ownString(record, 'accountDisplayName') ?? account.name;
      account.id = ownString(record, 'accountId') ?? account.id;
    }
    for (const key of ['handle', 'name', 'id'] as const) if (account[key] === undefined) delete account[key];
    return account;
  }

  async profile(name: string, author: string | null): Promise<CapturedObject[]> {
    const file = await this.ytd(name, ['profile']);
    return file.items.map((range) => {
      const profile = ownRecord(itemValue(file, range), 'profile');
      if (!profile) throw ImportError.at(name, file.bytes, range.start, 'element is not a profile record');
      return {
        platform: 'x',
        kind: 'profile',
        externalId: 'profile',
        author,
        text: ownString(ownRecord(profile, 'description'), 'bio') ?? null,
        payload: file.bytes.slice(range.start, range.end),
        contentType: 'application/json',
      };
    });
  }

  /** The follower list is one record per file: the whole array, byte for byte (REC-2). */
  async followers(name: string, author: string | null): Promise<CapturedObject> {
    const file = await this.ytd(name, ['follower']);
    for (const range of file.items) {
      if (!ownString(ownRecord(itemValue(file, range), 'follower'), 'accountId')) {
        throw ImportError.at(name, file.bytes, range.start, 'element is not a follower record');
      }
    }
    const part = /-part(\d+)\.js$/.exec(name)?.[1];
    return {
      platform: 'x',
      kind: 'followers',
      externalId: part && part !== '0' ? `followers-part${part}` : 'followers',
      author,
      payload: file.bytes.slice(file.array.start, file.array.end),
      contentType: 'application/json',
    };
  }
}

function notAnXArchive(source: ArchiveSource): ImportError {
  if (looksLikeFacebookExport(source.names)) {
    return new ImportError(`${source.label}: this is a Facebook export, not an X archive; import it as Facebook`, source.label);
  }
  return new ImportError(
    `${source.label}: not an X archive (found no data/tweets.js, data/manifest.js or other X archive data files)`,
    source.label,
  );
}

export async function readXArchive(path: string, options: ImportOptions = {}): Promise<ParsedArchive> {
  return withSource(path, options.limits, async (source) => {
    const set = findXFiles(source.names);
    if (!set) throw notAnXArchive(source);
    const reader = new XArchiveReader(source);
    const account = await reader.account(set);
    const author = account.handle ?? null;

    const live = [...(await reader.tweets(set.tweets, ['tweets', 'tweet'], author)), ...(await reader.tweets(set.community, ['community_tweet'], author))];
    const deleted = await reader.tweets(set.deleted, ['deleted_tweets'], author);
    for (const name of set.notes) applyNotes(live, readNotes(await reader.ytd(name, ['note_tweet'])));
    for (const name of await attachXMedia([...live, ...deleted], set.media, source)) reader.files.add(name);

    const objects: CapturedObject[] = live.map((t) => t.object);
    if (set.profile) objects.push(...(await reader.profile(set.profile, author)));
    for (const name of set.followers) objects.push(await reader.followers(name, author));

    return {
      platform: 'x',
      account,
      objects,
      deleted: deleted.map((t) => ({ object: t.object, deletedAt: t.deletedAt ?? null })),
      files: [...reader.files].sort(),
    };
  });
}
