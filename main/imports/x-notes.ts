/**
 * Long posts ("note tweets") appear in tweets.js cut off with "…"; the full text is only in
 * note-tweet.js, and the two are linked by nothing but creation time and a shared text prefix
 * (the note's id is not the tweet's id, and the note lacks the leading reply mentions). We use the
 * full text for the tweet's search text; the tweet's payload stays the tweets.js bytes.
 */
import { ownRecord, ownString } from './json-access';
import { itemValue, type YtdFile } from './x-js-file';
import { unescapeXText } from './x-fields';
import type { ParsedTweet } from './x-tweets';

export interface NoteTweet {
  text: string;
  /** ISO 8601, whole seconds. */
  createdAt: string;
}

function wholeSecond(iso: string): string | null {
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

export function readNotes(file: YtdFile): NoteTweet[] {
  const notes: NoteTweet[] = [];
  for (const range of file.items) {
    const note = ownRecord(itemValue(file, range), 'noteTweet');
    const text = ownString(ownRecord(note, 'core'), 'text');
    const created = ownString(note, 'createdAt');
    const createdAt = created === undefined ? null : wholeSecond(created);
    if (text !== undefined && createdAt !== null) notes.push({ text, createdAt });
  }
  return notes;
}

const LEADING_MENTIONS = /^(?:@\w+\s+)*/;

/** Replaces the search text of each truncated tweet that has a matching note. */
export function applyNotes(tweets: readonly ParsedTweet[], notes: readonly NoteTweet[]): number {
  let applied = 0;
  for (const note of notes) {
    for (const { object } of tweets) {
      if (!object.createdAt || wholeSecond(object.createdAt) !== note.createdAt || !object.text) continue;
      const mentions = LEADING_MENTIONS.exec(object.text)?.[0] ?? '';
      const stem = object.text.slice(mentions.length).replace(/…$/, '');
      if (stem.length === 0 || !note.text.startsWith(stem) || note.text === stem) continue;
      object.text = mentions + unescapeXText(note.text);
      applied++;
      break;
    }
  }
  return applied;
}
