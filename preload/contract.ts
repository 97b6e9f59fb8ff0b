import type { z } from 'zod';
import type { ErrorCode } from '../main/shared/errors';
import { archiveContract } from './contracts/archive';
import { inboxContract } from './contracts/inbox';
import { lockContract } from './contracts/lock';
import { monitorContract } from './contracts/monitor';
import { registryContract } from './contracts/registry';
import { vaultContract } from './contracts/vault';

export type * from '../main/registry/types';
export type * from './contracts/registry';
export type * from './contracts/archive';
export type * from './contracts/inbox';
export type * from './contracts/lock';
export type * from './contracts/monitor';
export type * from './contracts/vault';
export type { ErrorCode };

/** The wire shape of every answer: the renderer never sees an exception, only this. */
export type Result<T> = { ok: true; value: T } | { ok: false; error: { code: ErrorCode; message: string } };

/**
 * Every channel between the renderer and main: its input schema and its result type, gathered
 * from one file per domain. Main validates every input against these schemas; there is no other
 * way in.
 */
export const contract = {
  ...registryContract,
  ...archiveContract,
  ...inboxContract,
  ...lockContract,
  ...monitorContract,
  ...vaultContract,
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelResult<C extends Channel> = Contract[C]['result'];
export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
