import { app, BrowserWindow, ipcMain, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { resolveDataDir } from '../workspace/paths';
import { initWorkspace, openWorkspace, workspaceExists, type Workspace } from '../workspace/workspace';
import { registerIpc } from './ipc';
import { serveRendererFile } from './protocol';
import { APP_ORIGIN, APP_SCHEME, denyPermissions, guardNavigation, isAllowedExternal, secureWebPreferences } from './security';

// Must happen before 'ready': app:// behaves like https (secure context, its own origin).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

let workspace: Workspace | null = null;

function openOrCreateWorkspace(): Workspace {
  const dataDir = resolveDataDir(process.argv, process.env);
  if (workspaceExists(dataDir)) return openWorkspace(dataDir);
  // A first start makes an empty workspace; the renderer then asks who owns it.
  return initWorkspace(dataDir, { demo: process.argv.includes('--demo') });
}

function createWindow(): void {
  const win = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Civic Social Desk',
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/index.cjs')),
  });
  guardNavigation(win.webContents, (url) => void shell.openExternal(url));
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${APP_ORIGIN}/index.html`);
}

app.on('web-contents-created', (_event, contents) => {
  guardNavigation(contents, (url) => {
    if (isAllowedExternal(url)) void shell.openExternal(url);
  });
});

app.whenReady().then(() => {
  const appSession = session.fromPartition('civicdesk-app');
  denyPermissions(appSession);
  denyPermissions(session.defaultSession);
  const rendererDir = join(import.meta.dirname, '../renderer');
  const handler = (request: Request) => serveRendererFile(rendererDir, request.url);
  appSession.protocol.handle(APP_SCHEME, handler);
  protocol.handle(APP_SCHEME, handler);
  workspace = openOrCreateWorkspace();
  registerIpc(ipcMain, { workspace, now: () => new Date() });
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
}).catch((err: unknown) => {
  console.error('Civic Social Desk could not start:', err);
  app.exit(1);
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', () => {
  workspace?.close();
  workspace = null;
});
