import { z } from 'zod';
import type {
  AlertEvidence, AlertKind, AlertsView, AlertSuspension, ClearResult, ManualPost, MonitorAlert, PreparedEmail,
} from '../../main/monitor/types';
import { id, returns, text } from './kit';

export type { AlertEvidence, AlertKind, AlertsView, AlertSuspension, ClearResult, ManualPost, MonitorAlert, PreparedEmail };

/** The vandalism watch (SEC-7): alerts at the top of the inbox, clearing, manual posts, the email. */
export const monitorContract = {
  'monitor.alerts': {
    input: z.object({ siteId: id.optional(), limit: z.number().int().min(1).max(200).optional() }).strict().optional(),
    result: returns<AlertsView>(),
  },
  'monitor.clear': {
    input: z.object({ alertId: id, note: text(4000).trim().min(1, 'Say what you found and did.') }).strict(),
    result: returns<ClearResult>(),
  },
  'monitor.recordManualPost': {
    input: z.object({ siteId: id, externalId: text(2000).trim().min(1, 'Give the post\u2019s id or link.'), note: text(2000).trim().min(1, 'Say what the post was.') }).strict(),
    result: returns<{ manualPost: ManualPost; openAlertIds: number[] }>(),
  },
  'monitor.email': { input: z.object({ alertId: id }).strict(), result: returns<PreparedEmail>() },
} as const;
