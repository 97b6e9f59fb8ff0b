/**
 * readFacebookExport: a Facebook "Download Your Information" JSON export (zip or folder) to
 * CapturedObjects: posts, comments, and the media files they reference when the export has them.
 * Parsed in full before returning: the whole export or an ImportError.
 */
import type { CapturedObject } from '../archive/types';
import { withSource } from './archive-source';
import { ImportError } from './errors';
import { findFacebookFiles, isHtmlFacebookExport } from './facebook-files';
import { IdAllocator } from './facebook-ids';
import { type FacebookJsonFile, readFacebookJson, recordValue } from './facebook-json';
import { FacebookMediaReader } from './facebook-media';
import { type FacebookRecord, parseComment, parsePost } from './facebook-records';
import { ownRecord, ownString } from './json-access';
import { repairMojibake } from './mojibake';
import type { ArchiveSource } from './source-types';
import type { ImportOptions, ParsedAccount, ParsedArchive } from './types';
import { findXFiles } from './x-files';

const COMMENT_KEYS = new Set(['comments_v2', 'comments']);
// Reaction files share names with comment files in some layouts; reactions are not records we keep.
const REACTION_KEYS = new Set(['reactions_v2', 'reactions']);

function notAFacebookExport(source: ArchiveSource): ImportError {
  if (findXFiles(source.names)) {
    return new ImportError(`${source.label}: this is an X archive, not a Facebook export; import it as X`, source.label);
  }
  if (isHtmlFacebookExport(source.names)) {
    return new ImportError(`${source.label}: this Facebook export is in HTML format; download it again choosing JSON`, source.label);
  }
  return new ImportError(`${source.label}: not a Facebook export (found no your_posts_1.json or comments file)`, source.label);
}

async function accountFrom(source: ArchiveSource, name: string | null, files: Set<string>): Promise<ParsedAccount> {
  if (!name) return {};
  const file = readFacebookJson(name, await source.read(name));
  files.add(name);
  const whole = recordValue(file, { start: 0, end: file.bytes.length });
  const profile = ownRecord(whole, 'profile_v2') ?? ownRecord(whole, 'profile');
  const fullName = ownString(ownRecord(profile, 'name'), 'full_name');
  return fullName === undefined ? {} : { name: repairMojibake(fullName) };
}

export async function readFacebookExport(path: string, options: ImportOptions = {}): Promise<ParsedArchive> {
  return withSource(path, options.limits, async (source) => {
    const set = findFacebookFiles(source.names);
    if (!set) throw notAFacebookExport(source);
    const files = new Set<string>();
    const ids = new IdAllocator();
    const media = new FacebookMediaReader(source);
    const objects: CapturedObject[] = [];
    const account = await accountFrom(source, set.profile, files);

    const collect = async (file: FacebookJsonFile, keys: Set<string> | null, parse: typeof parsePost) => {
      for (const collection of file.collections) {
        if (keys && (collection.key === null || !keys.has(collection.key))) continue;
        for (const range of collection.items) {
          const record: FacebookRecord = parse(file, range);
          // Posts in the export are the account's own; the export only names the author in prose.
          if (record.object.kind === 'post') record.object.author = account.name ?? null;
          record.object.externalId = ids.allocate(record.object.externalId);
          const attached = await media.forRecord(file.name, record.value);
          if (attached.length > 0) record.object.media = attached;
          objects.push(record.object);
        }
      }
    };

    for (const name of set.posts) {
      const file = readFacebookJson(name, await source.read(name));
      files.add(name);
      await collect(file, null, parsePost);
    }
    for (const name of set.comments) {
      const file = readFacebookJson(name, await source.read(name));
      const keys = file.collections.map((c) => c.key);
      if (keys.some((k) => k !== null && COMMENT_KEYS.has(k))) {
        files.add(name);
        await collect(file, COMMENT_KEYS, parseComment);
      } else if (!keys.some((k) => k !== null && REACTION_KEYS.has(k))) {
        throw ImportError.inFile(name, 'holds neither "comments_v2" nor "reactions_v2"; this export layout is not supported');
      }
    }
    for (const name of media.read) files.add(name);
    return { platform: 'facebook', account, objects, deleted: [], files: [...files].sort() };
  });
}
