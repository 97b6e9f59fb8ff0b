import { readMeta } from '../workspace/meta';
import { createHash } from 'node:crypto';
import type { CredentialStore } from '../credentials/store';
import { loadActor, type Workspace } from '../workspace/workspace';
import { startSimulator, type Simulator } from '../simulator';
import { effectiveAdmins, listSites } from '../registry/site-read';
import { apiTokenAccount, setConnection } from './connections';

/**
 * Picture addresses in the platforms' answers carry the simulator's port, so a stable port per
 * workspace keeps the same picture at the same address from one run to the next. If the port is
 * busy (the app is running the demo too), any free port does, at the cost of a new profile version.
 */
function demoPort(workspaceId: string): number {
  const h = createHash('sha256').update(workspaceId).digest();
  return 20_000 + (h.readUInt16BE(0) % 20_000);
}

/** The demo's world moves on by one scripted step every few minutes of the workspace's life. */
export const DEMO_STEP_MINUTES = 3;

/**
 * The demo workspace's platforms: the simulator, started in this process, with the demo sites
 * connected to it exactly as real sites are connected to the real APIs (address, account id,
 * token in the keychain). Nothing in capture knows it is talking to a simulator.
 */
export async function startDemoPlatforms(ws: Workspace, store: CredentialStore, now: () => Date = () => new Date()): Promise<{ simulator: Simulator; close(): Promise<void> }> {
  if (!ws.demo) throw new Error('Only the demo workspace runs on the simulator.');
  const created = Date.parse(readMeta(ws.db, 'created_at') ?? new Date().toISOString());
  // The simulator's clock stands at the workspace's creation: every process that starts the demo
  // (the app, the CLI) then sees the same ids and times, so captures add only what really changed.
  // The demo Page's admins are the people the registry approved for it, so the vandalism watch
  // starts from a Page that matches the registry (SEC-7 then fires only on the timeline's intruder).
  const fbSite = (ws.db.prepare("SELECT id FROM sites WHERE platform = 'facebook' AND handle = 'CityofKalispell'").get() as { id: number } | undefined)?.id;
  const names = fbSite === undefined ? [] : effectiveAdmins(ws.db, fbSite).map((a) => a.name);
  const pageAdmins = names.length >= 2 ? [names[0], names[1]] as [string, string] : undefined;
  const options = { seed: 1, now: () => created, ...(pageAdmins ? { pageAdmins } : {}) };
  const simulator = await startSimulator({ ...options, port: demoPort(ws.id) }).catch(() => startSimulator(options));
  const cmId = (ws.db.prepare("SELECT id FROM people WHERE role = 'communications_manager' AND active = 1 ORDER BY id LIMIT 1").get() as { id: number } | undefined)?.id;
  if (cmId === undefined) throw new Error('The demo workspace has no Communications Manager.');
  const ctx = { db: ws.db, actor: loadActor(ws.db, cmId), now };
  for (const site of listSites(ctx)) {
    const target = site.platform === 'facebook' && site.handle === 'CityofKalispell'
      ? { baseUrl: simulator.facebookBaseUrl, accountId: simulator.facebookPageId, token: simulator.tokens.facebookPage }
      : site.platform === 'x' && site.handle === 'CityKalispell'
        ? { baseUrl: simulator.xBaseUrl, accountId: simulator.xUserId, token: simulator.tokens.xUser }
        : null;
    if (!target) continue;
    setConnection(ctx, { siteId: site.id, baseUrl: target.baseUrl, accountId: target.accountId, captureMinutes: 5 });
    await store.set(apiTokenAccount(site.id), target.token);
  }
  const due = () => Math.floor((now().getTime() - created) / (DEMO_STEP_MINUTES * 60_000));
  const catchUp = () => {
    while (simulator.control.step < due() && simulator.control.advance()) { /* one scripted step per interval */ }
  };
  catchUp();
  const timer = setInterval(catchUp, 30_000);
  timer.unref();
  return { simulator, close: async () => { clearInterval(timer); await simulator.close(); } };
}
