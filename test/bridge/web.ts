import { startAppCapture } from '../../main/capture/scheduler-app';
import { openCredentialStore } from '../../main/credentials/store';
import { AppLock } from '../../main/lock/app-lock';
import { resolveDataDir } from '../../main/workspace/paths';
import { initWorkspace, openWorkspace, workspaceExists } from '../../main/workspace/workspace';
import { startBridge } from './server';

// `npm run web`: the app in a browser, on the demo workspace unless --data-dir says otherwise.
const argv = process.argv.slice(2);
const dataDir = argv.includes('--data-dir') || process.env.CIVICDESK_DATA_DIR ? resolveDataDir(argv) : resolveDataDir(['--data-dir', '.civicdesk-data/demo']);
const workspace = workspaceExists(dataDir) ? openWorkspace(dataDir) : initWorkspace(dataDir, { demo: true });
const port = Number(process.env.PORT ?? 0);
const capture = startAppCapture(workspace);
// The preview locks like the app does, so the lock screen can be tried here too.
const lock = new AppLock(workspace, () => openCredentialStore(workspace.id));
const bridge = await startBridge({ services: { workspace, now: () => new Date(), capture: capture.coordinator, lock }, port });
console.log(`Civic Social Desk (browser preview) on the workspace in ${dataDir}`);
console.log(`Open: ${bridge.url}`);
console.log('Press Ctrl+C to stop.');
const stop = () => {
  void bridge.close().then(() => capture.dispose()).then(() => {
    lock.dispose();
    workspace.close();
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
