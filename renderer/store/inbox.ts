import { create } from 'zustand';
import type { ChannelInput, InboxCounts, InboxItem, InboxItemDetail, SavedReply } from '../../preload/contract';
import { ApiError, call, messageOf } from '../api';

export type Label = InboxItem['labels'][number];
export type Verdict = InboxItem['verdict'];
export type StateFilter = InboxItem['state'] | 'waiting' | 'all';
export type ActInput = ChannelInput<'inbox.act'>;

export interface InboxFilters {
  siteId: number | null;
  verdict: Verdict | null;
  label: Label | null;
  state: StateFilter;
  text: string;
}

/** A refused or failed action, kept on screen until retried or dismissed; nothing was recorded as done. */
export interface Failure { message: string; retryable: boolean; input: ActInput | null }

export const PAGE_SIZE = 500;
export const DEFAULT_FILTERS: InboxFilters = { siteId: null, verdict: null, label: null, state: 'waiting', text: '' };

interface InboxState {
  filters: InboxFilters;
  items: InboxItem[];
  hasMore: boolean;
  loading: boolean;
  loaded: boolean;
  error: string | null;
  counts: InboxCounts | null;
  selected: number;
  detail: InboxItemDetail | null;
  savedReplies: SavedReply[];
  failure: Failure | null;
  /** The item the last action in this session went to: `u` undoes there, wherever the selection is. */
  lastActed: number | null;
  busy: boolean;
  setFilters(patch: Partial<InboxFilters>): Promise<void>;
  load(): Promise<void>;
  loadMore(): Promise<void>;
  /** Screens what the archive captured since last time, then reloads. */
  refresh(): Promise<number>;
  /** Screens in the background without moving the reader: the new ones are announced, shown on request. */
  screenQuietly(): Promise<void>;
  /** Comments screened in the background since the list was loaded. */
  arrived: number;
  select(index: number): void;
  move(delta: number): void;
  loadDetail(id: number): Promise<void>;
  act(input: ActInput): Promise<InboxItem | null>;
  retry(): Promise<InboxItem | null>;
  undo(): Promise<InboxItem | null>;
  flag(inboxId: number, reason: string): Promise<InboxItem>;
  consult(inboxId: number, personId: number, question: string): Promise<void>;
  answer(consultId: number, answer: string): Promise<void>;
  loadSavedReplies(): Promise<void>;
  dismissFailure(): void;
  reset(): void;
}

function query(f: InboxFilters, before?: InboxItem): ChannelInput<'inbox.list'> {
  return {
    limit: PAGE_SIZE,
    ...(f.siteId !== null ? { siteId: f.siteId } : {}),
    ...(f.verdict !== null ? { verdict: f.verdict } : {}),
    ...(f.label !== null ? { label: f.label } : {}),
    ...(f.state !== 'all' ? { state: f.state } : {}),
    ...(f.text.trim() ? { text: f.text.trim() } : {}),
    ...(before ? { before: { capturedAt: before.capturedAt, id: before.id } } : {}),
  };
}

function replaced(items: InboxItem[], item: InboxItem): InboxItem[] {
  const at = items.findIndex((i) => i.id === item.id);
  if (at < 0) return items;
  const next = items.slice();
  next[at] = item;
  return next;
}

/** Each load gets a number; an answer to an older load (filters changed meanwhile) is dropped. */
let generation = 0;
let detailFor = 0;

