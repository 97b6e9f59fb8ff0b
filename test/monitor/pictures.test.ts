/**
 * Pictures are compared by content. The simulator's timeline changes address and bytes together,
 * so here profile versions are archived directly (the real archive, as capture writes it) to pull
 * the two apart: the same picture at a new address, and a new picture at the same address.
 */
import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createArchive, type Archive } from '../../main/archive';
import { clearAlert, runChecksAfterCapture, type CheckReport } from '../../main/monitor';
import { CM, demoWorkspace, IT_DIRECTOR, type TestWorkspace } from '../helpers/workspace';
import { getSite } from '../../main/registry/site-read';

const FB = 1;
let t: TestWorkspace;
let archive: Archive;
let ms: number;
const clock = () => new Date((ms += 1000));

beforeEach(() => {
  t = demoWorkspace(new Date());
  ms = Date.now();
  archive = createArchive(t.ws.db, { now: clock });
});
afterEach(() => t.cleanup());

const png = (seed: number) => new Uint8Array([0x89, 0x50, 0x4e, 0x47, seed, seed + 1, seed + 2]);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

interface Pictures { pictureUrl: string | null; picture: Uint8Array | null; coverUrl: string; cover: Uint8Array; fans: number }

/** One capture run of the Page's profile, as site-capture archives it. */
async function captureProfile(p: Pictures): Promise<CheckReport> {
  const payload = {
    id: '100200300', name: 'City of Kalispell, Montana', about: 'Official page.', website: 'https://www.kalispell.example', fan_count: p.fans,
    picture: { data: p.picture ? { url: p.pictureUrl, is_silhouette: false } : { url: 'https://cdn.example/silhouette.png', is_silhouette: true } },
    cover: { source: p.coverUrl },
  };
  const media = [
    ...(p.picture && p.pictureUrl ? [{ bytes: p.picture, mediaType: 'image/png', sourceUrl: p.pictureUrl }] : []),
    { bytes: p.cover, mediaType: 'image/png', sourceUrl: p.coverUrl },
  ];
  const run = archive.startRun({ siteId: FB, scope: 'site', source: 'api' });
  archive.ingest(FB, [{ platform: 'facebook', kind: 'profile', externalId: 'profile', payload: new TextEncoder().encode(JSON.stringify(payload)), contentType: 'application/json', media }], 'api', { runId: run.runId });
  archive.finishRun(run.runId, { status: 'succeeded' });
  return runChecksAfterCapture(t.ws, { siteId: FB, now: clock });
}

const base: Pictures = {
  pictureUrl: 'https://cdn.example/p/1.png?sig=a', picture: png(1), coverUrl: 'https://cdn.example/c/1.png?sig=a', cover: png(50), fans: 1,
};

describe('vandalism watch: pictures by content', () => {
  it('[SEC-7] the same picture at a new address raises nothing; a new picture at the same address raises an alert', async () => {
    expect((await captureProfile(base)).raised).toEqual([]);
    // Facebook signs picture addresses afresh: new address, same bytes (and a new follower count).
    const moved = await captureProfile({ ...base, pictureUrl: 'https://cdn.example/p/1.png?sig=b', coverUrl: 'https://cdn.example/c/1.png?sig=b', fans: 2 });
    expect(moved.raised).toEqual([]);
    expect(getSite(t.as(CM), FB).status).toBe('active');

    const swapped = await captureProfile({ ...base, pictureUrl: 'https://cdn.example/p/1.png?sig=b', coverUrl: 'https://cdn.example/c/1.png?sig=b', picture: png(9), fans: 2 });
    expect(swapped.raised.map((a) => [a.kind, a.evidence.item])).toEqual([['picture_changed', 'picture']]);
    expect(swapped.raised[0]?.evidence).toMatchObject({ before: { sha256: sha(png(1)) }, after: { sha256: sha(png(9)) } });
    expect(swapped.siteStatus).toBe('suspended');
  });

  it('[SEC-7] a removed profile picture is altered graphics too', async () => {
    await captureProfile(base);
    const removed = await captureProfile({ ...base, picture: null, pictureUrl: null });
    expect(removed.raised.map((a) => a.summary)).toEqual(['The profile picture of City of Kalispell (Facebook) was removed.']);
    expect(removed.raised[0]?.evidence).toMatchObject({ before: { sha256: sha(png(1)) }, after: { sha256: null } });
  });

  it('[SEC-7] after the IT Director clears a picture alert, changing the picture again (even back) is a new alert', async () => {
    await captureProfile(base);
    const first = (await captureProfile({ ...base, cover: png(60) })).raised[0];
    expect(first?.evidence.item).toBe('cover');
    const cleared = clearAlert(t.as(IT_DIRECTOR), { alertId: first?.id ?? 0, note: 'Parks changed the cover for the summer programme; confirmed with them.' });
    expect(cleared).toMatchObject({ reactivated: true, siteStatus: 'active', openOnSite: 0 });
    // The new cover is approved now: capturing it again is quiet.
    expect((await captureProfile({ ...base, cover: png(60), fans: 3 })).raised).toEqual([]);
    const back = await captureProfile({ ...base, fans: 3 });
    expect(back.raised.map((a) => a.evidence)).toMatchObject([{ item: 'cover', before: { sha256: sha(png(60)) }, after: { sha256: sha(png(50)) } }]);
    expect(back.siteStatus).toBe('suspended');
  });

  it('[SEC-7] a picture whose download failed is not compared, and is not mistaken for a change', async () => {
    await captureProfile(base);
    const payload = { id: '100200300', name: 'City of Kalispell, Montana', about: 'Official page.', website: 'https://www.kalispell.example', fan_count: 9,
      picture: { data: { url: base.pictureUrl, is_silhouette: false } }, cover: { source: base.coverUrl } };
    const run = archive.startRun({ siteId: FB, scope: 'site', source: 'api' });
    archive.ingest(FB, [{ platform: 'facebook', kind: 'profile', externalId: 'profile', payload: new TextEncoder().encode(JSON.stringify(payload)), contentType: 'application/json',
      media: [{ bytes: base.cover, mediaType: 'image/png', sourceUrl: base.coverUrl }] }], 'api', { runId: run.runId });
    archive.finishRun(run.runId, { status: 'succeeded' });
    expect((await runChecksAfterCapture(t.ws, { siteId: FB, now: clock })).raised).toEqual([]);
  });
});
