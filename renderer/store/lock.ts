import { create } from 'zustand';
import type { LockStatus } from '../../preload/contract';
import { call } from '../api';

interface LockState {
  status: (LockStatus & { ownerName: string | null }) | null;
  refresh(): Promise<void>;
  lockNow(): Promise<void>;
  unlock(passphrase: string): Promise<void>;
}

export const useLock = create<LockState>((set) => ({
  status: null,
  async refresh() {
    set({ status: await call('lock.status') });
  },
  async lockNow() {
    await call('lock.lock');
    set({ status: await call('lock.status') });
  },
  async unlock(passphrase) {
    await call('lock.unlock', { passphrase });
    set({ status: await call('lock.status') });
  },
}));
