import { useEffect, useState } from 'react';
import { useLock } from './store/lock';
import { LockScreen } from './views/LockScreen';
import type { Department, Role } from '../preload/contract';
import { call } from './api';
import { useSession } from './store/session';
import { FirstStart } from './views/FirstStart';
import { Shell } from './views/Shell';

const ACTIVITY_PING_MS = 20_000;
const LOCK_POLL_MS = 10_000;

/**
 * Keeps the lock in step with main: user input pushes the idle deadline back (at most one ping
 * every 20 s), Ctrl/Cmd+L locks at once, and a short poll notices an idle or screen-lock lock.
 */
function useAppLock() {
  const refresh = useLock((s) => s.refresh);
  const lockNow = useLock((s) => s.lockNow);
  useEffect(() => {
    void refresh();
    let last = 0;
    const activity = () => {
      const now = Date.now();
      if (now - last < ACTIVITY_PING_MS) return;
      last = now;
      void window.civicdesk?.['lock.activity']();
    };
    const keys = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'l') {
        e.preventDefault();
        void lockNow().catch(() => undefined);
        return;
      }
      activity();
    };
    window.addEventListener('keydown', keys);
    window.addEventListener('pointerdown', activity);
    const timer = setInterval(() => void refresh().catch(() => undefined), LOCK_POLL_MS);
    return () => {
      window.removeEventListener('keydown', keys);
      window.removeEventListener('pointerdown', activity);
      clearInterval(timer);
    };
  }, [refresh, lockNow]);
}

export function App() {
  const { info, loading, error, load } = useSession();
  const locked = useLock((s) => s.status?.locked ?? false);
  useAppLock();
  const [reference, setReference] = useState<{ roles: Role[]; departments: Department[] }>({ roles: [], departments: [] });
  useEffect(() => { void load(); }, [load]);
  const needsOwner = info !== null && info.owner === null;
  useEffect(() => {
    if (!needsOwner) return;
    void Promise.all([call('registry.roles'), call('registry.departments')]).then(([roles, departments]) => setReference({ roles, departments }));
  }, [needsOwner]);
  if (locked) return <LockScreen />;
  if (loading) return <p role="status" className="loading">Opening the workspace…</p>;
  if (error || !info) return <main id="main" className="first-start"><h1>Civic Social Desk could not open the workspace</h1><p role="alert">{error}</p></main>;
  if (!info.owner) return <FirstStart roles={reference.roles} departments={reference.departments} />;
  return <Shell />;
}
