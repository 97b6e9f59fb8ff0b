import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { CHANNELS } from '../../preload/contract';
import { CONTENT_SECURITY_POLICY, secureWebPreferences } from '../../main/electron/security';
import { tempDir } from '../helpers/workspace';

/**
 * Electron's security checklist, the items security.test.ts and main-wiring.test.ts do not
 * already prove. The electron module is stubbed (the binary cannot be downloaded on the build
 * machines) with a fake that records every handler main.ts and the preload install, so the tests
 * can drive them the way Electron would. SECURITY.md maps each checklist item to its test.
 */
type Listener = (...args: unknown[]) => unknown;
type OpenHandler = (d: { url: string }) => { action: string };
type PermissionRequest = (wc: unknown, permission: string, cb: (ok: boolean) => void, details?: { requestingUrl?: string }) => void;
type PermissionCheck = (wc: unknown, permission: string, origin: string) => boolean;

const rec = vi.hoisted(() => {
  class FakeContents {
    readonly listeners = new Map<string, Listener[]>();
    openHandler: OpenHandler | null = null;
    on(event: string, fn: Listener) {
      this.listeners.set(event, [...(this.listeners.get(event) ?? []), fn]);
      return this;
    }
    setWindowOpenHandler(h: OpenHandler) { this.openHandler = h; }
    getURL() { return 'app://civicdesk/index.html'; }
    /** Fires an event the way Electron does; true when some listener prevented it. */
    fire(event: string, url: string): boolean {
      let prevented = false;
      for (const fn of this.listeners.get(event) ?? []) fn({ preventDefault: () => { prevented = true; } }, url);
      return prevented;
    }
  }
  class FakeSession {
    request: PermissionRequest | null = null;
    check: PermissionCheck | null = null;
    device: (() => boolean) | null = null;
    schemes: string[] = [];
    constructor(readonly name: string) {}
    setPermissionRequestHandler(fn: PermissionRequest) { this.request = fn; }
    setPermissionCheckHandler(fn: PermissionCheck) { this.check = fn; }
    setDevicePermissionHandler(fn: () => boolean) { this.device = fn; }
    get protocol() { return { handle: (scheme: string) => { this.schemes.push(scheme); } }; }
  }
  return {
    FakeContents,
    FakeSession,
    windows: [] as { options: { webPreferences: Record<string, unknown> }; contents: InstanceType<typeof FakeContents>; loaded: string[] }[],
    handlers: new Map<string, (event: unknown, input: unknown) => unknown>(),
    appEvents: new Map<string, Listener>(),
    sessions: new Map<string, InstanceType<typeof FakeSession>>(),
    schemes: [] as { scheme: string; privileges: Record<string, boolean> }[],
    opened: [] as string[],
    exposed: [] as { key: string; api: unknown }[],
    invoked: [] as { channel: string; input: unknown }[],
    /** Calls to Electron APIs the app must never make. */
    forbidden: [] as string[],
  };
});

vi.mock('electron', () => {
  class BrowserWindow {
    static all: BrowserWindow[] = [];
    static getAllWindows() { return BrowserWindow.all; }
    webContents = new rec.FakeContents();
    loaded: string[] = [];
    constructor(options: { webPreferences: Record<string, unknown> }) {
      rec.windows.push({ options, contents: this.webContents, loaded: this.loaded });
      BrowserWindow.all.push(this);
    }
    once() { return this; }
    show() { return undefined; }
    async loadURL(url: string) { this.loaded.push(url); }
  }
  const sessionNamed = (name: string) => {
    const s = rec.sessions.get(name) ?? new rec.FakeSession(name);
    rec.sessions.set(name, s);
    return s;
  };
  const never = (name: string) => () => { rec.forbidden.push(name); };
  return {
    app: {
      // As an installed build reports itself.
      isPackaged: true,
      enableSandbox: () => undefined,
      whenReady: () => Promise.resolve(),
      on: (event: string, fn: Listener) => { rec.appEvents.set(event, fn); },
      quit: () => undefined,
      exit: () => undefined,
      setAsDefaultProtocolClient: never('app.setAsDefaultProtocolClient'),
      commandLine: { appendSwitch: never('app.commandLine.appendSwitch') },
    },
    BrowserWindow,
    ipcMain: {
      handle: (channel: string, fn: (event: unknown, input: unknown) => unknown) => { rec.handlers.set(channel, fn); },
      on: never('ipcMain.on'),
    },
    protocol: {
      registerSchemesAsPrivileged: (s: { scheme: string; privileges: Record<string, boolean> }[]) => { rec.schemes.push(...s); },
      handle: (scheme: string) => { sessionNamed('<default>').schemes.push(scheme); },
      registerFileProtocol: never('protocol.registerFileProtocol'),
    },
    session: { fromPartition: sessionNamed, get defaultSession() { return sessionNamed('<default>'); } },
    shell: { openExternal: async (url: string) => { rec.opened.push(url); }, openPath: never('shell.openPath') },
    Notification: class { static isSupported() { return false; } show() { return undefined; } },
    powerMonitor: { on: () => undefined },
    contextBridge: {
      exposeInMainWorld: (key: string, api: unknown) => { rec.exposed.push({ key, api }); },
      exposeInIsolatedWorld: never('contextBridge.exposeInIsolatedWorld'),
    },
    ipcRenderer: {
      invoke: async (channel: string, input: unknown) => {
        rec.invoked.push({ channel, input });
        return { ok: true, value: null };
      },
      send: never('ipcRenderer.send'),
      sendSync: never('ipcRenderer.sendSync'),
      on: never('ipcRenderer.on'),
    },
  };
});

