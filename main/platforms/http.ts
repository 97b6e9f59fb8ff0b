/**
 * The one place requests leave the app. It adds the token, times each attempt out, waits out rate
 * limits (announcing every wait through onWait so the UI can show it, never dropping a call
 * silently), and retries transient failures with backoff: but only for calls that are safe to
 * repeat, so a flaky network can never publish the same post twice.
 */
import {
  InvalidResponseError,
  PlatformError,
  platformName,
  RateLimitedError,
  TransientError,
  UncertainOutcomeError,
} from './errors';
import { refuseMessaging } from './messaging-guard';
import type { RateInfo } from './rate-limit';
import { type Clock, type HttpOptions, type PlatformKey, systemClock, type TokenProvider, type WaitEvent } from './types';

export interface Dialect {
  platform: PlatformKey;
  authorize(headers: Headers, token: string): void;
  rateInfo(headers: Headers, now: number): RateInfo;
  classify(status: number, headers: Headers, bytes: Uint8Array, now: number): PlatformError;
  /** Which calls share a limit: Graph throttles per app/Page, X per endpoint. */
  gateKey(method: string, url: URL): string;
}

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'DELETE';

export interface SendRequest {
  method: HttpMethod;
  url: URL;
  body?: string | FormData | URLSearchParams;
  headers?: Record<string, string>;
  /** Safe to send again when the outcome of an attempt is unknown. Defaults to true except for POST. */
  idempotent?: boolean;
  /** What the call does, in words for error messages: "publish a post". */
  action: string;
  /** Send the token (false for public CDN downloads). */
  auth?: boolean;
  signal?: AbortSignal;
  /** Refuse bodies larger than this (bytes). */
  maxBytes?: number;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  bytes: Uint8Array;
  url: string;
}

const DEFAULTS = {
  timeoutMs: 20_000,
  maxRetries: 3,
  backoffBaseMs: 500,
  backoffMaxMs: 30_000,
  maxRateLimitWaitMs: 15 * 60_000,
  maxRateLimitWaits: 3,
  maxBytes: 50 * 1024 * 1024,
};

export class PlatformHttp {
  private readonly gates = new Map<string, { until: number; reason: string }>();
  private readonly clock: Clock;
  private readonly fetchFn: typeof fetch;
  private readonly opts: Required<Pick<HttpOptions, 'timeoutMs' | 'maxRetries' | 'backoffBaseMs' | 'backoffMaxMs' | 'maxRateLimitWaitMs' | 'maxRateLimitWaits'>>;

  constructor(
    private readonly dialect: Dialect,
    private readonly tokens: TokenProvider | null,
    private readonly options: HttpOptions = {},
  ) {
    this.clock = options.clock ?? systemClock;
    this.fetchFn = options.fetch ?? fetch;
    this.opts = {
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      maxRetries: options.maxRetries ?? DEFAULTS.maxRetries,
      backoffBaseMs: options.backoffBaseMs ?? DEFAULTS.backoffBaseMs,
      backoffMaxMs: options.backoffMaxMs ?? DEFAULTS.backoffMaxMs,
      maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? DEFAULTS.maxRateLimitWaitMs,
      maxRateLimitWaits: options.maxRateLimitWaits ?? DEFAULTS.maxRateLimitWaits,
    };
  }

  get platform(): PlatformKey {
    return this.dialect.platform;
  }

  async send(req: SendRequest): Promise<RawResponse> {
    refuseMessaging(this.platform, req.url);
    const key = this.dialect.gateKey(req.method, req.url);
    const idempotent = req.idempotent ?? req.method !== 'POST';
    let transientFailures = 0;
    let rateWaits = 0;
    for (;;) {
      await this.passGate(key, req, () => rateWaits++);
      // Fetched per attempt: a token refreshed in the keychain during a long wait is picked up.
      const token = req.auth === false ? null : await this.requireTokens().token();
      let res: RawResponse;
      try {
        res = await this.attempt(req, token);
      } catch (cause) {
        if (req.signal?.aborted || cause instanceof PlatformError) throw cause;
        const what = isTimeout(cause) ? `No answer within ${this.opts.timeoutMs / 1000} s` : 'The network connection failed';
        const info = { platform: this.platform, detail: describe(cause), cause };
        if (!idempotent && !neverSent(cause)) throw new UncertainOutcomeError(info, req.action);
        if (transientFailures >= this.opts.maxRetries) throw new TransientError(info, what);
        await this.backoff(++transientFailures, `${what} (${req.action})`, undefined, req.signal);
        continue;
      }
      const now = this.clock.now();
      const rate = this.dialect.rateInfo(res.headers, now);
      if (rate.blockedUntil !== undefined && rate.blockedUntil > now) {
        this.gates.set(key, { until: rate.blockedUntil, reason: rate.reason ?? 'rate limit' });
      }
      if (res.status >= 200 && res.status < 300) return res;

      const error = this.dialect.classify(res.status, res.headers, res.bytes, now);
      if (error instanceof RateLimitedError) {
        // The platform refused the call before doing it, so even a publish is safe to repeat.
        // At least a second, so a server that says "retry now" forever still counts against maxRateLimitWaits.
        this.gates.set(key, { until: Math.max(error.retryAt.getTime(), now + 1000), reason: error.detail ?? 'rate limit' });
        continue; // passGate waits (visibly) or throws when the wait is too long or too frequent
      }
      if (error instanceof TransientError) {
        if (!idempotent && res.status !== 503) {
          throw new UncertainOutcomeError({ platform: this.platform, status: res.status, code: error.code, traceId: error.traceId, detail: error.detail, cause: error }, req.action);
        }
        if (transientFailures >= this.opts.maxRetries) throw error;
        const retryAfter = res.headers.get('retry-after');
        await this.backoff(++transientFailures, `${platformName(this.platform)} server error ${res.status} (${req.action})`, retryAfter, req.signal);
        continue;
      }
      throw error;
    }
  }

