import { symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readXArchive } from '../../main/imports';
import { cleanupTemp, dec, enc, expectImportError, fixture, readFixture, tempDir, writeTree } from './helpers';

afterEach(cleanupTemp);

async function ajitTweets(): Promise<string> {
  return dec(await readFixture('x-ajitg25-archive', 'data', 'tweets.js'));
}

/** Line and column (1-based) of a character index in text. */
function lineColumn(text: string, index: number): string {
  const before = text.slice(0, index).split('\n');
  return `line ${before.length} column ${[...(before[before.length - 1] ?? '')].length + 1}`;
}

describe('readXArchive rejects broken archives with the file and position', () => {
  it('a truncated tweets.js: "data/tweets.js, line N column M: unexpected end of input"', async () => {
    const text = await ajitTweets();
    const cut = text.slice(0, Math.floor(text.length * 0.6));
    const dir = await writeTree({ 'data/tweets.js': cut });
    const error = await expectImportError(readXArchive(dir), /^data\/tweets\.js, line \d+ column \d+: unexpected end of input/);
    expect(error.message).toContain(lineColumn(cut, cut.length));
    expect(error.file).toBe('data/tweets.js');
    expect(error.position?.offset).toBe(enc(cut).length);
  });

  it('malformed JSON in the middle names the exact line and column', async () => {
    const text = await ajitTweets();
    const at = text.indexOf('"favorite_count" : "0"', 200_000);
    const broken = `${text.slice(0, at)}"favorite_count" : 0x10${text.slice(at + '"favorite_count" : "0"'.length)}`;
    const dir = await writeTree({ 'data/tweets.js': broken });
    const error = await expectImportError(readXArchive(dir), /^data\/tweets\.js, line \d+ column \d+: expected ',' or '}' but found 'x'/);
    expect(error.message).toContain(lineColumn(broken, at + '"favorite_count" : 0'.length));
  });

  it('columns count characters, not bytes, after non-ASCII text', async () => {
    // The second comma is character 24 of line 2; counting UTF-8 bytes would say 29.
    const dir = await writeTree({ 'data/tweets.js': 'window.YTD.tweets.part0 = [\n{"full_text": "été ☺" ,, }]' });
    await expectImportError(readXArchive(dir), /^data\/tweets\.js, line 2 column 24: expected a property name/);
  });

  it('refuses anything but the exact window.YTD assignment, so nothing can be executed', async () => {
    const cases: Record<string, RegExp> = {
      'alert(1); window.YTD.tweets.part0 = []': /line 1 column 1: expected "window\.YTD\.tweets\.part0 = \["/,
      'window.YTD.tweets.part0 = (function(){return []})()': /line 1 column 27: expected '\[' but found '\('/,
      'window.YTD.tweets.part0 = [];alert(1)': /line 1 column 29: unexpected content after the data/,
      'window.YTD.tweets.part0 = [] // comment': /unexpected content after the data/,
      'window.YTD.like.part0 = []': /holds window\.YTD\.like, expected window\.YTD\.tweets or window\.YTD\.tweet/,
      "window.YTD.tweets.part0 = [{'tweet': 1}]": /expected a property name in double quotes but found '''/,
      '': /line 1 column 1: expected "window\.YTD/,
    };
    for (const [content, message] of Object.entries(cases)) {
      await expectImportError(readXArchive(await writeTree({ 'data/tweets.js': content })), message);
    }
  });

  it('a malformed manifest or deleted-tweets file fails the whole import (no partial result)', async () => {
    const good = await readFixture('x-ajitg25-archive', 'data', 'tweets.js');
    const deleted = dec(await readFixture('x-ajitg25-archive', 'data', 'deleted-tweets.js'));
    const dir = await writeTree({ 'data/tweets.js': good, 'data/deleted-tweets.js': deleted.slice(0, -3) });
    await expectImportError(readXArchive(dir), /^data\/deleted-tweets\.js, line \d+ column \d+: unexpected end of input/);
    const manifest = await writeTree({ 'data/tweets.js': good, 'data/manifest.js': 'window.__THAR_CONFIG = {"userInfo": }' });
    await expectImportError(readXArchive(manifest), /^data\/manifest\.js, line 1 column 37: expected a value but found '}'/);
  });

  it('records that are not tweets are rejected with their position', async () => {
    const cases: Record<string, RegExp> = {
      '[{"tweet": {"full_text": "no id"}}]': /line 1 column 28: tweet has no numeric "id_str"/,
      '[{"tweet": {"id_str": "1", "created_at": "yesterday"}}]': /tweet 1 has an unreadable created_at "yesterday"/,
      '[{"tweet": {"id_str": "1", "created_at": "Mon Feb 31 00:00:00 +0000 2020"}}]': /unreadable created_at/,
      '[42]': /element is not a tweet record/,
    };
    for (const [array, message] of Object.entries(cases)) {
      await expectImportError(readXArchive(await writeTree({ 'data/tweets.js': `window.YTD.tweets.part0 = ${array}` })), message);
    }
  });

  it('not an archive at all: a random file, an empty folder, a missing path, a Facebook export', async () => {
    const random = join(await tempDir(), 'notes.txt');
    await writeFile(random, 'just some text, definitely not a zip file');
    await expectImportError(readXArchive(random), /notes\.txt: neither a folder nor a zip archive/);
    await expectImportError(readXArchive(await tempDir()), /not an X archive \(found no data\/tweets\.js/);
    await expectImportError(readXArchive(join(await tempDir(), 'missing.zip')), /missing\.zip: cannot open \(ENOENT\)/);
    await expectImportError(readXArchive(fixture('fb-dyi-waultar')), /this is a Facebook export, not an X archive/);
  });

  it('does not follow symbolic links out of an unpacked folder', async () => {
    const outside = await writeTree({ 'tweets.js': 'window.YTD.tweets.part0 = [{"tweet": {"id_str": "1"}}]' });
    const dir = await writeTree({ 'data/README.txt': 'archive' });
    await symlink(join(outside, 'tweets.js'), join(dir, 'data', 'tweets.js'));
    await expectImportError(readXArchive(dir), /not an X archive/);
  });
});

describe('readXArchive keeps hostile content as inert data', () => {
  it('script tags, bidi overrides, huge strings and __proto__ keys come through as text and bytes', async () => {
    const huge = 'A'.repeat(5_000_000);
    const record =
      '{"tweet": {"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "id_str": "7", ' +
      '"created_at": "Sat Jan 25 18:01:09 +0000 2020", ' +
      `"full_text": "<script>alert(1)</script> \\u202Egnp.exe ${huge}"}}`;
    const dir = await writeTree({ 'data/tweets.js': `window.YTD.tweets.part0 = [${record}]` });
    const r = await readXArchive(dir);
    const tweet = r.objects[0]!;
    expect(tweet.text).toBe(`<script>alert(1)</script> \u202Egnp.exe ${huge}`);
    expect(dec(tweet.payload)).toBe(record);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(tweet)).toBe(Object.prototype);
    expect(Object.keys(tweet)).not.toContain('polluted');
  });
});
