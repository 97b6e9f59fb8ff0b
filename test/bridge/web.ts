import { resolveDataDir } from '../../main/workspace/paths';
import { initWorkspace, openWorkspace, workspaceExists } from '../../main/workspace/workspace';
import { startBridge } from './server';

// `npm run web`: the app in a browser, on the demo workspace unless --data-dir says otherwise.
const argv = process.argv.slice(2);
const dataDir = argv.includes('--data-dir') || process.env.CIVICDESK_DATA_DIR ? resolveDataDir(argv) : resolveDataDir(['--data-dir', '.civicdesk-data/demo']);
const workspace = workspaceExists(dataDir) ? openWorkspace(dataDir) : initWorkspace(dataDir, { demo: true });
const port = Number(process.env.PORT ?? 0);
const bridge = await startBridge({ services: { workspace, now: () => new Date() }, port });
console.log(`Civic Social Desk (browser preview) on the workspace in ${dataDir}`);
console.log(`Open: ${bridge.url}`);
console.log('Press Ctrl+C to stop.');
const stop = () => {
  void bridge.close().then(() => {
    workspace.close();
    process.exit(0);
  });
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
