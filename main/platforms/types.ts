/**
 * Shared shapes of the platform clients. The clients are the only code that talks to Facebook and
 * X; everything they return carries the exact bytes the platform sent, because the archive keeps
 * those bytes, not our re-serialisation of them.
 */
import type { PlatformKey } from '../archive/types';

export type { PlatformKey };

/** Supplies the current access token; wired to the OS keychain by main/electron. */
export interface TokenProvider {
  token(): Promise<string>;
}

/** Time, injected so tests can step through backoff without waiting for real seconds. */
export interface Clock {
  now(): number;
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface WaitEvent {
  platform: PlatformKey;
  /** When the client will try again. */
  until: Date;
  /** Human-readable, shown as is in the UI ("X rate limit on GET /2/tweets/search/recent"). */
  reason: string;
  kind: 'rate-limit' | 'retry';
}

export interface HttpOptions {
  fetch?: typeof fetch;
  clock?: Clock;
  /** Per attempt. */
  timeoutMs?: number;
  /** Retries after the first attempt for transient failures (5xx, network, timeout). */
  maxRetries?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  /** A rate-limit wait longer than this is not slept through: RateLimitedError is thrown instead. */
  maxRateLimitWaitMs?: number;
  /** How many times one call may wait for a rate limit before giving up. */
  maxRateLimitWaits?: number;
  onWait?: (event: WaitEvent) => void;
  /** For backoff jitter; injectable so tests are deterministic. */
  random?: () => number;
  userAgent?: string;
}

/** One object as the platform sent it: parsed value plus the exact byte slice of the response. */
export interface Fetched<T> {
  value: T;
  raw: Uint8Array;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, Math.max(0, ms));
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(signal?.reason);
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};
