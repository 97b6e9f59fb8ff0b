import { create } from 'zustand';
import type { VaultEntry, VaultOverview } from '../../preload/contract';
import { call, messageOf } from '../api';

/**
 * What the vault view lists. It never holds a password, seed or token: those come from their
 * reveal channels into the component that shows or copies them, and are dropped there.
 */
interface VaultState {
  overview: VaultOverview | null;
  loaded: boolean;
  error: string | null;
  refresh(): Promise<void>;
  /** After a change to one site: take its new entry, then re-read the list (reuse flags touch other sites). */
  applyEntry(entry: VaultEntry): Promise<void>;
}

export const useVault = create<VaultState>((set, get) => ({
  overview: null,
  loaded: false,
  error: null,
  async refresh() {
    try {
      set({ overview: await call('vault.list'), loaded: true, error: null });
    } catch (err) {
      set({ overview: null, loaded: true, error: messageOf(err) });
    }
  },
  async applyEntry(entry) {
    const current = get().overview;
    if (current) set({ overview: { ...current, entries: current.entries.map((e) => (e.siteId === entry.siteId ? entry : e)) } });
    await get().refresh();
  },
}));