export const useInbox = create<InboxState>((set, get) => {
  const countsFor = (f: InboxFilters) => call('inbox.counts', f.siteId !== null ? { siteId: f.siteId } : {});

  /** Applies an action's result: the row in place, the detail, the counts; the selection moves on like a mail client's. */
  const applied = async (item: InboxItem, advance: boolean) => {
    const { items, selected } = get();
    const at = items.findIndex((i) => i.id === item.id);
    set({ items: replaced(items, item), lastActed: item.id, failure: null, selected: advance && at === selected ? Math.min(selected + 1, items.length - 1) : selected });
    const counts = await countsFor(get().filters).catch(() => get().counts);
    set({ counts });
    const current = get().items[get().selected];
    if (current) await get().loadDetail(current.id);
  };

  const failed = (err: unknown, input: ActInput | null): null => {
    const retryable = err instanceof ApiError && (err.code === 'platform' || err.code === 'internal');
    set({ failure: { message: messageOf(err), retryable, input: retryable ? input : null } });
    return null;
  };

  return {
    filters: DEFAULT_FILTERS, items: [], hasMore: false, loading: false, loaded: false, error: null, counts: null, selected: 0,
    detail: null, savedReplies: [], failure: null, lastActed: null, busy: false, arrived: 0,

    async setFilters(patch) {
      set({ filters: { ...get().filters, ...patch } });
      await get().load();
    },

    async load() {
      const mine = ++generation;
      const { filters } = get();
      set({ loading: true });
      try {
        const [items, counts] = await Promise.all([call('inbox.list', query(filters)), countsFor(filters)]);
        if (mine !== generation) return;
        set({ items, counts, hasMore: items.length === PAGE_SIZE, selected: 0, loading: false, loaded: true, error: null, arrived: 0 });
        const first = items[0];
        if (first) await get().loadDetail(first.id);
        else set({ detail: null });
      } catch (err) {
        if (mine === generation) set({ error: messageOf(err), loading: false, loaded: true });
      }
    },

    async loadMore() {
      const { items, hasMore, loading, filters } = get();
      const last = items.at(-1);
      if (!hasMore || loading || !last) return;
      const mine = generation;
      set({ loading: true });
      try {
        const more = await call('inbox.list', query(filters, last));
        if (mine !== generation) return;
        set({ items: get().items.concat(more), hasMore: more.length === PAGE_SIZE, loading: false });
      } catch (err) {
        if (mine === generation) set({ error: messageOf(err), loading: false });
      }
    },

    async refresh() {
      const { screened } = await call('inbox.refresh');
      await get().load();
      return screened;
    },

    async screenQuietly() {
      const { screened, gone } = await call('inbox.refresh');
      if (screened === 0 && gone === 0) return;
      set({ arrived: get().arrived + screened, counts: await countsFor(get().filters) });
    },

    select(index) {
      const { items } = get();
      if (items.length === 0) return;
      const selected = Math.max(0, Math.min(index, items.length - 1));
      set({ selected });
      const item = items[selected];
      if (item) void get().loadDetail(item.id);
    },

    move(delta) {
      get().select(get().selected + delta);
      // Keep a page ahead of the reader, as scrolling does.
      if (get().selected > get().items.length - 50) void get().loadMore();
    },

    async loadDetail(id) {
      detailFor = id;
      try {
        const detail = await call('inbox.item', { id });
        if (detailFor === id) set({ detail, items: replaced(get().items, detail.item) });
      } catch (err) {
        if (detailFor === id) set({ detail: null, error: messageOf(err) });
      }
    },

    async act(input) {
      set({ busy: true });
      try {
        const item = await call('inbox.act', input);
        await applied(item, true);
        return item;
      } catch (err) {
        return failed(err, input);
      } finally {
        set({ busy: false });
      }
    },

    async retry() {
      const input = get().failure?.input;
      if (!input) return null;
      return get().act(input);
    },

    async undo() {
      const { lastActed, items, selected } = get();
      const target = lastActed ?? items[selected]?.id;
      if (target === undefined) return null;
      set({ busy: true });
      try {
        const item = await call('inbox.undo', { inboxId: target });
        const at = get().items.findIndex((i) => i.id === item.id);
        if (at >= 0) set({ selected: at });
        await applied(item, false);
        set({ lastActed: null });
        return item;
      } catch (err) {
        return failed(err, null);
      } finally {
        set({ busy: false });
      }
    },

    async flag(inboxId, reason) {
      const item = await call('inbox.flag', { inboxId, reason });
      await applied(item, false);
      return item;
    },

    async consult(inboxId, personId, question) {
      await call('inbox.consult', { inboxId, personId, question });
      await get().loadDetail(inboxId);
    },

    async answer(consultId, answer) {
      const consults = await call('inbox.answer', { consultId, answer });
      const detail = get().detail;
      if (detail) set({ detail: { ...detail, consults } });
    },

    async loadSavedReplies() {
      if (get().savedReplies.length) return;
      set({ savedReplies: await call('inbox.savedReplies') });
    },

    dismissFailure: () => set({ failure: null }),

    reset() {
      generation++;
      set({ items: [], hasMore: false, loaded: false, counts: null, selected: 0, detail: null, savedReplies: [], failure: null, lastActed: null, error: null });
    },
  };
});

/** Fills a saved reply's placeholders with the department the screener referred the complaint to (CIV-2). */
export function fillReply(template: string, item: InboxItem): string {
  const department = item.referral?.department ?? 'the department';
  const contact = item.referral?.contact ?? 'the City website';
  return template.replaceAll('{department}', department).replaceAll('{contact}', contact);
}
