import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCredentialStore } from '../../main/credentials/store';
import { AppLock } from '../../main/lock/app-lock';
import { startBridge, type Bridge } from '../bridge/server';
import { demoWorkspace, type TestWorkspace } from '../helpers/workspace';
import { axeViolations, describeViolations, launch } from './browser';

let t: TestWorkspace;
let lock: AppLock;
let bridge: Bridge;
let browser: Browser;
let page: Page;
const PASS = 'flathead cedar lantern morning';

beforeAll(async () => {
  t = demoWorkspace(new Date());
  lock = new AppLock(t.ws, () => openCredentialStore(t.ws.id));
  bridge = await startBridge({ services: { workspace: t.ws, now: () => new Date(), lock } });
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(bridge.url);
  await page.getByText('Acting as').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  lock?.dispose();
  const store = await openCredentialStore(t.ws.id);
  for (const a of await store.accounts()) await store.delete(a);
  t?.cleanup();
});

describe('app lock end to end in Chromium', () => {
  it('[SEC-5] sets a passphrase, locks on Ctrl+L, refuses data while locked, and unlocks', async () => {
    await page.keyboard.press('Alt+8');
    await expect.poll(() => page.getByText('No passphrase is set').isVisible()).toBe(true);
    await page.getByLabel('Passphrase', { exact: true }).fill(PASS);
    await page.getByLabel('Repeat it').fill(PASS);
    await page.getByRole('button', { name: 'Set passphrase' }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Lock now' }).isVisible()).toBe(true);

    await page.keyboard.press('Control+l');
    await expect.poll(() => page.getByRole('heading', { name: 'Civic Social Desk is locked' }).isVisible()).toBe(true);
    expect(await page.getByText('Acting as').count()).toBe(0);
    const refused = await page.evaluate(() => (window as unknown as { civicdesk: Record<string, () => Promise<unknown>> }).civicdesk['registry.sites.list']?.());
    expect(refused).toMatchObject({ ok: false, error: { code: 'locked' } });
    const violations = await axeViolations(page);
    expect(describeViolations(violations)).toBe('');
    await page.screenshot({ path: join(import.meta.dirname, '..', '..', 'test-results', 'lock-screen.png') });

    await page.getByLabel('Passphrase').fill('not the passphrase');
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByText('That passphrase is not right.').isVisible(), { timeout: 15_000 }).toBe(true);
    await page.getByLabel('Passphrase').fill(PASS);
    await page.getByRole('button', { name: 'Unlock' }).click();
    await expect.poll(() => page.getByText('Acting as').isVisible(), { timeout: 15_000 }).toBe(true);
  });
});
