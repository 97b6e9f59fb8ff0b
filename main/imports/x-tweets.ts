/** One X archive tweet element -> CapturedObject. */
import type { CapturedObject } from '../archive/types';
import { ImportError } from './errors';
import { isRecord, own, ownRecord, ownString, type JsonRecord } from './json-access';
import type { ByteRange } from './json-array-slices';
import { itemValue, type YtdFile } from './x-js-file';
import { parseXDate, unescapeXText } from './x-fields';

export interface ParsedTweet {
  object: CapturedObject;
  /** The inner tweet record, for note and media matching. */
  tweet: JsonRecord;
  /** From `deleted_at`; undefined when the record has none (every live tweet). */
  deletedAt: string | null | undefined;
}

/** Since 2020 each element is {"tweet": {...}}; the 2019 layout had the record bare. */
function innerTweet(element: unknown): JsonRecord | undefined {
  const wrapped = ownRecord(element, 'tweet');
  if (wrapped) return wrapped;
  return isRecord(element) && typeof own(element, 'id_str') === 'string' ? element : undefined;
}

export function parseTweet(file: YtdFile, range: ByteRange, author: string | null): ParsedTweet {
  const fail = (detail: string) => ImportError.at(file.name, file.bytes, range.start, detail);
  const tweet = innerTweet(itemValue(file, range));
  if (!tweet) throw fail('element is not a tweet record (no "tweet" object)');
  const id = ownString(tweet, 'id_str');
  if (!id || !/^\d{1,25}$/.test(id)) throw fail('tweet has no numeric "id_str"');
  const createdRaw = ownString(tweet, 'created_at');
  const createdAt = createdRaw === undefined ? null : parseXDate(createdRaw);
  if (createdRaw !== undefined && createdAt === null) throw fail(`tweet ${id} has an unreadable created_at ${JSON.stringify(createdRaw)}`);
  const fullText = ownString(tweet, 'full_text') ?? ownString(tweet, 'text');
  const parent = ownString(tweet, 'in_reply_to_status_id_str') || null;
  const deletedRaw = ownString(tweet, 'deleted_at');
  let deletedAt: string | null | undefined;
  if (deletedRaw !== undefined) {
    deletedAt = parseXDate(deletedRaw);
    if (deletedAt === null) throw fail(`tweet ${id} has an unreadable deleted_at ${JSON.stringify(deletedRaw)}`);
  }
  const object: CapturedObject = {
    platform: 'x',
    kind: parent ? 'reply' : 'post',
    externalId: id,
    parentExternalId: parent,
    author,
    createdAt,
    text: fullText === undefined ? null : unescapeXText(fullText),
    payload: file.bytes.slice(range.start, range.end),
    contentType: 'application/json',
  };
  return { object, tweet, deletedAt };
}