const root = resolve(import.meta.dirname, '../..');
const dir = tempDir();
const APP_FRAME = { url: 'app://civicdesk/index.html', parent: null };

beforeAll(async () => {
  process.env.CIVICDESK_DATA_DIR = join(dir, 'ws');
  await import('../../main/electron/main');
  await vi.waitFor(() => expect(rec.windows).toHaveLength(1));
  await import('../../preload/index');
});
afterAll(() => {
  rec.appEvents.get('will-quit')?.();
  delete process.env.CIVICDESK_DATA_DIR;
  rmSync(dir, { recursive: true, force: true });
});

/** Every source file of a folder, as [path relative to the project, text]. */
function sources(folder: string, ext = /\.(ts|tsx|mjs|cjs|js)$/): [string, string][] {
  const out: [string, string][] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (ext.test(e.name)) out.push([relative(root, p), readFileSync(p, 'utf8')]);
    }
  };
  walk(join(root, folder));
  return out;
}
const APP_CODE = () => [...sources('main'), ...sources('preload'), ...sources('renderer')];

function cspDirectives(policy: string): Map<string, string> {
  return new Map(policy.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name = '', ...values] = d.split(/\s+/);
    return [name.toLowerCase(), values.join(' ')];
  }));
}

/** Just enough YAML: the `key: value` lines of one top-level block. */
function yamlBlock(text: string, block: string): Map<string, string> {
  const lines = text.split('\n');
  const start = lines.findIndex((l) => l.trimEnd() === `${block}:`);
  const out = new Map<string, string>();
  if (start < 0) return out;
  for (const line of lines.slice(start + 1)) {
    if (/^\S/.test(line)) break;
    const m = /^\s+([A-Za-z0-9]+):\s*([^#]*?)\s*(#.*)?$/.exec(line);
    if (m?.[1] && m[2] !== undefined) out.set(m[1], m[2]);
  }
  return out;
}

describe('Electron security checklist', () => {
  it('[SEC-3] [SEC-4] keeps the window\u2019s session in memory, so no login, cookie or saved form outlives the app', () => {
    const partition = String(rec.windows[0]?.options.webPreferences.partition);
    expect(partition).not.toMatch(/^persist:/);
    // The session the window uses is the one main hardened and serves app:// on.
    const s = rec.sessions.get(partition);
    expect(s?.schemes).toContain('app');
    expect(s?.request).not.toBeNull();
    // Nothing in the app asks for a persistent partition anywhere (a login window included).
    for (const [file, text] of APP_CODE()) expect(text, file).not.toMatch(/['"`]persist:/);
  });

  it('[SEC-4] never lets the page keep a password: no web storage in the renderer, and the vault\u2019s password field turns autofill off', () => {
    for (const [file, text] of sources('renderer')) {
      expect(text, file).not.toMatch(/\b(localStorage|sessionStorage|indexedDB|document\.cookie|navigator\.credentials|caches\.open)\b/);
    }
    const field = readFileSync(join(root, 'renderer/views/vault/PasswordField.tsx'), 'utf8');
    expect(field).toMatch(/autoComplete="off"/);
  });

  it('exposes exactly one frozen API object through contextBridge, one function per channel, over invoke only', async () => {
    expect(rec.exposed).toHaveLength(1);
    const [{ key, api } = { key: '', api: null }] = rec.exposed;
    expect(key).toBe('civicdesk');
    expect(Object.isFrozen(api)).toBe(true);
    const fns = api as Record<string, (input?: unknown) => Promise<unknown>>;
    expect(Object.keys(fns).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS) expect(typeof fns[channel], channel).toBe('function');
    // No generic send, no ipcRenderer and no Electron object handed to the page.
    for (const name of ['send', 'invoke', 'on', 'ipcRenderer', 'require', 'process']) expect(fns[name], name).toBeUndefined();
    await fns['registry.sites.get']?.({ id: 1 });
    expect(rec.invoked).toEqual([{ channel: 'registry.sites.get', input: { id: 1 } }]);
    const preload = readFileSync(join(root, 'preload/index.ts'), 'utf8');
    expect(preload.match(/exposeInMainWorld\(/g)).toHaveLength(1);
    expect(preload).not.toMatch(/ipcRenderer\.(send|sendSync|on|once|postMessage)\b/);
  });

  it('refuses every channel from any sender but the app\u2019s own top-level page, before the input is looked at', async () => {
    expect([...rec.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
    const strangers = [
      null, undefined, { url: 'https://evil.example/', parent: null }, { url: 'app://civicdesk/index.html', parent: APP_FRAME },
      { url: 'app://civicdesk.evil/index.html', parent: null }, { url: 'file:///index.html', parent: null }, { url: 'about:blank', parent: null },
    ];
    for (const channel of CHANNELS) {
      for (const senderFrame of strangers) {
        const answer = await rec.handlers.get(channel)?.({ senderFrame }, { id: 1 });
        expect(answer, `${channel} from ${JSON.stringify(senderFrame)}`).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      }
    }
    const ok = await rec.handlers.get('session.get')?.({ senderFrame: APP_FRAME }, undefined);
    expect(ok).toMatchObject({ ok: true });
  });

  it('hardens every web contents that is created: no navigation away, no new windows, no webviews', () => {
    const created = rec.appEvents.get('web-contents-created');
    expect(created).toBeTypeOf('function');
    const contents = new rec.FakeContents();
    created?.({}, contents);
    expect(contents.fire('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-redirect', 'file:///etc/passwd')).toBe(true);
    expect(contents.fire('will-attach-webview', 'https://evil.example/')).toBe(true);
    expect(contents.fire('will-navigate', 'app://civicdesk/index.html')).toBe(false);
    expect(contents.openHandler?.({ url: 'app://civicdesk/index.html' })).toEqual({ action: 'deny' });
  });

  it('opens external links only after the check, for the main window and any other web contents', () => {
    const created = rec.appEvents.get('web-contents-created');
    const other = new rec.FakeContents();
    created?.({}, other);
    const windows = [rec.windows[0]?.contents, other];
    rec.opened.length = 0;
    const hostile = ['file:///etc/passwd', 'javascript:alert(1)', 'smb://host/share', 'https://user:pw@evil.example/', 'ms-msdt:x', 'app://civicdesk/x', 'not a url', ''];
    for (const contents of windows) {
      for (const url of hostile) expect(contents?.openHandler?.({ url })).toEqual({ action: 'deny' });
    }
    expect(rec.opened).toEqual([]);
    for (const contents of windows) contents?.openHandler?.({ url: 'https://www.kalispell.com/' });
    expect(rec.opened.every((u) => u === 'https://www.kalispell.com/')).toBe(true);
    expect(rec.opened.length).toBeGreaterThanOrEqual(2);
    // Every shell.openExternal call site is in main.ts, where this test reaches it.
    const callers = APP_CODE().filter(([, text]) => /shell\s*\.\s*openExternal|\{[^}]*\bshell\b[^}]*\}\s*=/.test(text)).map(([file]) => file);
    expect(callers).toEqual([join('main', 'electron', 'main.ts')]);
  });

  it('refuses every permission but the clipboard, on the app\u2019s session and the default one', () => {
    const partition = String(rec.windows[0]?.options.webPreferences.partition);
    for (const name of [partition, '<default>']) {
      const s = rec.sessions.get(name);
      const answers: boolean[] = [];
      for (const p of ['media', 'geolocation', 'notifications', 'midi', 'openExternal', 'fullscreen', 'hid', 'serial']) {
        s?.request?.(null, p, (ok) => answers.push(ok), { requestingUrl: 'app://civicdesk/index.html' });
      }
      expect(answers, name).toEqual(Array(8).fill(false));
      expect(s?.check?.(null, 'clipboard-read', 'https://evil.example'), name).toBe(false);
      expect(s?.check?.(null, 'clipboard-read', 'app://civicdesk'), name).toBe(true);
      expect(s?.device?.(), name).toBe(false);
    }
  });

  it('turns DevTools off in an installed build and keeps them for development runs', () => {
    expect(rec.windows[0]?.options.webPreferences.devTools).toBe(false);
    expect(secureWebPreferences('/p.cjs').devTools).toBe(false);
    expect(secureWebPreferences('/p.cjs', true).devTools).toBe(false);
    expect(secureWebPreferences('/p.cjs', false).devTools).toBe(true);
  });

  it('gives app:// no privilege beyond a secure standard scheme, and registers no OS protocol or file handler', () => {
    expect(rec.schemes).toHaveLength(1);
    const privileges = rec.schemes[0]?.privileges ?? {};
    for (const risky of ['bypassCSP', 'corsEnabled', 'allowServiceWorkers', 'stream', 'codeCache']) expect(privileges[risky], risky).toBeFalsy();
    expect(rec.forbidden).toEqual([]);
    for (const [file, text] of APP_CODE()) {
      expect(text, file).not.toMatch(/setAsDefaultProtocolClient|registerFileProtocol|interceptFileProtocol|appendSwitch/);
    }
  });

  it('uses no remote module and turns no checklist setting to its unsafe side anywhere', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies?: object; devDependencies?: object };
    expect(Object.keys({ ...pkg.dependencies, ...pkg.devDependencies })).not.toContain('@electron/remote');
    const unsafe = [
      /@electron\/remote/, /enableRemoteModule/, /\bremote\b[^'"\n]*\bfrom\s+['"]electron['"]/, /nodeIntegration(InWorker|InSubFrames)?\s*:\s*true/,
      /contextIsolation\s*:\s*false/, /sandbox\s*:\s*false/, /webSecurity\s*:\s*false/, /allowRunningInsecureContent\s*:\s*true/,
      /experimentalFeatures\s*:\s*true/, /enableBlinkFeatures\s*:\s*['"`][^'"`]/, /webviewTag\s*:\s*true/, /allowpopups/i, /<webview/i,
    ];
    for (const [file, text] of APP_CODE()) for (const pattern of unsafe) expect(text, `${file} ${pattern}`).not.toMatch(pattern);
    // Only main/electron and the preload may import Electron at all.
    const importers = APP_CODE().filter(([, text]) => /from\s+['"]electron['"]|require\(['"]electron['"]\)/.test(text)).map(([file]) => file);
    for (const file of importers) expect(file).toMatch(/^(main[\\/]electron[\\/]|preload[\\/]index\.ts$)/);
  });

  it('states the same essentials in the CSP header and the page\u2019s meta tag', () => {
    const html = readFileSync(join(root, 'renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const header = cspDirectives(CONTENT_SECURITY_POLICY);
    const page = cspDirectives(meta ?? '');
    for (const d of ['default-src', 'script-src', 'style-src', 'img-src', 'font-src', 'object-src', 'base-uri', 'form-action']) {
      expect(page.get(d), d).toBe(header.get(d));
    }
    for (const policy of [header, page]) {
      expect(policy.get('script-src')).toBe("'self'");
      expect([...policy.values()].join(' ')).not.toMatch(/unsafe-inline|unsafe-eval|unsafe-hashes|\*|https?:/);
    }
    // The header allows no connections; the meta tag allows the page's own origin, which only the
    // browser preview (npm run web) needs. In Electron both apply, so the stricter one wins.
    expect(header.get('connect-src')).toBe("'none'");
    expect(["'none'", "'self'"]).toContain(page.get('connect-src'));
  });

  it('states every Electron fuse in electron-builder.yml, each on its safe side', async () => {
    const yml = readFileSync(join(root, 'electron-builder.yml'), 'utf8');
    const fuses = yamlBlock(yml, 'electronFuses');
    const safe: Record<string, string> = {
      runAsNode: 'false', enableCookieEncryption: 'true', enableNodeOptionsEnvironmentVariable: 'false', enableNodeCliInspectArguments: 'false',
      enableEmbeddedAsarIntegrityValidation: 'true', onlyLoadAppFromAsar: 'true', loadBrowserProcessSpecificV8Snapshot: 'false',
      grantFileProtocolExtraPrivileges: 'false',
    };
    expect(Object.fromEntries(fuses)).toEqual(safe);
    // Every fuse the installed Electron tooling knows is in that list, so a new one cannot slip by unstated.
    const builder = createRequire(createRequire(join(root, 'package.json')).resolve('electron-builder'));
    const { FuseV1Options } = builder(builder.resolve('@electron/fuses')) as { FuseV1Options: Record<string, string | number> };
    const known = Object.keys(FuseV1Options).filter((k) => Number.isNaN(Number(k))).map((k) => k[0]?.toLowerCase() + k.slice(1));
    expect(known.length).toBeGreaterThanOrEqual(8);
    for (const fuse of known) expect(Object.keys(safe), fuse).toContain(fuse);
    // onlyLoadAppFromAsar needs an asar; the package holds only the built app.
    expect(yml).toMatch(/^asar: true$/m);
    expect(yml).not.toMatch(/^\s+- (main|preload|renderer|test|\.civicdesk-data)\//m);
  });

  it('builds on a supported Electron major', () => {
    const version = (JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')) as { version: string }).version;
    // Electron supports its latest three stable majors; 39 was current when this was written.
    expect(Number(version.split('.')[0])).toBeGreaterThanOrEqual(39);
  });
});
