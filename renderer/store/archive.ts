import { create } from 'zustand';
import type {
  ArchiveOverview, CaptureRun, CaptureStatus, ChannelInput, ConnectionView, MediaView, PlatformKey, RecordView, SearchHit, VerifyView,
} from '../../preload/contract';
import { call, messageOf } from '../api';

export interface Filters {
  siteId: string;
  kind: string;
  author: string;
  from: string;
  to: string;
  deleted: '' | 'yes' | 'no';
  edited: '' | 'yes';
  hidden: '' | 'yes' | 'no';
}

export const NO_FILTERS: Filters = { siteId: '', kind: '', author: '', from: '', to: '', deleted: '', edited: '', hidden: '' };
const PAGE = 25;

export interface RecordKey { siteId: number; platform: PlatformKey; externalId: string }
export type LoggedRun = CaptureRun & { siteName: string };
type SearchInput = ChannelInput<'archive.search'>;

interface ArchiveState {
  query: string;
  filters: Filters;
  hits: SearchHit[];
  hasMore: boolean;
  searching: boolean;
  searchError: string | null;
  /** The search the hits answer, for "more results". */
  lastSearch: SearchInput | null;
  /** The hit the keyboard is on; kept so "back" returns to it. */
  active: number;
  selected: RecordKey | null;
  record: RecordView | null;
  recordError: string | null;
  media: Record<string, MediaView | { error: string }>;
  overview: ArchiveOverview | null;
  verifying: boolean;
  verifyResult: VerifyView | null;
  verifyError: string | null;
  status: CaptureStatus | null;
  captureError: string | null;
  /** When the last capture this window watched ended; the panel summarises what it did. */
  finishedAt: string | null;
  runs: LoggedRun[];
  connections: ConnectionView[];
  setQuery(q: string): void;
  setFilter<K extends keyof Filters>(key: K, value: Filters[K]): void;
  clearFilters(): void;
  setActive(i: number): void;
  search(): Promise<void>;
  more(): Promise<void>;
  open(key: RecordKey): Promise<void>;
  close(): void;
  loadMedia(sha256: string): Promise<void>;
  refreshOverview(): Promise<void>;
  refreshStatus(): Promise<void>;
  refreshLog(): Promise<void>;
  startCapture(siteId?: number): Promise<void>;
  stopCapture(): Promise<void>;
  verify(): Promise<void>;
}

function toInput(query: string, f: Filters): SearchInput {
  const input: SearchInput = { query, limit: PAGE };
  if (f.siteId) input.siteId = Number(f.siteId);
  if (f.kind) input.kind = f.kind as NonNullable<SearchInput['kind']>;
  if (f.author.trim()) input.author = f.author.trim();
  if (f.from) input.from = f.from;
  if (f.to) input.to = f.to;
  if (f.deleted) input.deleted = f.deleted === 'yes';
  if (f.edited) input.edited = true;
  if (f.hidden) input.hidden = f.hidden === 'yes';
  return input;
}

export const useArchive = create<ArchiveState>((set, get) => ({
  query: '', filters: NO_FILTERS, hits: [], hasMore: false, searching: false, searchError: null, lastSearch: null, active: 0,
  selected: null, record: null, recordError: null, media: {}, overview: null, verifying: false, verifyResult: null, verifyError: null,
  status: null, captureError: null, finishedAt: null, runs: [], connections: [],

  setQuery: (query) => set({ query }),
  setFilter: (key, value) => set((s) => ({ filters: { ...s.filters, [key]: value } })),
  clearFilters: () => set({ filters: NO_FILTERS }),
  setActive: (active) => set({ active }),

  async search() {
    const input = toInput(get().query, get().filters);
    set({ searching: true, searchError: null });
    try {
      const result = await call('archive.search', input);
      set({ hits: result.hits, hasMore: result.hasMore, lastSearch: input, active: 0, searching: false });
    } catch (err) {
      set({ searchError: messageOf(err), searching: false });
    }
  },
  async more() {
    const last = get().lastSearch;
    if (!last) return;
    set({ searching: true, searchError: null });
    try {
      const result = await call('archive.search', { ...last, offset: get().hits.length });
      set((s) => ({ hits: [...s.hits, ...result.hits], hasMore: result.hasMore, searching: false }));
    } catch (err) {
      set({ searchError: messageOf(err), searching: false });
    }
  },

  async open(key) {
    set({ selected: key, record: null, recordError: null });
    try {
      const record = await call('archive.record', key);
      if (get().selected === key) set({ record });
    } catch (err) {
      if (get().selected === key) set({ recordError: messageOf(err) });
    }
  },
  close: () => set({ selected: null, record: null, recordError: null }),
  async loadMedia(sha256) {
    if (get().media[sha256]) return;
    try {
      const m = await call('archive.media', { sha256 });
      set((s) => ({ media: { ...s.media, [sha256]: m } }));
    } catch (err) {
      set((s) => ({ media: { ...s.media, [sha256]: { error: messageOf(err) } } }));
    }
  },

  async refreshOverview() {
    try {
      set({ overview: await call('archive.stats') });
    } catch {
      // The panel keeps what it showed; the next refresh tries again.
    }
  },
  async refreshStatus() {
    const wasRunning = get().status?.running ?? false;
    try {
      const status = await call('capture.status');
      set({ status });
      if (wasRunning && !status.running) {
        // A capture just ended: what it archived should be visible without another click.
        set({ finishedAt: new Date().toISOString() });
        await Promise.all([get().refreshOverview(), get().refreshLog(), get().search()]);
      }
    } catch (err) {
      set({ captureError: messageOf(err) });
    }
  },
  async refreshLog() {
    try {
      const [runs, connections] = await Promise.all([call('capture.runs', { limit: 50 }), call('capture.connections')]);
      set({ runs, connections });
    } catch (err) {
      set({ captureError: messageOf(err) });
    }
  },
  async startCapture(siteId) {
    set({ captureError: null, finishedAt: null });
    try {
      set({ status: await call('capture.start', siteId === undefined ? {} : { siteId }) });
    } catch (err) {
      set({ captureError: messageOf(err) });
    }
  },
  async stopCapture() {
    try {
      set({ status: await call('capture.stop') });
    } catch (err) {
      set({ captureError: messageOf(err) });
    }
  },
  async verify() {
    set({ verifying: true, verifyError: null });
    try {
      const verifyResult = await call('archive.verify');
      set({ verifyResult, verifying: false });
      await get().refreshOverview();
    } catch (err) {
      set({ verifyError: messageOf(err), verifying: false });
    }
  },
}));
