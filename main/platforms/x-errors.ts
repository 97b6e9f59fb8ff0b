/**
 * Maps X API v2 failures to typed PlatformErrors. X answers errors with RFC 7807 problem details
 * `{title, detail, type, status}`; validation failures add `errors[]`; and a 200 may carry partial
 * `errors[]` next to `data` (a deleted referenced post, a suspended author), which we surface.
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
import { parseJsonBytes } from './json-slices';
import { xRetryAt } from './rate-limit';

/** One entry of a partial `errors[]` in a successful X response. */
export const xProblemSchema = z.looseObject({
  title: z.string().optional(),
  detail: z.string().optional(),
  type: z.string().optional(),
  status: z.number().optional(),
  value: z.string().optional(),
  resource_type: z.string().optional(),
  resource_id: z.string().optional(),
  parameter: z.string().optional(),
  message: z.string().optional(),
});
export type XProblem = z.infer<typeof xProblemSchema>;

const problemBodySchema = z.looseObject({
  title: z.string().optional(),
  detail: z.string().optional(),
  type: z.string().optional(),
  status: z.number().optional(),
  errors: z.array(xProblemSchema).optional(),
});

export const X_NOT_FOUND_TYPE = 'https://api.twitter.com/2/problems/resource-not-found';

export function classifyXError(status: number, headers: Headers, bytes: Uint8Array, now: number): PlatformError {
  const traceId = headers.get('x-transaction-id') ?? undefined;
  let body: z.infer<typeof problemBodySchema> = {};
  try {
    const parsed = problemBodySchema.safeParse(parseJsonBytes(bytes));
    if (parsed.success) body = parsed.data;
  } catch {
    if (status < 500 && status !== 429 && status !== 401) {
      return new InvalidResponseError({ platform: 'x', status, traceId }, `HTTP ${status} with a body that is not JSON`);
    }
  }
  const firstError = body.errors?.[0];
  const info: PlatformErrorInfo = {
    platform: 'x',
    status,
    code: body.type,
    traceId,
    detail: body.detail ?? firstError?.message ?? firstError?.detail ?? body.title,
  };
  if (status === 429) return new RateLimitedError(info, new Date(xRetryAt(headers, now)));
  if (status === 401) return new TokenExpiredError(info);
  // X answers a duplicate post with 403, but it is a content problem, not a missing permission.
  if (status === 403 && /duplicate content/i.test(info.detail ?? '')) return new InvalidRequestError(info);
  if (status === 403) return new PermissionError(info, body.type?.includes('client-forbidden') ? 'a higher X API access level' : undefined);
  if (status === 404 || body.type === X_NOT_FOUND_TYPE) return new NotFoundError(info);
  if (status >= 500) return new TransientError(info, `Server error ${status}`);
  return new InvalidRequestError(info);
}

/** A 200 whose only content is a not-found problem: X's way of saying a single object is gone. */
export function notFoundFromPartial(errors: XProblem[], status: number): PlatformError | null {
  const nf = errors.find((e) => e.type === X_NOT_FOUND_TYPE);
  if (!nf) return null;
  return new NotFoundError({ platform: 'x', status, code: nf.type, detail: nf.detail }, nf.resource_type ? `The ${nf.resource_type} ${nf.resource_id ?? ''}`.trim() : undefined);
}
