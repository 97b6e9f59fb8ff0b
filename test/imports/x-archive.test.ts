import { afterEach, describe, expect, it } from 'vitest';
import type { CapturedObject } from '../../main/archive/types';
import { readXArchive, type ParsedArchive } from '../../main/imports';
import { cleanupTemp, dec, enc, expectPayloadsAreSlices, fixture, fixtureFiles, readFixture, writeTree, writeZip } from './helpers';

afterEach(cleanupTemp);

const count = (objects: CapturedObject[], kind: CapturedObject['kind']) => objects.filter((o) => o.kind === kind).length;

function summary(r: ParsedArchive) {
  return { post: count(r.objects, 'post'), reply: count(r.objects, 'reply'), profile: count(r.objects, 'profile'), followers: count(r.objects, 'followers'), deleted: r.deleted.length };
}

describe('readXArchive on real archives', () => {
  it('[REC-2] captures every post, reply, profile and follower list in each fixture', async () => {
    const expected: Record<string, ReturnType<typeof summary>> = {
      'x-mrled-twarchive': { post: 2, reply: 0, profile: 1, followers: 0, deleted: 0 },
      'x-darkliquid-twoo': { post: 5, reply: 23, profile: 0, followers: 0, deleted: 0 },
      'x-lumeninferius-archive': { post: 13, reply: 9, profile: 1, followers: 1, deleted: 0 },
      'x-larsbrinkhoff-archive': { post: 1, reply: 2, profile: 1, followers: 0, deleted: 25 },
      'x-ajitg25-archive': { post: 13, reply: 322, profile: 0, followers: 0, deleted: 2 },
      'x-pattiereaves-archive': { post: 0, reply: 0, profile: 0, followers: 0, deleted: 1 },
    };
    for (const [name, want] of Object.entries(expected)) expect(summary(await readXArchive(fixture(name))), name).toEqual(want);
  });

  it('[REC-2] keeps the follower list as one record holding all 463 followers', async () => {
    const r = await readXArchive(fixture('x-lumeninferius-archive'));
    const followers = r.objects.filter((o) => o.kind === 'followers');
    expect(followers).toHaveLength(1);
    const list = JSON.parse(dec(followers[0]!.payload)) as { follower: { accountId: string } }[];
    expect(list).toHaveLength(463);
    expect(list[0]!.follower.accountId).toBe('4748197419');
    expect(followers[0]).toMatchObject({ platform: 'x', externalId: 'followers', author: 'LumenInferius', contentType: 'application/json' });
  });

  it('[REC-3] each tweet payload is the exact bytes of its element in tweets.js, in file order', async () => {
    for (const [dir, file] of [['x-ajitg25-archive', 'tweets.js'], ['x-lumeninferius-archive', 'tweet.js'], ['x-mrled-twarchive', 'tweet.js'], ['x-darkliquid-twoo', 'tweets.js']] as const) {
      const bytes = await readFixture(dir, 'data', file);
      const r = await readXArchive(fixture(dir));
      const tweets = r.objects.filter((o) => o.kind === 'post' || o.kind === 'reply');
      expectPayloadsAreSlices(bytes, tweets.map((t) => t.payload));
      const first = tweets[0]!.payload;
      expect(dec(first).startsWith('{')).toBe(true);
      expect(dec(first).endsWith('}')).toBe(true);
    }
  });

  it('[REC-3] the follower payload is the file from "[" to the end, and profile/deleted payloads are slices', async () => {
    const followers = await readFixture('x-lumeninferius-archive', 'data', 'follower.js');
    const r = await readXArchive(fixture('x-lumeninferius-archive'));
    const payload = r.objects.find((o) => o.kind === 'followers')!.payload;
    expect(payload).toEqual(followers.subarray('window.YTD.follower.part0 = '.length));
    const profile = await readFixture('x-lumeninferius-archive', 'data', 'profile.js');
    expect(r.objects.find((o) => o.kind === 'profile')!.payload).toEqual(profile.subarray('window.YTD.profile.part0 = [ '.length, profile.length - 2));
    const lars = await readXArchive(fixture('x-larsbrinkhoff-archive'));
    expectPayloadsAreSlices(await readFixture('x-larsbrinkhoff-archive', 'data', 'deleted-tweets.js'), lars.deleted.map((d) => d.object.payload));
  });

  it('maps tweet fields: id, ISO created_at, full text, reply parent, author', async () => {
    const r = await readXArchive(fixture('x-mrled-twarchive'));
    expect(r.account).toEqual({ handle: 'mrled', name: 'Micah R Ledbetter /mɹ̩ˈled/', id: '35010911' });
    expect(r.objects[0]).toMatchObject({
      platform: 'x',
      kind: 'post',
      externalId: '254848497235398656',
      parentExternalId: null,
      author: 'mrled',
      createdAt: '2012-10-07T07:39:51.000Z',
      text: 'RT @nostrich: 2012 is about correcting the typo on the 3 different social networks you cross-posted to.',
      contentType: 'application/json',
    });
    const ajit = await readXArchive(fixture('x-ajitg25-archive'));
    const reply = ajit.objects.find((o) => o.externalId === '1995740666526322923')!;
    expect(reply).toMatchObject({ kind: 'reply', parentExternalId: '1995437215418327043', text: "@BrianSsaga Let's connect ☺️", author: 'ranigupta_20' });
  });

  it('uses note-tweet.js for the full text of a long post, keeping the tweets.js bytes as payload', async () => {
    const r = await readXArchive(fixture('x-ajitg25-archive'));
    const long = r.objects.find((o) => o.externalId === '1995717789903192574')!;
    expect(long.text).toMatch(/^@BeautyofIndia9 Banaras, a holy city/);
    expect(long.text).toMatch(/and the beautiful Ganga Aarti\.🙏$/);
    expect(dec(long.payload)).toContain('and the…');
  });

  it('flags deleted tweets separately with their deleted_at', async () => {
    const pattie = await readXArchive(fixture('x-pattiereaves-archive'));
    expect(pattie.objects).toEqual([]);
    expect(pattie.deleted[0]!.deletedAt).toBe('2024-11-22T22:57:27.000Z');
    expect(pattie.deleted[0]!.object).toMatchObject({ externalId: '1299539285318672391', kind: 'post', createdAt: '2020-08-29T02:48:04.000Z' });
    const lars = await readXArchive(fixture('x-larsbrinkhoff-archive'));
    expect(lars.deleted.filter((d) => d.object.kind === 'reply')).toHaveLength(11);
    expect(lars.deleted.every((d) => d.deletedAt !== null)).toBe(true);
    expect(lars.files).toEqual(['data/community-tweet.js', 'data/deleted-tweets.js', 'data/manifest.js', 'data/note-tweet.js', 'data/profile.js']);
  });

  it('reads the same archive from a zip as from its folder', async () => {
    const files = await fixtureFiles('x-lumeninferius-archive');
    const fromFolder = await readXArchive(fixture('x-lumeninferius-archive'));
    expect(await readXArchive(await writeZip(files))).toEqual(fromFolder);
    const wrapped = new Map([...files].map(([name, bytes]) => [`twitter-2020-04-03/${name}`, bytes]));
    expect((await readXArchive(await writeZip(wrapped))).objects).toEqual(fromFolder.objects);
  });

  it('reads tweets-part1.js style parts in part order', async () => {
    const whole = await readFixture('x-mrled-twarchive', 'data', 'tweet.js');
    const text = dec(whole);
    const split = text.indexOf('},\n  {') + 1;
    const part0 = `${text.slice(0, split)}\n]`;
    const part1 = `window.YTD.tweets.part1 = [${text.slice(split + 1)}`;
    const dir = await writeTree({ 'data/tweets-part1.js': part1, 'data/tweets.js': part0.replace('YTD.tweet.', 'YTD.tweets.') });
    const r = await readXArchive(dir);
    expect(r.objects.map((o) => o.externalId)).toEqual((await readXArchive(fixture('x-mrled-twarchive'))).objects.filter((o) => o.kind === 'post').map((o) => o.externalId));
    expect(r.files).toEqual(['data/tweets-part1.js', 'data/tweets.js']);
  });

  it('accepts the unwrapped 2019 layout and undoes X HTML escaping in the search text only', async () => {
    const record = '{"id_str":"1","created_at":"Wed Jan 02 03:04:05 -0130 2019","full_text":"Q&amp;A &lt;today&gt; &amp;lt;"}';
    const r = await readXArchive(await writeTree({ 'data/tweet.js': `window.YTD.tweet.part0 = [ ${record} ]` }));
    expect(r.objects[0]).toMatchObject({ externalId: '1', createdAt: '2019-01-02T04:34:05.000Z', text: 'Q&A <today> &lt;' });
    expect(dec(r.objects[0]!.payload)).toBe(record);
  });

  it('attaches tweet media files from tweets_media with their source URL', async () => {
    const tweet = {
      tweet: {
        id_str: '42',
        created_at: 'Sat Jan 25 18:01:09 +0000 2020',
        full_text: 'photo',
        extended_entities: { media: [{ media_url_https: 'https://pbs.twimg.com/media/AbC.jpg' }] },
      },
    };
    const photo = enc('jpeg bytes');
    const dir = await writeTree({
      'data/tweets.js': `window.YTD.tweets.part0 = [${JSON.stringify(tweet)}]`,
      'data/tweets_media/42-AbC.jpg': photo,
      'data/tweets_media/43-other.jpg': enc('not ours'),
    });
    const r = await readXArchive(dir);
    expect(r.objects[0]!.media).toEqual([{ bytes: photo, mediaType: 'image/jpeg', sourceUrl: 'https://pbs.twimg.com/media/AbC.jpg' }]);
    expect(r.files).toEqual(['data/tweets.js', 'data/tweets_media/42-AbC.jpg']);
  });
});
