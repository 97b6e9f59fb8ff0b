import type { Api } from '../preload/api';
import type { Channel, ChannelInput, ChannelResult, ErrorCode } from '../preload/contract';

declare global {
  interface Window {
    civicdesk?: Api;
  }
}

export class ApiError extends Error {
  constructor(readonly code: ErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
  }
}

function api(): Api {
  if (!window.civicdesk) throw new ApiError('internal', 'The app bridge is missing: this page must be opened by Civic Social Desk.');
  return window.civicdesk;
}

/** Calls a channel and returns its value, or throws an ApiError carrying main's message. */
export async function call<C extends Channel>(channel: C, ...input: undefined extends ChannelInput<C> ? [ChannelInput<C>?] : [ChannelInput<C>]): Promise<ChannelResult<C>> {
  const fn = api()[channel] as (i?: ChannelInput<C>) => ReturnType<Api[C]>;
  const result = await fn(input[0]);
  if (!result.ok) throw new ApiError(result.error.code, result.error.message);
  return result.value as ChannelResult<C>;
}

export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
