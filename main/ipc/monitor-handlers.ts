import type { monitorContract } from '../../preload/contracts/monitor';
import { alertEmail, clearAlert, listAlerts, recordManualPost } from '../monitor';
import type { HandlersFor } from './services';

/** The watch's channels; each function checks the acting role and audits, these only pass through. */
export const monitorHandlers: HandlersFor<typeof monitorContract> = {
  'monitor.alerts': (ctx, i) => listAlerts(ctx, i ?? {}),
  'monitor.clear': (ctx, i) => clearAlert(ctx, i),
  'monitor.recordManualPost': (ctx, i) => recordManualPost(ctx, i),
  'monitor.email': (ctx, i) => alertEmail(ctx, i.alertId),
};
