import { useEffect, useState } from 'react';
import type { Department, Role } from '../preload/contract';
import { call } from './api';
import { useSession } from './store/session';
import { FirstStart } from './views/FirstStart';
import { Shell } from './views/Shell';

export function App() {
  const { info, loading, error, load } = useSession();
  const [reference, setReference] = useState<{ roles: Role[]; departments: Department[] }>({ roles: [], departments: [] });
  useEffect(() => { void load(); }, [load]);
  const needsOwner = info !== null && info.owner === null;
  useEffect(() => {
    if (!needsOwner) return;
    void Promise.all([call('registry.roles'), call('registry.departments')]).then(([roles, departments]) => setReference({ roles, departments }));
  }, [needsOwner]);
  if (loading) return <p role="status" className="loading">Opening the workspace…</p>;
  if (error || !info) return <main id="main" className="first-start"><h1>Civic Social Desk could not open the workspace</h1><p role="alert">{error}</p></main>;
  if (!info.owner) return <FirstStart roles={reference.roles} departments={reference.departments} />;
  return <Shell />;
}
