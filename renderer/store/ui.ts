import { create } from 'zustand';

export const AREAS = ['inbox', 'submissions', 'moderation', 'registry', 'archive', 'records', 'vault', 'settings'] as const;
export type Area = (typeof AREAS)[number];

interface Toast { id: number; text: string; kind: 'info' | 'error' }

interface UiState {
  area: Area;
  toasts: Toast[];
  go(area: Area): void;
  toast(text: string, kind?: Toast['kind']): void;
  dismiss(id: number): void;
}

let nextToast = 1;

export const useUi = create<UiState>((set) => ({
  area: 'inbox',
  toasts: [],
  go: (area) => set({ area }),
  toast: (text, kind = 'info') => {
    const id = nextToast++;
    set((s) => ({ toasts: [...s.toasts.slice(-3), { id, text, kind }] }));
    setTimeout(() => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })), kind === 'error' ? 10_000 : 5_000);
  },
  dismiss: (id) => set((s) => ({ toasts: s.toasts.filter((t) => t.id !== id) })),
}));
