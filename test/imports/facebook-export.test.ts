import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readFacebookExport } from '../../main/imports';
import { cleanupTemp, dec, enc, expectImportError, expectPayloadsAreSlices, fixture, fixtureFiles, readFixture, tempDir, writeTree } from './helpers';

afterEach(cleanupTemp);

describe('readFacebookExport on real exports', () => {
  it('[REC-2] captures every post in each fixture export', async () => {
    for (const [name, posts] of [['fb-dyi-kis81-dataday3', 93], ['fb-dyi-hunterhillis', 124], ['fb-dyi-waultar', 14]] as const) {
      const r = await readFacebookExport(fixture(name));
      expect(r.objects.filter((o) => o.kind === 'post'), name).toHaveLength(posts);
      expect(r.platform).toBe('facebook');
      expect(r.deleted).toEqual([]);
    }
  });

  it('[CIV-1] captures comments with author, time and repaired text; skips reactions', async () => {
    const r = await readFacebookExport(fixture('fb-dyi-waultar'));
    const comments = r.objects.filter((o) => o.kind === 'comment');
    expect(comments).toHaveLength(6);
    expect(comments[0]).toMatchObject({ platform: 'facebook', author: 'Gustav Johansen', text: 'davs :i', createdAt: '2009-11-11T11:14:07.000Z', parentExternalId: null });
    expect(comments.map((c) => c.text)).toContain('TØS\n');
    // Comments on since-deleted content have no text but are still records.
    expect(comments.filter((c) => c.text === null)).toHaveLength(3);
    expect(r.files).toEqual(['comments_and_reactions/comments_and_reactions.json', 'posts/your_posts_1.json']);
  });

  it('[REC-3] post and comment payloads are the exact bytes of each record in the file', async () => {
    for (const [dir, file, kind] of [
      ['fb-dyi-kis81-dataday3', ['your_posts_1.json'], 'post'],
      ['fb-dyi-hunterhillis', ['your_posts_1.json'], 'post'],
      ['fb-dyi-waultar', ['posts', 'your_posts_1.json'], 'post'],
      ['fb-dyi-waultar', ['comments_and_reactions', 'comments_and_reactions.json'], 'comment'],
    ] as const) {
      const r = await readFacebookExport(fixture(dir));
      const payloads = r.objects.filter((o) => o.kind === kind).map((o) => o.payload);
      expectPayloadsAreSlices(await readFixture(dir, ...file), payloads);
      // Mojibake stays in the payload: the record is what Facebook wrote.
      if (dir === 'fb-dyi-kis81-dataday3') expect(dec(payloads[0]!)).toContain('\\u00c3\\u00a1');
    }
  });

  it('repairs mojibake in the search text, and takes createdAt from the timestamp', async () => {
    const waultar = await readFacebookExport(fixture('fb-dyi-waultar'));
    expect(waultar.objects[0]).toMatchObject({ text: 'Sne sne!', createdAt: '2012-12-06T14:45:14.000Z', author: null });
    expect(waultar.objects[2]!.text).toBe('Malou Elmelund Landsgaard har tilføjet et nyt billede.');
    const kis = await readFacebookExport(fixture('fb-dyi-kis81-dataday3'));
    expect(kis.objects[1]!.text).toBe('Alojz Mrkvicka posted something via Citát na dnes.');
    const hunter = await readFacebookExport(fixture('fb-dyi-hunterhillis'));
    expect(hunter.objects.map((o) => o.text)).toContain('Finally the premier league is back in action! ❤️');
  });

  it('derives ids that are unique, stable across re-exports, and independent of layout and mojibake', async () => {
    for (const name of ['fb-dyi-kis81-dataday3', 'fb-dyi-hunterhillis', 'fb-dyi-waultar']) {
      const ids = (await readFacebookExport(fixture(name))).objects.map((o) => o.externalId);
      expect(new Set(ids).size, name).toBe(ids.length);
      expect(ids.every((id) => /^dyi-(post|comment):\d+:[0-9a-f]{16}(:\d+)?$/.test(id))).toBe(true);
      expect((await readFacebookExport(fixture(name))).objects.map((o) => o.externalId)).toEqual(ids);
    }
    // Re-indented, keys reordered, media folder renamed and encoding fixed: same records, same ids.
    const original = await readFacebookExport(fixture('fb-dyi-waultar'));
    const posts = JSON.parse(dec(await readFixture('fb-dyi-waultar', 'posts', 'your_posts_1.json'))) as Record<string, unknown>[];
    const reworked = posts.map((p) => Object.fromEntries(Object.entries(p).reverse()));
    const text = JSON.stringify(reworked, null, 1)
      .replaceAll('Mobiloverforsler_uqsXWfBGvQ', 'Mobiloverforsler_zzzzzzzzzz')
      .replace(/[\u0080-\u00ff]+/g, (m) => new TextDecoder().decode(Uint8Array.from(m, (c) => c.charCodeAt(0))));
    const again = await readFacebookExport(await writeTree({ 'posts/your_posts_1.json': text }));
    expect(again.objects.map((o) => o.externalId)).toEqual(original.objects.filter((o) => o.kind === 'post').map((o) => o.externalId));
    expect(again.objects[0]!.payload).not.toEqual(original.objects[0]!.payload);
  });

  it('gives identical records distinct ids in file order', async () => {
    const post = { timestamp: 1600000000, data: [{ post: 'same' }] };
    const r = await readFacebookExport(await writeTree({ 'posts/your_posts_1.json': JSON.stringify([post, post, post]) }));
    const [a, b, c] = r.objects.map((o) => o.externalId);
    expect(b).toBe(`${a}:2`);
    expect(c).toBe(`${a}:3`);
  });

  it('reads media files the export includes, and ignores missing files, URLs and escaping paths', async () => {
    const files = await fixtureFiles('fb-dyi-waultar');
    const photo = enc('\xff\xd8 a real photo would be here');
    files.set('posts/media/Mobiloverforsler_uqsXWfBGvQ/28055_498092266878953_310909280_n_498092266878953.jpg', photo);
    const r = await readFacebookExport(await writeTree(files));
    expect(r.objects[0]!.media).toEqual([{ bytes: photo, mediaType: 'image/jpeg', sourceUrl: null }]);
    expect(r.objects[2]!.media).toBeUndefined();
    expect(r.files).toContain('posts/media/Mobiloverforsler_uqsXWfBGvQ/28055_498092266878953_310909280_n_498092266878953.jpg');

    const uris = ['../secret.jpg', '../../secret.jpg', 'posts/../secret.jpg', '/etc/passwd', 'https://x.test/secret.jpg'];
    const hostile = [{ timestamp: 1, attachments: [{ data: uris.map((uri) => ({ media: { uri } })) }] }];
    const dir = await writeTree({ 'export/posts/your_posts_1.json': JSON.stringify(hostile), 'export/secret.jpg': 'inside', 'secret.jpg': 'outside' });
    const h = await readFacebookExport(join(dir, 'export'));
    expect(h.objects[0]!.media).toBeUndefined();
    expect(h.files).toEqual(['posts/your_posts_1.json']);
  });

  it('takes the account name from profile_information.json and uses it as post author', async () => {
    const dir = await writeTree({
      'posts/your_posts_1.json': JSON.stringify([{ timestamp: 1600000000, data: [{ post: 'hi' }] }]),
      'profile_information/profile_information.json': '{"profile_v2": {"name": {"full_name": "City of Aarhus \\u00c3\\u0098st"}}}',
    });
    const r = await readFacebookExport(dir);
    expect(r.account).toEqual({ name: 'City of Aarhus Øst' });
    expect(r.objects[0]!.author).toBe('City of Aarhus Øst');
  });
});

