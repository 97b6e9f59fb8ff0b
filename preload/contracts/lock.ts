import { z } from 'zod';
import type { LockStatus } from '../../main/lock/app-lock';
import { nothing, returns, text } from './kit';

export type { LockStatus };

/** The app lock (SEC-3, SEC-5). While locked, only lock.status and lock.unlock answer. */
export const lockContract = {
  'lock.status': { input: nothing, result: returns<LockStatus & { ownerName: string | null }>() },
  'lock.unlock': { input: z.object({ passphrase: text(1000) }).strict(), result: returns<LockStatus>() },
  'lock.lock': { input: nothing, result: returns<LockStatus>() },
  'lock.activity': { input: nothing, result: returns<null>() },
  'lock.setPassphrase': { input: z.object({ current: text(1000).optional(), next: text(1000) }).strict(), result: returns<LockStatus>() },
  'lock.setIdle': { input: z.object({ minutes: z.number().int().min(1).max(60) }).strict(), result: returns<LockStatus>() },
} as const;

/** Channels that answer while the app is locked; everything else is refused in main. */
export const UNLOCKED_CHANNELS: ReadonlySet<string> = new Set(['lock.status', 'lock.unlock']);
