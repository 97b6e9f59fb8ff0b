import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { readFacebookExport, readXArchive } from '../../main/imports';
import { cleanupTemp, enc, expectImportError, fixtureFiles, readFixture, tempDir, writeZip } from './helpers';

afterEach(cleanupTemp);

const TINY_TWEETS = enc('window.YTD.tweets.part0 = [{"tweet": {"id_str": "1", "full_text": "hi"}}]');

async function writeRawZip(bytes: Uint8Array): Promise<string> {
  const path = join(await tempDir(), 'archive.zip');
  await writeFile(path, bytes);
  return path;
}

/** Offset of the first central-directory header (PK\x01\x02). */
function centralHeader(zip: Uint8Array): number {
  for (let i = zip.length - 22; i >= 0; i--) {
    if (zip[i] === 0x50 && zip[i + 1] === 0x4b && zip[i + 2] === 0x01 && zip[i + 3] === 0x02) {
      let first = i;
      // Walk back to the first one; our test zips hold few entries.
      for (let j = i - 1; j >= 0; j--) if (zip[j] === 0x50 && zip[j + 1] === 0x4b && zip[j + 2] === 0x01 && zip[j + 3] === 0x02) first = j;
      return first;
    }
  }
  throw new Error('no central directory');
}

describe('zip archives', () => {
  it('reads a Facebook export zip built from the fixture files', async () => {
    const r = await readFacebookExport(await writeZip(await fixtureFiles('fb-dyi-waultar')));
    expect(r.objects).toHaveLength(20);
  });

  it('guards against zip bombs: output beyond the byte limit is refused before inflating', async () => {
    const bomb = new Uint8Array(8 * 1024 * 1024); // 8 MiB of zeros compresses to a few KiB
    const path = await writeZip({ 'data/tweets.js': TINY_TWEETS, 'data/tweets_media/1-bomb.jpg': bomb });
    expect((await readFile(path)).length).toBeLessThan(64 * 1024);
    await expectImportError(readXArchive(path, { limits: { maxTotalBytes: 1024 * 1024, maxEntries: 100 } }), /data\/tweets_media\/1-bomb\.jpg: reading it would take the import past its 1048576-byte limit/);
    expect((await readXArchive(path)).objects[0]!.media![0]!.bytes.length).toBe(bomb.length);
  });

  it('refuses an entry that inflates to more than its header declares', async () => {
    const zip = zipSync({ 'data/tweets.js': [new Uint8Array(100_000).fill(0x20), { level: 9 }] });
    const view = new DataView(zip.buffer);
    view.setUint32(centralHeader(zip) + 24, 1000, true); // lie: "1000 bytes uncompressed"
    await expectImportError(readXArchive(await writeRawZip(zip)), /data\/tweets\.js: decompresses to more bytes than the zip declares/);
  });

  it('caps the number of entries', async () => {
    const files: Record<string, Uint8Array> = { 'data/tweets.js': TINY_TWEETS };
    for (let i = 0; i < 20; i++) files[`data/other-${i}.js`] = enc('x');
    await expectImportError(readXArchive(await writeZip(files), { limits: { maxTotalBytes: 1 << 20, maxEntries: 10 } }), /lists 21 files, more than the 10 allowed/);
  });

  it('rejects path traversal and absolute names', async () => {
    for (const name of ['../evil.js', 'data/../../evil.js', '/etc/passwd', 'C:/Windows/evil.js', 'data\\..\\evil.js']) {
      const zip = zipSync({ 'data/tweets.js': TINY_TWEETS, [name]: enc('x') });
      await expectImportError(readXArchive(await writeRawZip(zip)), /unsafe file name in archive/);
    }
  });

  it('detects corrupted entry bytes with the CRC-32', async () => {
    const zip = await writeZip({ 'data/tweets.js': TINY_TWEETS }, 0);
    const bytes = new Uint8Array(await readFile(zip));
    const at = bytes.indexOf(0x68 /* 'h' of "hi" */, 60);
    bytes[at] = 0x48;
    await expectImportError(readXArchive(await writeRawZip(bytes)), /data\/tweets\.js: CRC-32 mismatch/);
  });

  it('rejects a truncated zip and an encrypted entry', async () => {
    const whole = new Uint8Array(await readFile(await writeZip(await fixtureFiles('x-mrled-twarchive'))));
    await expectImportError(readXArchive(await writeRawZip(whole.subarray(0, whole.length - 200))), /archive\.zip: zip is truncated or corrupt \(no end-of-central-directory record\)/);
    const cut = whole.slice();
    const central = centralHeader(cut);
    const half = new Uint8Array([...cut.subarray(0, 40), ...cut.subarray(central)]);
    await expectImportError(readXArchive(await writeRawZip(half)), /archive\.zip: zip is truncated \(central directory missing\)/);
    const encrypted = zipSync({ 'data/tweets.js': TINY_TWEETS });
    new DataView(encrypted.buffer).setUint16(centralHeader(encrypted) + 8, 1, true);
    await expectImportError(readXArchive(await writeRawZip(encrypted)), /data\/tweets\.js: is encrypted/);
  });

  it('an empty zip is not an archive', async () => {
    await expectImportError(readXArchive(await writeRawZip(zipSync({}))), /not an X archive/);
    await expectImportError(readFacebookExport(await writeRawZip(zipSync({}))), /not a Facebook export/);
  });

  it('stored (level 0) and deflated zips give identical bytes', async () => {
    const files = { 'data/tweet.js': await readFixture('x-mrled-twarchive', 'data', 'tweet.js') };
    expect(await readXArchive(await writeZip(files, 0))).toEqual(await readXArchive(await writeZip(files, 6)));
  });
});
