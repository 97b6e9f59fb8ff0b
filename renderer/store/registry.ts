import { create } from 'zustand';
import type { Department, Finding, Person, Platform, Role, Site, SiteDetail } from '../../preload/contract';
import { call, messageOf } from '../api';

interface RegistryState {
  sites: Site[];
  people: Person[];
  roles: Role[];
  departments: Department[];
  platforms: Platform[];
  findings: Finding[];
  detail: SiteDetail | null;
  loaded: boolean;
  error: string | null;
  refresh(): Promise<void>;
  openSite(id: number | null): Promise<void>;
  /** After any change to a site: show the new detail and refresh the lists and findings. */
  applySite(detail: SiteDetail): Promise<void>;
}

export const useRegistry = create<RegistryState>((set, get) => ({
  sites: [], people: [], roles: [], departments: [], platforms: [], findings: [], detail: null, loaded: false, error: null,
  async refresh() {
    try {
      const [sites, people, roles, departments, platforms, findings] = await Promise.all([
        call('registry.sites.list'), call('registry.people.list'), call('registry.roles'), call('registry.departments'),
        call('registry.platforms'), call('compliance.findings'),
      ]);
      const current = get().detail;
      const detail = current ? await call('registry.sites.get', { id: current.id }) : null;
      set({ sites, people, roles, departments, platforms, findings, detail, loaded: true, error: null });
    } catch (err) {
      set({ error: messageOf(err), loaded: true });
    }
  },
  async openSite(id) {
    if (id === null) {
      set({ detail: null });
      return;
    }
    set({ detail: await call('registry.sites.get', { id }) });
  },
  async applySite(detail) {
    set({ detail });
    await get().refresh();
  },
}));