  private async passGate(key: string, req: SendRequest, countWait: () => number): Promise<void> {
    const gate = this.gates.get(key);
    if (!gate) return;
    const now = this.clock.now();
    if (gate.until <= now) {
      this.gates.delete(key);
      return;
    }
    const info = { platform: this.platform, detail: gate.reason };
    if (gate.until - now > this.opts.maxRateLimitWaitMs || countWait() >= this.opts.maxRateLimitWaits) {
      throw new RateLimitedError(info, new Date(gate.until));
    }
    this.announce({
      platform: this.platform,
      until: new Date(gate.until),
      reason: `${platformName(this.platform)} rate limit (${gate.reason}); waiting to ${req.action}`,
      kind: 'rate-limit',
    });
    await this.clock.sleep(gate.until - now, req.signal);
    this.gates.delete(key);
  }

  private async backoff(attempt: number, reason: string, retryAfter: string | null | undefined, signal?: AbortSignal): Promise<void> {
    const random = this.options.random ?? Math.random;
    const exp = Math.min(this.opts.backoffMaxMs, this.opts.backoffBaseMs * 2 ** (attempt - 1));
    let delay = exp / 2 + (exp / 2) * random(); // "equal jitter": spreads retries, keeps a floor
    const ra = retryAfter ? Number(retryAfter) : NaN;
    if (Number.isFinite(ra)) delay = Math.max(delay, Math.min(ra * 1000, this.opts.backoffMaxMs));
    const until = this.clock.now() + delay;
    this.announce({ platform: this.platform, until: new Date(until), reason: `${reason}; retry ${attempt} of ${this.opts.maxRetries}`, kind: 'retry' });
    await this.clock.sleep(delay, signal);
  }

  private announce(event: WaitEvent): void {
    try {
      this.options.onWait?.(event);
    } catch {
      // A broken UI listener must not turn a wait into a failed capture.
    }
  }

  private requireTokens(): TokenProvider {
    if (!this.tokens) throw new Error(`No ${platformName(this.platform)} token provider is configured`);
    return this.tokens;
  }

  private async attempt(req: SendRequest, token: string | null): Promise<RawResponse> {
    const headers = new Headers(req.headers);
    if (!headers.has('accept')) headers.set('accept', 'application/json');
    if (this.options.userAgent) headers.set('user-agent', this.options.userAgent);
    if (token !== null) this.dialect.authorize(headers, token);
    const timeout = AbortSignal.timeout(this.opts.timeoutMs);
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const res = await this.fetchFn(req.url, { method: req.method, headers, body: req.body, signal, redirect: req.auth === false ? 'follow' : 'error' });
    const maxBytes = req.maxBytes ?? DEFAULTS.maxBytes;
    const declared = Number(res.headers.get('content-length'));
    const tooBig = (n: number): InvalidResponseError =>
      new InvalidResponseError({ platform: this.platform, status: res.status }, `a response of ${n} bytes, over the ${maxBytes}-byte limit`);
    if (Number.isFinite(declared) && declared > maxBytes) {
      await res.body?.cancel();
      throw tooBig(declared);
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.length > maxBytes) throw tooBig(bytes.length);
    return { status: res.status, headers: res.headers, bytes, url: res.url || req.url.toString() };
  }
}

function isTimeout(e: unknown): boolean {
  return e instanceof Error && (e.name === 'TimeoutError' || e.name === 'AbortError');
}

/** Failures that happen before any byte reaches the server, so even a publish may be repeated. */
function neverSent(e: unknown): boolean {
  const code = e instanceof Error && e.cause && typeof e.cause === 'object' && 'code' in e.cause ? String(e.cause.code) : '';
  return ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes(code);
}

function describe(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
  return `${e.message}${cause}`;
}
