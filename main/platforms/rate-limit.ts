/**
 * Reads the platforms' rate-limit headers into one question: may we send now, and if not, when?
 * Graph reports usage as JSON percentages (X-App-Usage for app/user tokens, X-Business-Use-Case-Usage
 * for Page tokens, with minutes until access returns); X reports a per-endpoint counter and an
 * epoch-seconds reset time.
 */
import { z } from 'zod';

export interface RateInfo {
  /** Epoch ms before which this endpoint (or app) should not be called again. */
  blockedUntil?: number;
  reason?: string;
  /** Highest usage percentage reported, for display. */
  usagePercent?: number;
}

/** Graph gives no reset time for platform (app) limits; the window rolls over one hour. */
export const GRAPH_DEFAULT_WAIT_MS = 60_000;
export const X_DEFAULT_WAIT_MS = 60_000;

const usageSchema = z.looseObject({
  call_count: z.number().optional(),
  total_cputime: z.number().optional(),
  total_time: z.number().optional(),
  estimated_time_to_regain_access: z.number().optional(),
});
const bucSchema = z.record(z.string(), z.array(usageSchema));

function parseHeaderJson(value: string | null): unknown {
  if (!value) return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return undefined; // a garbled advisory header must not fail a good response
  }
}

const maxPct = (u: z.infer<typeof usageSchema>): number =>
  Math.max(u.call_count ?? 0, u.total_cputime ?? 0, u.total_time ?? 0);

/** Retry-After as seconds or HTTP date. */
export function retryAfterMs(headers: Headers, now: number): number | undefined {
  const v = headers.get('retry-after');
  if (!v) return undefined;
  const secs = Number(v);
  if (Number.isFinite(secs)) return now + Math.max(0, secs) * 1000;
  const at = Date.parse(v);
  return Number.isNaN(at) ? undefined : at;
}

export function graphRateInfo(headers: Headers, now: number): RateInfo {
  let usagePercent: number | undefined;
  let blockedUntil: number | undefined;
  let reason: string | undefined;
  const block = (until: number, why: string): void => {
    if (blockedUntil === undefined || until > blockedUntil) {
      blockedUntil = until;
      reason = why;
    }
  };

  for (const name of ['x-app-usage', 'x-page-usage', 'x-ad-account-usage']) {
    const parsed = usageSchema.safeParse(parseHeaderJson(headers.get(name)));
    if (!parsed.success) continue;
    const pct = maxPct(parsed.data);
    usagePercent = Math.max(usagePercent ?? 0, pct);
    if (pct >= 100) block(now + GRAPH_DEFAULT_WAIT_MS, `Facebook ${name} at ${pct}%`);
  }

  const buc = bucSchema.safeParse(parseHeaderJson(headers.get('x-business-use-case-usage')));
  if (buc.success) {
    for (const entries of Object.values(buc.data)) {
      for (const u of entries) {
        const pct = maxPct(u);
        usagePercent = Math.max(usagePercent ?? 0, pct);
        const minutes = u.estimated_time_to_regain_access ?? 0;
        if (pct >= 100 || minutes > 0) {
          block(now + Math.max(minutes * 60_000, minutes > 0 ? 0 : GRAPH_DEFAULT_WAIT_MS), `Facebook Page usage at ${pct}%`);
        }
      }
    }
  }
  return { blockedUntil, reason, usagePercent };
}

export function xRateInfo(headers: Headers, _now: number): RateInfo {
  const limit = Number(headers.get('x-rate-limit-limit'));
  const remaining = headers.get('x-rate-limit-remaining');
  const reset = Number(headers.get('x-rate-limit-reset'));
  if (remaining === null) return {};
  const left = Number(remaining);
  const usagePercent = limit > 0 && Number.isFinite(left) ? Math.round(((limit - left) / limit) * 100) : undefined;
  if (left <= 0 && Number.isFinite(reset) && reset > 0) {
    return { blockedUntil: reset * 1000, reason: `X request limit of ${limit || '?'} used up`, usagePercent };
  }
  return { usagePercent };
}

/** When a rejected (429) X call may be repeated. */
export function xRetryAt(headers: Headers, now: number): number {
  const reset = Number(headers.get('x-rate-limit-reset'));
  if (Number.isFinite(reset) && reset * 1000 > now) return reset * 1000;
  return retryAfterMs(headers, now) ?? now + X_DEFAULT_WAIT_MS;
}

/** When a rejected Graph call (codes 4, 17, 32, 613, 80001+) may be repeated. */
export function graphRetryAt(headers: Headers, now: number): number {
  const info = graphRateInfo(headers, now);
  return info.blockedUntil ?? retryAfterMs(headers, now) ?? now + GRAPH_DEFAULT_WAIT_MS;
}
