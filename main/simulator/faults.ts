/**
 * Fault injection: scripted failures for tests and for rehearsing outages in the demo. A queued
 * failure replaces the next matching response; rate-limit mode makes the platform answer with
 * its own throttling error and headers.
 */
import type { PlatformKey } from '../archive/types';

export interface FailSpec {
  status?: number;
  /** A string is sent byte for byte (e.g. broken JSON); anything else is JSON-encoded. */
  body?: unknown;
  headers?: Record<string, string>;
  /** Only requests to this platform (default: any). */
  platform?: PlatformKey;
  /** Only requests whose path contains this (default: any). */
  pathIncludes?: string;
  /** How many matching requests fail (default 1). */
  times?: number;
  /** 'reset' drops the connection with no response; 'hang' never answers (client timeout). */
  network?: 'reset' | 'hang';
  /** Delay before answering, in ms. */
  delayMs?: number;
}

export interface RateLimitSpec {
  platform: PlatformKey;
  /** How many requests are rejected with the platform's rate-limit error (default 1). */
  reject?: number;
  /** When access returns, in seconds from now (default 60). */
  resetInSeconds?: number;
  /** Instead of rejecting, let the next response succeed but report the quota as used up. */
  exhaustHeaders?: boolean;
}

interface RateState {
  reject: number;
  exhaust: boolean;
  resetAtMs: number;
}

export class Faults {
  private queue: Array<FailSpec & { times: number }> = [];
  private readonly rate = new Map<PlatformKey, RateState>();

  failNext(spec: FailSpec): void {
    this.queue.push({ ...spec, times: spec.times ?? 1 });
  }

  /** The failure to apply to this request, if one is queued for it. */
  take(platform: PlatformKey | 'cdn', path: string): FailSpec | null {
    const i = this.queue.findIndex((f) => (!f.platform || f.platform === platform) && (!f.pathIncludes || path.includes(f.pathIncludes)));
    if (i < 0) return null;
    const f = this.queue[i];
    if (!f) return null;
    f.times--;
    if (f.times <= 0) this.queue.splice(i, 1);
    return f;
  }

  rateLimit(spec: RateLimitSpec, nowMs: number): void {
    this.rate.set(spec.platform, {
      reject: spec.exhaustHeaders ? 0 : (spec.reject ?? 1),
      exhaust: spec.exhaustHeaders ?? false,
      resetAtMs: nowMs + (spec.resetInSeconds ?? 60) * 1000,
    });
  }

  /** Non-null when this request must be refused as throttled. */
  takeRejection(platform: PlatformKey): { resetAtMs: number } | null {
    const r = this.rate.get(platform);
    if (!r || r.reject <= 0) return null;
    r.reject--;
    if (r.reject <= 0 && !r.exhaust) this.rate.delete(platform);
    return { resetAtMs: r.resetAtMs };
  }

  /** Non-null (once) when this successful response must report the quota as used up. */
  takeExhaustion(platform: PlatformKey): { resetAtMs: number } | null {
    const r = this.rate.get(platform);
    if (!r?.exhaust) return null;
    this.rate.delete(platform);
    return { resetAtMs: r.resetAtMs };
  }

  clear(): void {
    this.queue = [];
    this.rate.clear();
  }
}
