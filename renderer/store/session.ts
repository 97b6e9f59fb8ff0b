import { create } from 'zustand';
import type { Person, SessionInfo } from '../../preload/contract';
import { call, messageOf } from '../api';

interface SessionState {
  info: SessionInfo | null;
  people: Person[];
  error: string | null;
  loading: boolean;
  load(): Promise<void>;
  choose(personId: number): Promise<void>;
  setup(input: { name: string; email: string; role: string; departmentId: number | null }): Promise<void>;
  can(capability: string): boolean;
}

export const useSession = create<SessionState>((set, get) => ({
  info: null,
  people: [],
  error: null,
  loading: true,
  async load() {
    try {
      const [info, people] = await Promise.all([call('session.get'), call('session.people')]);
      set({ info, people, error: null, loading: false });
    } catch (err) {
      set({ error: messageOf(err), loading: false });
    }
  },
  async choose(personId) {
    const info = await call('session.choose', { personId });
    set({ info });
  },
  async setup(input) {
    const info = await call('session.setup', input);
    set({ info, people: await call('session.people') });
  },
  can(capability) {
    return get().info?.owner?.capabilities.includes(capability) ?? false;
  },
}));
