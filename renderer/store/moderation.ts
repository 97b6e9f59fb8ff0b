import { create } from 'zustand';
import type { ConsistencyReport, PolicySummary } from '../../preload/contract';
import { call, messageOf } from '../api';

export interface ReportRange { from: string; to: string }

interface ModerationState {
  policy: PolicySummary | null;
  error: string | null;
  report: ConsistencyReport | null;
  reportRange: ReportRange | null;
  loadPolicy(): Promise<void>;
  relearn(): Promise<void>;
  resetLearning(): Promise<void>;
  runReport(range: ReportRange): Promise<void>;
  /** The report as a file, ready to offer as a download. */
  reportFile(range: ReportRange, format: 'csv' | 'pdf'): Promise<{ fileName: string; blob: Blob }>;
}

/** A local calendar day (from a date input) as the instant it starts; `to` days are inclusive, so they end a day later. */
export function dayStart(day: string, plusDays = 0): string {
  const [y, m, d] = day.split('-').map(Number);
  return new Date(y ?? 1970, (m ?? 1) - 1, (d ?? 1) + plusDays).toISOString();
}

function reportInput(range: ReportRange) {
  return { from: dayStart(range.from), to: dayStart(range.to, 1) };
}

export function base64ToBytes(b64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(b64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

export const useModeration = create<ModerationState>((set, get) => ({
  policy: null, error: null, report: null, reportRange: null,
  async loadPolicy() {
    try {
      set({ policy: await call('moderation.policy'), error: null });
    } catch (err) {
      set({ error: messageOf(err) });
    }
  },
  async relearn() {
    const learned = await call('moderation.learn');
    const policy = get().policy;
    if (policy) set({ policy: { ...policy, learned } });
  },
  async resetLearning() {
    const learned = await call('moderation.resetLearning');
    const policy = get().policy;
    if (policy) set({ policy: { ...policy, learned } });
  },
  async runReport(range) {
    const { report } = await call('moderation.report', { ...reportInput(range), format: 'json' });
    set({ report, reportRange: range });
  },
  async reportFile(range, format) {
    const r = await call('moderation.report', { ...reportInput(range), format });
    if (!r.dataBase64 || !r.fileName) throw new Error('The report came back without a file.');
    return { fileName: r.fileName, blob: new Blob([base64ToBytes(r.dataBase64)], { type: r.mediaType ?? 'application/octet-stream' }) };
  },
}));