describe('readFacebookExport rejects what it cannot read', () => {
  it('a truncated posts file names the file and position', async () => {
    const text = dec(await readFixture('fb-dyi-hunterhillis', 'your_posts_1.json'));
    const cut = text.slice(0, 5000);
    const lines = cut.split('\n');
    const where = `line ${lines.length} column ${(lines[lines.length - 1] ?? '').length + 1}`;
    await expectImportError(readFacebookExport(await writeTree({ 'posts/your_posts_1.json': cut })), new RegExp(`^posts/your_posts_1\\.json, ${where}: unexpected end of input`));
  });

  it('malformed records and unknown comment layouts are errors, not silent gaps', async () => {
    await expectImportError(readFacebookExport(await writeTree({ 'posts/your_posts_1.json': '[{"data": []}]' })), /your_posts_1\.json, line 1 column 2: record has no valid "timestamp"/);
    await expectImportError(readFacebookExport(await writeTree({ 'posts/your_posts_1.json': '[1,]' })), /line 1 column 4: expected a value but found '\]'/);
    await expectImportError(readFacebookExport(await writeTree({ 'comments/comments.json': '{"something_new": []}' })), /comments\/comments\.json: holds neither "comments_v2" nor "reactions_v2"/);
    await expectImportError(readFacebookExport(await writeTree({ 'posts/your_posts_1.json': '' })), /line 1 column 1: empty file/);
  });

  it('not a Facebook export: empty folder, HTML export, an X archive', async () => {
    await expectImportError(readFacebookExport(await tempDir()), /not a Facebook export/);
    await expectImportError(readFacebookExport(await writeTree({ 'posts/your_posts_1.html': '<html></html>' })), /in HTML format; download it again choosing JSON/);
    await expectImportError(readFacebookExport(fixture('x-ajitg25-archive')), /this is an X archive, not a Facebook export/);
  });

  it('keeps hostile content as data', async () => {
    const record = '{"timestamp": 1600000000, "__proto__": {"polluted": 1}, "data": [{"post": "<img src=x onerror=alert(1)> \\u202e"}]}';
    const r = await readFacebookExport(await writeTree({ 'posts/your_posts_1.json': `[${record}]` }));
    expect(r.objects[0]!.text).toBe('<img src=x onerror=alert(1)> \u202e');
    expect(dec(r.objects[0]!.payload)).toBe(record);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
