import type { z } from 'zod';
import type { ErrorCode } from '../main/shared/errors';
import { registryContract } from './contracts/registry';

export type * from '../main/registry/types';
export type * from './contracts/registry';
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
} as const;

export type Contract = typeof contract;
export type Channel = keyof Contract;
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ChannelResult<C extends Channel> = Contract[C]['result'];
export const CHANNELS = Object.keys(contract) as Channel[];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(contract, name);
}
