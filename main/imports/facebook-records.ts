/** One Facebook export record (a post entry, a comment entry) -> CapturedObject. */
import type { CapturedObject } from '../archive/types';
import { ImportError } from './errors';
import { type FacebookJsonFile, recordValue } from './facebook-json';
import { commentFingerprint, postFingerprint } from './facebook-ids';
import { isRecord, ownArray, ownNumber, ownRecord, ownString } from './json-access';
import type { ByteRange } from './json-array-slices';
import { repairMojibake } from './mojibake';

function isoFromSeconds(seconds: number | undefined): string | null {
  if (seconds === undefined) return null;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function requireTimestamp(file: FacebookJsonFile, range: ByteRange, record: unknown): number {
  const timestamp = ownNumber(record, 'timestamp');
  if (timestamp === undefined || !Number.isInteger(timestamp) || isoFromSeconds(timestamp) === null) {
    throw ImportError.at(file.name, file.bytes, range.start, 'record has no valid "timestamp"');
  }
  return timestamp;
}

export interface FacebookRecord {
  /** Before de-duplication; the caller makes it unique. */
  object: CapturedObject;
  value: unknown;
}

export function parsePost(file: FacebookJsonFile, range: ByteRange): FacebookRecord {
  const value = recordValue(file, range);
  if (!isRecord(value)) throw ImportError.at(file.name, file.bytes, range.start, 'post record is not a JSON object');
  const timestamp = requireTimestamp(file, range, value);
  const texts = ownArray(value, 'data')
    .map((d) => ownString(d, 'post'))
    .filter((t): t is string => t !== undefined)
    .map(repairMojibake);
  const title = ownString(value, 'title');
  return {
    value,
    object: {
      platform: 'facebook',
      kind: 'post',
      externalId: postFingerprint(timestamp, texts, value),
      createdAt: isoFromSeconds(timestamp),
      // The post text when there is one; otherwise the title is the only words the record has.
      text: texts.length > 0 ? texts.join('\n') : title !== undefined ? repairMojibake(title) : null,
      payload: file.bytes.slice(range.start, range.end),
      contentType: 'application/json',
    },
  };
}

export function parseComment(file: FacebookJsonFile, range: ByteRange): FacebookRecord {
  const value = recordValue(file, range);
  if (!isRecord(value)) throw ImportError.at(file.name, file.bytes, range.start, 'comment record is not a JSON object');
  const timestamp = requireTimestamp(file, range, value);
  const comments = ownArray(value, 'data')
    .map((d) => ownRecord(d, 'comment'))
    .filter((c) => c !== undefined);
  const texts = comments.map((c) => ownString(c, 'comment')).filter((t): t is string => t !== undefined).map(repairMojibake);
  const authors = comments.map((c) => ownString(c, 'author')).filter((a): a is string => a !== undefined).map(repairMojibake);
  const commentTime = comments.map((c) => ownNumber(c, 'timestamp')).find((t) => t !== undefined);
  return {
    value,
    object: {
      platform: 'facebook',
      kind: 'comment',
      externalId: commentFingerprint(timestamp, texts, authors),
      // The export never says which post a comment answers, only a title naming its author.
      parentExternalId: null,
      author: authors[0] ?? null,
      createdAt: isoFromSeconds(commentTime ?? timestamp),
      text: texts.length > 0 ? texts.join('\n') : null,
      payload: file.bytes.slice(range.start, range.end),
      contentType: 'application/json',
    },
  };
}
