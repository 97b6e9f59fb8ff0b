/**
 * Typed platform failures. Each message tells the Communications Manager (or the IT Director) what
 * to do next; the platform's own words are kept in `detail` for support tickets.
 */
import type { PlatformKey } from './types';

export interface PlatformErrorInfo {
  platform: PlatformKey;
  /** HTTP status, when a response arrived. */
  status?: number;
  /** Graph `error.code` or X problem `type`. */
  code?: number | string;
  subcode?: number;
  /** Graph `fbtrace_id` or X `x-transaction-id`, for reports to the platform. */
  traceId?: string;
  /** The platform's own message, verbatim. */
  detail?: string;
  cause?: unknown;
}

export const platformName = (p: PlatformKey): string => (p === 'facebook' ? 'Facebook' : 'X');

export abstract class PlatformError extends Error {
  readonly platform: PlatformKey;
  readonly status?: number;
  readonly code?: number | string;
  readonly subcode?: number;
  readonly traceId?: string;
  readonly detail?: string;
  /** Whether trying the same call again later can succeed without anyone changing anything. */
  abstract readonly retryable: boolean;

  constructor(message: string, info: PlatformErrorInfo) {
    super(message, info.cause === undefined ? undefined : { cause: info.cause });
    this.name = new.target.name;
    this.platform = info.platform;
    this.status = info.status;
    this.code = info.code;
    this.subcode = info.subcode;
    this.traceId = info.traceId;
    this.detail = info.detail;
  }
}

/** The token expired, was revoked, or was never valid: someone must reconnect the account. */
export class TokenExpiredError extends PlatformError {
  readonly retryable = false;
  constructor(info: PlatformErrorInfo) {
    super(
      `The ${platformName(info.platform)} access token is no longer valid (expired, revoked or changed password). ` +
        `Reconnect the ${platformName(info.platform)} account in Settings to store a new token.` +
        suffix(info),
      info,
    );
  }
}

/** The token works but lacks a permission (or the account lacks a role) for this action. */
export class PermissionError extends PlatformError {
  readonly retryable = false;
  constructor(info: PlatformErrorInfo, needed?: string) {
    super(
      `${platformName(info.platform)} refused this action for lack of permission` +
        (needed ? ` (needs ${needed})` : '') +
        `. Ask an administrator of the account to grant it, then reconnect.` +
        suffix(info),
      info,
    );
  }
}

/** The platform is throttling us; the call can be repeated at `retryAt`. */
export class RateLimitedError extends PlatformError {
  readonly retryable = true;
  readonly retryAt: Date;
  constructor(info: PlatformErrorInfo, retryAt: Date) {
    super(
      `${platformName(info.platform)} rate limit reached. Nothing was lost; try again after ` +
        `${retryAt.toISOString()}.` +
        suffix(info),
      info,
    );
    this.retryAt = retryAt;
  }
}

/** The object is gone (deleted by its author or by another admin) or never existed. */
export class NotFoundError extends PlatformError {
  readonly retryable = false;
  constructor(info: PlatformErrorInfo, what = 'The requested object') {
    super(
      `${what} no longer exists on ${platformName(info.platform)} (deleted, or not visible to this account). ` +
        `Refresh the item; its last archived copy is still available.` +
        suffix(info),
      info,
    );
  }
}

/** The platform answered with bytes we cannot trust: broken JSON or an unexpected shape. */
export class InvalidResponseError extends PlatformError {
  readonly retryable = false;
  constructor(info: PlatformErrorInfo, problem: string) {
    super(
      `${platformName(info.platform)} sent a response this app cannot read (${problem}). ` +
        `Nothing was changed. If it persists, the API may have changed: report it to IT with this message.` +
        suffix(info),
      info,
    );
  }
}

/** A server error, timeout or network failure that may clear up by itself. */
export class TransientError extends PlatformError {
  readonly retryable = true;
  constructor(info: PlatformErrorInfo, what: string) {
    super(
      `${what} while talking to ${platformName(info.platform)}. This is usually temporary: ` +
        `check the network connection and try again in a few minutes.` +
        suffix(info),
      info,
    );
  }
}

/** The platform rejected the request itself (bad parameter, duplicate post, too long). */
export class InvalidRequestError extends PlatformError {
  readonly retryable = false;
  constructor(info: PlatformErrorInfo) {
    super(
      `${platformName(info.platform)} rejected the request` +
        (info.detail ? `: ${info.detail}` : '.') +
        ` Correct it and try again.` +
        (info.traceId ? ` (trace ${info.traceId})` : ''),
      info,
    );
  }
}

/** A non-idempotent call failed in a way that leaves its outcome unknown; never retried blindly. */
export class UncertainOutcomeError extends PlatformError {
  readonly retryable = false;
  constructor(info: PlatformErrorInfo, action: string) {
    super(
      `The connection to ${platformName(info.platform)} failed while trying to ${action}; it may or may not ` +
        `have taken effect. Check the account before trying again, to avoid a duplicate.` +
        suffix(info),
      info,
    );
  }
}

function suffix(info: PlatformErrorInfo): string {
  const parts: string[] = [];
  if (info.detail) parts.push(`${platformName(info.platform)} said: "${info.detail}"`);
  if (info.code !== undefined) parts.push(`code ${String(info.code)}${info.subcode ? `/${info.subcode}` : ''}`);
  if (info.traceId) parts.push(`trace ${info.traceId}`);
  return parts.length ? ` [${parts.join('; ')}]` : '';
}
