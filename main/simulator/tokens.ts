/**
 * The tokens the simulator accepts. Like the real platforms it checks every call: no token, an
 * unknown one or an expired one get the platform's own error shape, and a token without a scope
 * gets the platform's permission error.
 */
import type { PlatformKey } from '../archive/types';

export const SIM_TOKENS = {
  /** A Page access token with every permission the app uses. */
  facebookPage: 'sim-fb-page-token',
  /** A Page token that can read but not moderate or publish. */
  facebookReadOnly: 'sim-fb-readonly-token',
  /** An OAuth 2.0 user-context token with every scope the app uses. */
  xUser: 'sim-x-user-token',
  /** An X token with read scopes only. */
  xReadOnly: 'sim-x-readonly-token',
} as const;

export const FB_SCOPES = {
  read: 'pages_read_engagement',
  readUser: 'pages_read_user_content',
  moderate: 'pages_manage_engagement',
  publish: 'pages_manage_posts',
  metadata: 'pages_manage_metadata',
} as const;

export const X_SCOPES = {
  read: 'tweet.read',
  users: 'users.read',
  write: 'tweet.write',
  moderate: 'tweet.moderate.write',
  media: 'media.write',
} as const;

interface Grant {
  platform: PlatformKey;
  scopes: Set<string>;
  expiredAtMs?: number;
}

export type TokenCheck = { ok: true; scopes: Set<string> } | { ok: false; reason: 'missing' | 'invalid' | 'expired'; expiredAtMs?: number };

export class TokenBook {
  private readonly grants = new Map<string, Grant>();

  constructor() {
    this.grant('facebook', SIM_TOKENS.facebookPage, Object.values(FB_SCOPES));
    this.grant('facebook', SIM_TOKENS.facebookReadOnly, [FB_SCOPES.read, FB_SCOPES.readUser]);
    this.grant('x', SIM_TOKENS.xUser, Object.values(X_SCOPES));
    this.grant('x', SIM_TOKENS.xReadOnly, [X_SCOPES.read, X_SCOPES.users]);
  }

  grant(platform: PlatformKey, token: string, scopes: string[]): void {
    this.grants.set(token, { platform, scopes: new Set(scopes) });
  }

  expire(token: string, atMs: number): void {
    const g = this.grants.get(token);
    if (g) g.expiredAtMs = atMs;
  }

  revive(token: string): void {
    const g = this.grants.get(token);
    if (g) delete g.expiredAtMs;
  }

  check(platform: PlatformKey, token: string | null): TokenCheck {
    if (!token) return { ok: false, reason: 'missing' };
    const g = this.grants.get(token);
    if (!g || g.platform !== platform) return { ok: false, reason: 'invalid' };
    if (g.expiredAtMs !== undefined) return { ok: false, reason: 'expired', expiredAtMs: g.expiredAtMs };
    return { ok: true, scopes: g.scopes };
  }
}
