import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../preload/contract';
import { tempDir } from '../helpers/workspace';

/**
 * A stand-in for the electron module that records what main.ts asks of it. The real binary cannot
 * be downloaded on the build machines, so this is how the wiring is proven.
 */
const recorded = vi.hoisted(() => ({
  schemes: [] as unknown[],
  sandboxed: false,
  windows: [] as { options: { webPreferences: Record<string, unknown> }; loaded: string[] }[],
  handlers: new Map<string, (event: unknown, input: unknown) => unknown>(),
  protocolHandlers: [] as string[],
  permissionHandlers: 0,
  appEvents: new Map<string, (...a: unknown[]) => void>(),
  powerEvents: [] as string[],
}));

vi.mock('electron', () => {
  class BrowserWindow {
    static all: BrowserWindow[] = [];
    static getAllWindows() { return BrowserWindow.all; }
    loaded: string[] = [];
    webContents = { on: () => undefined, setWindowOpenHandler: () => undefined };
    constructor(options: { webPreferences: Record<string, unknown> }) {
      recorded.windows.push({ options, loaded: this.loaded });
      BrowserWindow.all.push(this);
    }
    once() { return this; }
    show() { return undefined; }
    async loadURL(url: string) { this.loaded.push(url); }
  }
  const session = () => ({
    setPermissionRequestHandler: () => { recorded.permissionHandlers++; },
    setPermissionCheckHandler: () => undefined,
    setDevicePermissionHandler: () => undefined,
    protocol: { handle: (scheme: string) => { recorded.protocolHandlers.push(`partition:${scheme}`); } },
  });
  return {
    app: {
      enableSandbox: () => { recorded.sandboxed = true; },
      whenReady: () => Promise.resolve(),
      on: (event: string, fn: (...a: unknown[]) => void) => { recorded.appEvents.set(event, fn); },
      quit: () => undefined,
      exit: () => undefined,
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string, fn: (event: unknown, input: unknown) => unknown) => { recorded.handlers.set(channel, fn); } },
    protocol: {
      registerSchemesAsPrivileged: (s: unknown[]) => { recorded.schemes.push(...s); },
      handle: (scheme: string) => { recorded.protocolHandlers.push(`default:${scheme}`); },
    },
    session: { fromPartition: session, defaultSession: session() },
    shell: { openExternal: async () => undefined },
    Notification: class { static isSupported() { return false; } show() { return undefined; } },
    powerMonitor: { on: (event: string) => { recorded.powerEvents.push(event); } },
  };
});

const dir = tempDir();
beforeAll(async () => {
  process.env.CIVICDESK_DATA_DIR = join(dir, 'ws');
  await import('../../main/electron/main');
  await vi.waitFor(() => expect(recorded.windows).toHaveLength(1));
});
afterAll(() => {
  recorded.appEvents.get('will-quit')?.();
  delete process.env.CIVICDESK_DATA_DIR;
  rmSync(dir, { recursive: true, force: true });
});

describe('Electron main wiring', () => {
  it('enables the sandbox everywhere and registers app:// as a secure standard scheme before ready', () => {
    expect(recorded.sandboxed).toBe(true);
    expect(recorded.schemes).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
    expect(recorded.protocolHandlers).toEqual(expect.arrayContaining(['partition:app', 'default:app']));
    expect(recorded.permissionHandlers).toBeGreaterThanOrEqual(2);
  });

  it('opens one window with the secure preferences, loading the renderer from app:// and not file://', () => {
    const win = recorded.windows[0];
    expect(win?.options.webPreferences).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true });
    expect(String(win?.options.webPreferences.preload)).toMatch(/preload[\\/]index\.cjs$/);
    expect(win?.loaded).toEqual(['app://civicdesk/index.html']);
  });

  it('registers exactly the contract\u2019s channels, each checking its sender', async () => {
    expect([...recorded.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    const handler = recorded.handlers.get('session.get');
    const trusted = await handler?.({ senderFrame: { url: 'app://civicdesk/index.html', parent: null } }, undefined) as { ok: boolean };
    expect(trusted.ok).toBe(true);
    const foreign = await handler?.({ senderFrame: { url: 'https://evil.example/', parent: null } }, undefined) as { ok: boolean; error: { code: string } };
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const sub = await handler?.({ senderFrame: { url: 'app://civicdesk/index.html', parent: {} } }, undefined) as { ok: boolean };
    expect(sub.ok).toBe(false);
  });

  it('[SEC-5] locks on screen lock and on suspend', () => {
    expect(recorded.powerEvents).toEqual(expect.arrayContaining(['lock-screen', 'suspend']));
  });

  it('creates a workspace on first start in the data folder it was given, with no owner yet', async () => {
    const handler = recorded.handlers.get('session.get');
    const result = await handler?.({ senderFrame: { url: 'app://civicdesk/index.html', parent: null } }, undefined) as { value: { owner: unknown; workspace: { dataDir: string } } };
    expect(result.value.workspace.dataDir).toBe(join(dir, 'ws'));
    expect(result.value.owner).toBeNull();
  });
});
