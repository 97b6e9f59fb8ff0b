/**
 * Maps a Graph API error body `{"error":{message,type,code,error_subcode,fbtrace_id,is_transient}}`
 * to a typed PlatformError, by the codes Meta documents in its error-handling guide.
 */
import { z } from 'zod';
import {
  InvalidRequestError,
  InvalidResponseError,
  NotFoundError,
  PermissionError,
  type PlatformError,
  type PlatformErrorInfo,
  RateLimitedError,
  TokenExpiredError,
  TransientError,
} from './errors';
import { JsonSliceError, parseJsonBytes } from './json-slices';
import { graphRetryAt } from './rate-limit';

export const graphErrorSchema = z.object({
  error: z.looseObject({
    message: z.string().optional(),
    type: z.string().optional(),
    code: z.number().optional(),
    error_subcode: z.number().optional(),
    error_user_msg: z.string().optional(),
    fbtrace_id: z.string().optional(),
    is_transient: z.boolean().optional(),
  }),
});

/** Codes that mean "throttled": app (4), user (17), page (32), custom (613), business use case (80001+). */
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613, 341]);
const isBucRateLimit = (code: number): boolean => code >= 80001 && code <= 80099;
/** Token missing (104), invalid or expired; the subcodes refine why (458 app removed, 460 password changed, 463 expired...). */
const TOKEN_CODES = new Set([190, 102, 104]);

export function classifyGraphError(status: number, headers: Headers, bytes: Uint8Array, now: number): PlatformError {
  let body: unknown;
  try {
    body = parseJsonBytes(bytes);
  } catch (e) {
    const info: PlatformErrorInfo = { platform: 'facebook', status, detail: (e as JsonSliceError).message };
    return status >= 500 ? new TransientError(info, `Server error ${status}`) : new InvalidResponseError(info, `HTTP ${status} with a body that is not JSON`);
  }
  const parsed = graphErrorSchema.safeParse(body);
  if (!parsed.success) {
    const info: PlatformErrorInfo = { platform: 'facebook', status };
    if (status >= 500) return new TransientError(info, `Server error ${status}`);
    if (status === 404) return new NotFoundError(info);
    return new InvalidResponseError(info, `HTTP ${status} without a Graph error object`);
  }
  const e = parsed.data.error;
  const code = e.code ?? 0;
  const info: PlatformErrorInfo = {
    platform: 'facebook',
    status,
    code,
    subcode: e.error_subcode,
    traceId: e.fbtrace_id,
    detail: e.error_user_msg ?? e.message,
  };
  if (RATE_LIMIT_CODES.has(code) || isBucRateLimit(code)) {
    return new RateLimitedError(info, new Date(graphRetryAt(headers, now)));
  }
  if (TOKEN_CODES.has(code) || (e.type === 'OAuthException' && code === 0)) return new TokenExpiredError(info);
  if (code === 10 || code === 3 || (code >= 200 && code <= 299)) return new PermissionError(info, permissionHint(e.message));
  if (code === 368) return new PermissionError(info, 'Facebook lifting a temporary block on this action');
  // 100/33: "Object with ID ... does not exist"; 803: unknown alias.
  if ((code === 100 && e.error_subcode === 33) || code === 803 || status === 404) return new NotFoundError(info);
  if (e.is_transient === true || code === 1 || code === 2 || status >= 500) {
    return new TransientError(info, `Facebook reported a temporary problem (code ${code})`);
  }
  return new InvalidRequestError(info);
}

function permissionHint(message: string | undefined): string | undefined {
  const m = message?.match(/\b(pages_[a-z_]+|publish_[a-z_]+|business_management)\b/);
  return m ? `the ${m[1]} permission` : undefined;
}
