import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCredentialStore } from '../../main/credentials/store';
import { decodeBase32 } from '../../main/vault/base32';
import { startBridge, type Bridge } from '../bridge/server';
import { demoWorkspace, type TestWorkspace } from '../helpers/workspace';
import { referenceTotp } from '../vault/helpers/reference-totp';
import { axeViolations, describeViolations, launch } from './browser';

// Run inside scripts/with-keyring.mjs: the bridge's vault talks to a real gnome-keyring.
let t: TestWorkspace;
let bridge: Bridge;
let browser: Browser;
let context: BrowserContext;
let page: Page;
const shots = join(import.meta.dirname, '..', '..', 'test-results');
const errors: string[] = [];
/** Saving a password runs scrypt (~0.3 s each) against every other site's hash; give main time on a busy machine. */
const SLOW = { timeout: 15_000 };

const PASSWORD = 'otter-Lichen-spruce-48-bellows';
/** A 10-byte secret, as X issues them. */
const SECRET = 'HXDMVJECJJWSRB3H';

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  t = demoWorkspace(new Date());
  bridge = await startBridge({ services: { workspace: t.ws, now: () => new Date() } });
  browser = await launch();
  context = await browser.newContext({ viewport: { width: 1280, height: 1000 } });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: bridge.origin });
  page = await context.newPage();
  page.on('pageerror', (e) => errors.push(e.message));
  await page.clock.install();
  await page.goto(bridge.url);
  await page.getByText('Acting as').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  if (t) {
    const store = await openCredentialStore(t.ws.id);
    for (const a of await store.accounts()) await store.delete(a);
    t.cleanup();
  }
});

const card = (name: string): Locator => page.getByRole('article', { name });
const X = 'City of Kalispell (X)';
const FB = 'City of Kalispell (Facebook)';

function codesAround(nowMs: number): string[] {
  const key = decodeBase32(SECRET);
  return [-30, 0, 30].map((d) => referenceTotp(key, 'SHA1', 6, 30, Math.floor(nowMs / 1000) + d));
}

