/** Shared set-up for the platform tests: a real simulator on 127.0.0.1 and clients pointed at it. */
import { FacebookClient, type FacebookClientOptions } from '../../main/platforms/facebook-client';
import type { Clock, HttpOptions, WaitEvent } from '../../main/platforms/types';
import { XClient, type XClientOptions } from '../../main/platforms/x-client';
import { type Simulator, startSimulator } from '../../main/simulator';

/**
 * A clock whose sleeps return at once but move its time forward, so backoff and rate-limit waits
 * are observable (and the server's real reset times are honoured) without the test waiting.
 */
export function steppingClock(): { clock: Clock; sleeps: number[]; waits: WaitEvent[]; onWait: (e: WaitEvent) => void } {
  let offset = 0;
  const sleeps: number[] = [];
  const waits: WaitEvent[] = [];
  return {
    clock: {
      now: () => Date.now() + offset,
      sleep: async (ms) => {
        sleeps.push(ms);
        offset += ms;
      },
    },
    sleeps,
    waits,
    onWait: (e) => waits.push(e),
  };
}

export const decode = (b: Uint8Array): string => new TextDecoder().decode(b);

export function fbClient(sim: Simulator, opts: Partial<FacebookClientOptions> & { http?: HttpOptions } = {}): FacebookClient {
  return new FacebookClient({
    pageId: sim.facebookPageId,
    baseUrl: sim.facebookBaseUrl,
    tokens: { token: async () => sim.tokens.facebookPage },
    ...opts,
  });
}

export function xClient(sim: Simulator, opts: Partial<XClientOptions> = {}): XClient {
  return new XClient({
    userId: sim.xUserId,
    baseUrl: sim.xBaseUrl,
    tokens: { token: async () => sim.tokens.xUser },
    ...opts,
  });
}

export async function withSimulator(): Promise<Simulator> {
  return startSimulator({ seed: 7 });
}

export function named(sim: Simulator, key: string): string {
  const id = sim.control.snapshot().named[key];
  if (!id) throw new Error(`no seeded item named ${key}`);
  return id;
}
