import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InvalidResponseError, NotFoundError, TransientError } from '../../main/platforms/errors';
import { MediaDownloader } from '../../main/platforms/media';
import { type Simulator, startSimulator } from '../../main/simulator';
import { fbClient, steppingClock, withSimulator } from './helpers';

let sim: Simulator;
beforeEach(async () => {
  sim = await withSimulator();
});
afterEach(async () => {
  await sim.close();
});

describe('media download', () => {
  it('[REC-3] returns the exact served bytes and type, and sends no token to the CDN', async () => {
    const profile = await fbClient(sim).getPageProfile();
    const url = profile.value.picture?.data.url ?? '';
    const direct = new Uint8Array(await (await fetch(url)).arrayBuffer());
    const media = await new MediaDownloader('facebook').download(url);
    expect(media).toEqual({ bytes: direct, mediaType: 'image/png', sourceUrl: url });
  });

  it('refuses plain http to other hosts, non-image content and expired (404) CDN links', async () => {
    const dl = new MediaDownloader('facebook');
    await expect(dl.download('http://scontent.example/pic.png')).rejects.toBeInstanceOf(InvalidResponseError);
    await expect(dl.download('file:///etc/passwd')).rejects.toBeInstanceOf(InvalidResponseError);
    await expect(dl.download(`${sim.url}/cdn/missing.png`)).rejects.toBeInstanceOf(NotFoundError);
    sim.control.failNext({ status: 200, body: '<html>login</html>', headers: { 'content-type': 'text/html' }, pathIncludes: '/cdn/' });
    await expect(dl.download(`${sim.url}/cdn/fb-profile-1.png`)).rejects.toThrow(/served as "text\/html"/);
  });
});

describe('connection failures', () => {
  it('a publish that never reached the server (connection refused) is retried, then reported as transient', async () => {
    const gone = await startSimulator();
    const baseUrl = gone.facebookBaseUrl;
    const pageId = gone.facebookPageId;
    await gone.close();
    const t = steppingClock();
    const client = fbClient(sim, { baseUrl, pageId, http: { clock: t.clock, onWait: t.onWait, maxRetries: 2 } });
    const e = await client.publishPost({ message: 'x' }).catch((err: unknown) => err);
    expect(e).toBeInstanceOf(TransientError);
    expect(t.waits).toHaveLength(2);
  });

  it('a failing token provider (keychain locked) is reported as is and nothing is sent', async () => {
    const client = fbClient(sim, { tokens: { token: () => Promise.reject(new Error('keychain is locked')) } });
    await expect(client.getPageProfile()).rejects.toThrow('keychain is locked');
    expect(sim.control.requests()).toHaveLength(0);
  });
});
