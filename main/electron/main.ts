import { app, BrowserWindow, ipcMain, Notification, powerMonitor, protocol, session, shell } from 'electron';
import { join } from 'node:path';
import { startAppCapture, type AppCapture } from '../capture/scheduler-app';
import { openCredentialStore } from '../credentials/store';
import { AppLock } from '../lock/app-lock';
import { resolveDataDir } from '../workspace/paths';
import { initWorkspace, openWorkspace, workspaceExists, type Workspace } from '../workspace/workspace';
import { registerIpc } from './ipc';
import { serveRendererFile } from './protocol';
import { APP_ORIGIN, APP_SCHEME, denyPermissions, guardNavigation, isAllowedExternal, secureWebPreferences } from './security';

// Must happen before 'ready': app:// behaves like https (secure context, its own origin).
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
app.enableSandbox();

let workspace: Workspace | null = null;
let capture: AppCapture | null = null;
let lock: AppLock | null = null;

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
    webPreferences: secureWebPreferences(join(import.meta.dirname, '../preload/index.cjs'), app.isPackaged),
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
  const ws = workspace;
  // SEC-7: a vandalism alert reaches the person at once, not only the inbox.
  capture = startAppCapture(ws, { notify: (n) => { if (Notification.isSupported()) new Notification({ title: n.title, body: n.body }).show(); } });
  // SEC-3/SEC-5: the app opens locked (once a passphrase is set) and locks on screen lock and sleep.
  lock = new AppLock(ws, () => openCredentialStore(ws.id));
  const lockOn = (reason: 'screen-lock' | 'suspend') => () => { if (lock?.hasPassphrase()) lock.lock(reason); };
  powerMonitor.on('lock-screen', lockOn('screen-lock'));
  powerMonitor.on('suspend', lockOn('suspend'));
  registerIpc(ipcMain, { workspace: ws, now: () => new Date(), capture: capture.coordinator, lock });
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

app.on('will-quit', (event?: { preventDefault(): void }) => {
  const closing = capture;
  capture = null;
  if (closing && event) {
    // A capture stops between two batches and the demo's simulator closes before the database does.
    event.preventDefault();
    void closing.dispose().finally(() => app.quit());
    return;
  }
  void closing?.dispose();
  lock?.dispose();
  workspace?.close();
  workspace = null;
});
