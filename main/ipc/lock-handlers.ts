import type { lockContract } from '../../preload/contracts/lock';
import { AppError } from '../shared/errors';
import type { AppLock } from '../lock/app-lock';
import type { HandlersFor, Services } from './services';

function lockOf(s: Services): AppLock {
  if (!s.lock) throw new AppError('invalid_input', 'This window has no app lock (the browser preview has none).');
  return s.lock;
}

export const lockHandlers: HandlersFor<typeof lockContract> = {
  'lock.status': (ctx, _i, s) => ({
    ...(s.lock?.status() ?? { locked: false, hasPassphrase: false, idleMinutes: 10, reason: null }),
    ownerName: ctx.actor?.name ?? null,
  }),
  'lock.unlock': (_ctx, i, s) => lockOf(s).unlock(i.passphrase),
  'lock.lock': (_ctx, _i, s) => lockOf(s).lock('explicit'),
  'lock.activity': (_ctx, _i, s) => {
    s.lock?.activity();
    return null;
  },
  'lock.setPassphrase': (ctx, i, s) => lockOf(s).setPassphrase(ctx, i.current, i.next),
  'lock.setIdle': (ctx, i, s) => lockOf(s).setIdleMinutes(ctx, i.minutes),
};