describe('vault end to end in Chromium', () => {
  it('[SEC-2] [SEC-8] stores a password and a 2FA seed for the X site and shows its live code with a countdown', async () => {
    await page.keyboard.press('Alt+7');
    await expect.poll(() => page.getByRole('heading', { name: 'Vault', level: 1 }).isVisible(), SLOW).toBe(true);
    await expect.poll(() => page.getByText('The OS keychain is available').isVisible(), SLOW).toBe(true);

    await card(X).getByRole('button', { name: `Add password for ${X}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Login name').fill('@CityKalispell');
    await dialog.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await expect.poll(() => dialog.locator('.strength').innerText(), SLOW).toMatch(/Very strong|Strong/);
    // The field is masked and never offered to a browser password manager (SEC-4).
    expect(await dialog.getByLabel('Password', { exact: true }).getAttribute('type')).toBe('password');
    expect(await dialog.getByLabel('Password', { exact: true }).getAttribute('autocomplete')).toBe('off');
    await dialog.getByRole('button', { name: 'Save password' }).click();
    await expect.poll(() => page.getByRole('dialog').count(), SLOW).toBe(0);
    await expect.poll(() => card(X).getByText('Unique and strong').isVisible(), SLOW).toBe(true);
    expect(await card(X).innerText()).toContain('@CityKalispell');
    expect(await page.content()).not.toContain(PASSWORD);

    await card(X).getByRole('button', { name: `Add 2FA for ${X}` }).click();
    await dialog.getByLabel('Setup link', { exact: true }).fill(`otpauth://totp/X:%40CityKalispell?secret=${SECRET}&issuer=X`);
    await dialog.getByRole('button', { name: 'Save 2FA seed' }).click();
    // The registry still says 2FA is off: the app asks, and changes it only when told to.
    await expect.poll(() => dialog.getByText(/still records two-factor authentication as off/).isVisible(), SLOW).toBe(true);
    expect(await card(X).getByText('Off (SEC-2)').isVisible()).toBe(true);
    await dialog.getByRole('button', { name: 'Mark 2FA as on' }).click();
    await expect.poll(() => card(X).getByText('On', { exact: true }).isVisible(), SLOW).toBe(true);

    const code = card(X).locator('.totp-code');
    await code.waitFor();
    const shown = (await code.innerText()).replace(/\s/g, '');
    expect(codesAround(Date.now())).toContain(shown);
    const seconds = async () => Number((await card(X).getByTestId('totp-seconds').innerText()).replace(/\D/g, ''));
    const first = await seconds();
    expect(first).toBeGreaterThanOrEqual(1);
    expect(first).toBeLessThanOrEqual(30);
    await expect.poll(seconds, { timeout: 5000 }).not.toBe(first);
    expect(errors).toEqual([]);
  });

  it('[SEC-8] warns when the Facebook site is given the X site\u2019s password and saves it only when confirmed', async () => {
    await card(FB).getByRole('button', { name: `Add password for ${FB}` }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Password', { exact: true }).fill(PASSWORD);
    await dialog.getByRole('button', { name: 'Save password' }).click();
    const warning = dialog.getByRole('alert').filter({ hasText: 'Not saved yet' });
    await expect.poll(() => warning.innerText(), SLOW).toMatch(/same password as City of Kalispell \(X\)\. Each site needs its own password \(SEC-8\)/);
    await page.screenshot({ path: join(shots, 'vault-reuse-warning.png') });
    expect(await card(FB).getByText('No password stored.').isVisible()).toBe(true);

    await dialog.getByRole('button', { name: 'Save anyway' }).click();
    await expect.poll(() => card(FB).getByText(`Reused: same as ${X} (SEC-8)`).isVisible(), SLOW).toBe(true);
    await expect.poll(() => card(X).getByText(`Reused: same as ${FB} (SEC-8)`).isVisible(), SLOW).toBe(true);
  });

  it('copies the 2FA code to the clipboard and clears it after 30 seconds if it is still there', async () => {
    const shown = (await card(X).locator('.totp-code').innerText()).replace(/\s/g, '');
    await card(X).getByRole('button', { name: `Copy code for ${X}` }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), SLOW).toMatch(/^\d{6}$/);
    expect(codesAround(Date.now())).toContain(await page.evaluate(() => navigator.clipboard.readText()));
    expect(shown).toMatch(/^\d{6}$/);
    await page.clock.runFor(31_000);
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), SLOW).toBe('');

    // Something the person copies after the code is theirs: it is left alone.
    await card(X).getByRole('button', { name: `Copy password for ${X}` }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText()), SLOW).toBe(PASSWORD);
    await page.evaluate(() => navigator.clipboard.writeText('meeting notes'));
    await page.clock.runFor(31_000);
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('meeting notes');
  });

  it('has no axe-core violations (WCAG 2.1 A and AA) in the vault and its dialogs', async () => {
    const all: string[] = [];
    const check = async (where: string) => {
      const v = await axeViolations(page);
      if (v.length) all.push(`${where}:\n${describeViolations(v)}`);
    };
    await check('vault');
    const dialogs: [string, string][] = [
      [`Replace password for ${X}`, 'password dialog'],
      [`Add 2FA for ${FB}`, '2FA dialog'],
      [`Add token for ${FB}`, 'token dialog'],
      [`Edit login name for ${FB}`, 'login dialog'],
      [`Remove 2FA seed for ${X}`, 'remove dialog'],
    ];
    for (const [button, where] of dialogs) {
      await page.getByRole('button', { name: button }).click();
      await page.getByRole('dialog').waitFor();
      if (where === '2FA dialog') {
        await page.getByRole('dialog').getByLabel('QR code image (PNG)').check();
      }
      await check(where);
      await page.keyboard.press('Escape');
      await expect.poll(() => page.getByRole('dialog').count(), SLOW).toBe(0);
    }
    await page.getByRole('button', { name: `Replace password for ${FB}` }).click();
    await page.getByRole('dialog').getByLabel('Password', { exact: true }).fill(PASSWORD);
    await page.getByRole('dialog').getByRole('button', { name: 'Save password' }).click();
    await page.getByText('Not saved yet').waitFor();
    await check('reuse warning');
    await page.keyboard.press('Escape');
    expect(all.join('\n\n')).toBe('');
  });

  it('shows the vault with its codes, warnings and keychain status (screenshot)', async () => {
    await card(X).locator('.totp-code').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: join(shots, 'vault.png'), fullPage: true });
    expect(errors).toEqual([]);
  });

  it('an Employee is told the vault is not for their role, and main refuses a forged call', async () => {
    await page.keyboard.press('Alt+8');
    await page.getByLabel('Act as').selectOption({ label: 'Drew Patel (Employee)' });
    await page.getByRole('button', { name: 'Switch' }).click();
    await expect.poll(() => page.locator('.acting').innerText(), SLOW).toMatch(/Drew Patel/);
    await page.keyboard.press('Alt+7');
    await expect.poll(() => page.getByText('The vault is for the Communications Manager and the IT Director').isVisible(), SLOW).toBe(true);
    const forged = await page.evaluate(() => (window as unknown as { civicdesk: Record<string, (i: unknown) => Promise<unknown>> })
      .civicdesk['vault.password.reveal']?.({ siteId: 2, purpose: 'show' }));
    expect(forged).toEqual({ ok: false, error: { code: 'forbidden', message: 'Employees may not see site passwords.' } });
  });
});
