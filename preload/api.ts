import { CHANNELS, type Channel, type ChannelInput, type ChannelResult, type Result } from './contract';

export type Invoke = (channel: Channel, input: unknown) => Promise<unknown>;

/** One typed function per channel; the renderer calls `api['registry.sites.list']()`. */
export type Api = { [C in Channel]: (input?: ChannelInput<C>) => Promise<Result<ChannelResult<C>>> };

/**
 * Builds the renderer's API over any transport (Electron IPC, or the HTTP test bridge). Only
 * channels named in the contract exist; anything the transport throws becomes a failed Result.
 */
export function createApi(invoke: Invoke): Api {
  const api: Record<string, (input?: unknown) => Promise<unknown>> = {};
  for (const channel of CHANNELS) {
    api[channel] = async (input?: unknown) => {
      try {
        return await invoke(channel, input);
      } catch (err) {
        return { ok: false, error: { code: 'internal', message: `The app's main process did not answer: ${err instanceof Error ? err.message : String(err)}` } };
      }
    };
  }
  return Object.freeze(api) as Api;
}
