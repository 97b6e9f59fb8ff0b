import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphDialect } from '../../main/platforms/facebook-client';
import { PlatformHttp } from '../../main/platforms/http';
import { MessagingRefusedError } from '../../main/platforms/messaging-guard';
import { xDialect } from '../../main/platforms/x-client';
import { startSimulator, type Simulator } from '../../main/simulator';

let sim: Simulator;
beforeAll(async () => { sim = await startSimulator({ seed: 2 }); });
afterAll(async () => { await sim.close(); });

describe('no instant messaging', () => {
  it('[SEC-9] refuses Messenger and X direct-message endpoints before anything is sent', async () => {
    const fb = new PlatformHttp(graphDialect, { token: async () => sim.tokens.facebookPage });
    const x = new PlatformHttp(xDialect, { token: async () => sim.tokens.xUser });
    const before = sim.control.requests().length;
    const attempts: [PlatformHttp, string][] = [
      [fb, `${sim.facebookBaseUrl}/${sim.facebookPageId}/conversations`],
      [fb, `${sim.facebookBaseUrl}/me/messages`],
      [fb, `${sim.facebookBaseUrl}/t_123/messages?fields=message`],
      [x, `${sim.xBaseUrl}/dm_conversations/with/123/messages`],
      [x, `${sim.xBaseUrl}/dm_events`],
    ];
    for (const [http, url] of attempts) {
      await expect(http.send({ method: 'GET', url: new URL(url), action: 'read messages' })).rejects.toBeInstanceOf(MessagingRefusedError);
    }
    expect(sim.control.requests().length).toBe(before);
    // Ordinary endpoints still go out.
    const page = await fb.send({ method: 'GET', url: new URL(`${sim.facebookBaseUrl}/${sim.facebookPageId}`), action: 'read the page' });
    expect(page.status).toBe(200);
    expect(sim.control.requests().length).toBe(before + 1);
  });
});
