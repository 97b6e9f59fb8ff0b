import { contract, isChannel, type Result } from '../../preload/contract';
import { UNLOCKED_CHANNELS } from '../../preload/contracts/lock';
import { AppError, toFailure } from '../shared/errors';
import { contextFor } from '../workspace/workspace';
import { handlers, type Services } from './handlers';

function describeIssues(issues: readonly { path: PropertyKey[]; message: string }[]): string {
  return issues.slice(0, 5).map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
}

/**
 * The single entry for every request from a renderer, whatever the transport: check the channel,
 * validate the input, resolve who is acting from the workspace (never from the request), run
 * the handler, and answer with a Result. Nothing thrown escapes.
 */
export async function dispatch(services: Services, channel: unknown, rawInput: unknown): Promise<Result<unknown>> {
  try {
    if (!isChannel(channel)) {
      const shown = typeof channel === 'string' ? JSON.stringify(channel).slice(0, 80) : `of type ${typeof channel}`;
      throw new AppError('invalid_input', `Unknown channel ${shown}.`);
    }
    // SEC-5: while locked, nothing but the lock screen's own channels is served.
    if (services.lock?.isLocked() && !UNLOCKED_CHANNELS.has(channel)) {
      throw new AppError('locked', 'Civic Social Desk is locked. Unlock it with your passphrase.');
    }
    const parsed = contract[channel].input.safeParse(rawInput);
    if (!parsed.success) throw new AppError('invalid_input', describeIssues(parsed.error.issues));
    const ctx = contextFor(services.workspace, services.now);
    const handler = handlers[channel] as (c: typeof ctx, i: unknown, s: Services) => unknown;
    return { ok: true, value: await handler(ctx, parsed.data, services) };
  } catch (err) {
    return toFailure(err);
  }
}
