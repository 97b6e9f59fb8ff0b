import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Session, WebContents } from 'electron';
import { serveRendererFile } from '../../main/electron/protocol';
import {
  allowPermission, CONTENT_SECURITY_POLICY, denyPermissions, guardNavigation, isAllowedExternal, isAppUrl, isTrustedSender, secureWebPreferences,
} from '../../main/electron/security';
import { tempDir } from '../helpers/workspace';

/** Just enough of WebContents to watch what the guards do with navigation and new windows. */
class FakeContents extends EventEmitter {
  openHandler: ((d: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler(h: (d: { url: string }) => { action: string }) { this.openHandler = h; }
  navigate(event: string, url: string): boolean {
    let prevented = false;
    this.emit(event, { preventDefault: () => { prevented = true; } }, url);
    return prevented;
  }
}

describe('secure window defaults', () => {
  it('[SEC-3] states every security-relevant web preference and keeps sessions in memory', () => {
    const prefs = secureWebPreferences('/app/preload.cjs');
    expect(prefs).toMatchObject({
      sandbox: true, contextIsolation: true, nodeIntegration: false, nodeIntegrationInWorker: false, nodeIntegrationInSubFrames: false,
      webSecurity: true, allowRunningInsecureContent: false, webviewTag: false, experimentalFeatures: false, preload: '/app/preload.cjs',
    });
    // No "persist:" prefix: nothing the page stores outlives the app (no remembered logins).
    expect(prefs.partition?.startsWith('persist:')).toBe(false);
  });

  it('has a strict CSP: own scripts only, no inline, no network, no framing', () => {
    const csp = Object.fromEntries(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(csp['default-src']).toBe("'none'");
    expect(csp['script-src']).toBe("'self'");
    expect(csp['connect-src']).toBe("'none'");
    expect(csp['object-src']).toBe("'none'");
    expect(csp['frame-ancestors']).toBe("'none'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval/);
  });

  it('denies navigation away from the app and new windows; opens only web and mail links outside', () => {
    const contents = new FakeContents();
    const opened: string[] = [];
    guardNavigation(contents as unknown as WebContents, (u) => opened.push(u));
    expect(contents.navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(contents.navigate('will-redirect', 'http://127.0.0.1:9/')).toBe(true);
    expect(contents.navigate('will-navigate', 'app://civicdesk/index.html')).toBe(false);
    expect(contents.navigate('will-attach-webview', 'x')).toBe(true);
    expect(contents.openHandler?.({ url: 'https://www.kalispell.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(opened).toEqual(['https://www.kalispell.com/']);
  });

  it('lets openExternal see only http(s) and mailto addresses', () => {
    expect(isAllowedExternal('https://www.facebook.com/CityofKalispell')).toBe(true);
    expect(isAllowedExternal('mailto:cityclerk@kalispell.com')).toBe(true);
    for (const bad of ['file:///C:/Windows', 'javascript:alert(1)', 'smb://server/share', 'https://user:pw@host/', 'ms-msdt:foo', 'not a url']) {
      expect(isAllowedExternal(bad), bad).toBe(false);
    }
  });

  it('denies every permission but the clipboard, and that only to the app\u2019s own page', () => {
    expect(allowPermission('clipboard-sanitized-write', 'app://civicdesk')).toBe(true);
    expect(allowPermission('clipboard-read', 'app://civicdesk/index.html')).toBe(true);
    expect(allowPermission('clipboard-read', 'https://evil.example')).toBe(false);
    expect(allowPermission('media', 'app://civicdesk')).toBe(false);
    expect(allowPermission('clipboard-read', undefined)).toBe(false);
    const h: { request?: (wc: unknown, p: string, cb: (ok: boolean) => void) => void; check?: (wc: unknown, p: string, origin: string) => boolean; device?: () => boolean } = {};
    const session = {
      setPermissionRequestHandler: (fn: typeof h.request) => { h.request = fn; },
      setPermissionCheckHandler: (fn: typeof h.check) => { h.check = fn; },
      setDevicePermissionHandler: (fn: typeof h.device) => { h.device = fn; },
    };
    denyPermissions(session as unknown as Session);
    const answers: boolean[] = [];
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read']) h.request?.(null, p, (ok) => answers.push(ok));
    expect(answers).toEqual([false, false, false, false]);
    expect(h.check?.(null, 'media', 'app://civicdesk')).toBe(false);
    expect(h.check?.(null, 'clipboard-read', 'https://evil.example')).toBe(false);
    expect(h.device?.()).toBe(false);
  });

  it('trusts IPC only from the app\u2019s own top-level frame', () => {
    expect(isTrustedSender({ url: 'app://civicdesk/index.html', parent: null })).toBe(true);
    expect(isTrustedSender({ url: 'app://civicdesk/index.html', parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
    expect(isAppUrl('app://civicdesk.evil/x')).toBe(false);
  });
});

describe('app:// protocol', () => {
  it('serves the renderer with the CSP header and refuses paths outside its folder', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'renderer'));
    writeFileSync(join(dir, 'renderer', 'index.html'), '<p>ok</p>');
    writeFileSync(join(dir, 'secret.txt'), 'nope');
    const ok = await serveRendererFile(join(dir, 'renderer'), 'app://civicdesk/');
    expect(ok.status).toBe(200);
    expect(ok.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await ok.text()).toBe('<p>ok</p>');
    expect((await serveRendererFile(join(dir, 'renderer'), 'app://civicdesk/..%2fsecret.txt')).status).toBe(403);
    expect((await serveRendererFile(join(dir, 'renderer'), 'app://civicdesk/missing.js')).status).toBe(404);
    expect((await serveRendererFile(join(dir, 'renderer'), 'app://other/index.html')).status).toBe(404);
  });
});
