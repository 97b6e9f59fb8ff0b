import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiTokenAccount, setConnection } from '../../main/capture/connections';
import { captureNow } from '../../main/capture/service';
import { openCredentialStore, type CredentialStore } from '../../main/credentials/store';
import { startSimulator, type Simulator } from '../../main/simulator';
import { startBridge, type Bridge } from '../bridge/server';
import { CM, demoWorkspace, type TestWorkspace } from '../helpers/workspace';
import { axeViolations, describeViolations, launch } from './browser';

let t: TestWorkspace;
let sim: Simulator;
let store: CredentialStore;
let bridge: Bridge;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  t = demoWorkspace(new Date());
  // The Page's admins are the ones the demo registry approved, so only the timeline's changes alert.
  sim = await startSimulator({ seed: 11, pageAdmins: ['Jordan Avery', 'Sam Okafor'] });
  store = await openCredentialStore(t.ws.id);
  setConnection(t.as(CM), { siteId: 1, baseUrl: sim.facebookBaseUrl, accountId: sim.facebookPageId });
  await store.set(apiTokenAccount(1), sim.tokens.facebookPage);
  const http = { backoffBaseMs: 1, backoffMaxMs: 5, maxRetries: 1 };
  await captureNow(t.ws, { store, http, siteId: 1 });
  while (sim.control.step < 5 && sim.control.advance()) { /* up to the cover photo change */ }
  const results = await captureNow(t.ws, { store, http, siteId: 1 });
  expect(results[0]?.alerts).toBeGreaterThan(0);
  bridge = await startBridge({ services: { workspace: t.ws, now: () => new Date() } });
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.goto(bridge.url);
  await page.getByText('Acting as').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  await sim?.close();
  if (store) for (const a of await store.accounts()) await store.delete(a);
  t?.cleanup();
});

describe('vandalism alerts end to end in Chromium', () => {
  it('[SEC-7] a changed cover photo suspends the site, waits at the top of the inbox with an email for the IT Director, and only the IT Director clears it', async () => {
    await page.keyboard.press('Alt+1');
    const section = page.getByRole('region', { name: /Possible vandalism/ });
    await expect.poll(() => section.isVisible()).toBe(true);
    expect(await section.innerText()).toMatch(/City of Kalispell \(Facebook\)/);
    await section.getByRole('button', { name: 'Prepare email to the IT Director' }).first().click();
    const link = section.getByRole('link', { name: 'Open the email' }).first();
    await expect.poll(() => link.getAttribute('href')).toMatch(/^mailto:sokafor(@|%40)kalispell\.example\?subject=/);
    expect(await section.getByRole('button', { name: 'Clear…' }).count()).toBe(0);
    expect(describeViolations(await axeViolations(page))).toBe('');
    await page.screenshot({ path: join(import.meta.dirname, '..', '..', 'test-results', 'inbox-vandalism.png') });

    await page.keyboard.press('Alt+8');
    await page.getByLabel('Act as').selectOption({ label: 'Sam Okafor (IT Director)' });
    await page.getByRole('button', { name: 'Switch' }).click();
    await expect.poll(() => page.locator('.acting').innerText()).toMatch(/Sam Okafor/);
    await page.keyboard.press('Alt+1');
    const count = await section.getByRole('button', { name: 'Clear…' }).count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      await section.getByRole('button', { name: 'Clear…' }).first().click();
      await section.getByLabel('What you found and did').fill('Cover photo change was approved by the CM; confirmed by phone.');
      await section.getByRole('button', { name: 'Clear the alert' }).click();
      await expect.poll(() => section.getByRole('button', { name: 'Clear…' }).count()).toBe(count - i - 1);
    }
    await expect.poll(() => section.isVisible()).toBe(false);
    const status = (t.ws.db.prepare('SELECT status FROM sites WHERE id = 1').get() as { status: string }).status;
    expect(status).toBe('active');
  });
});
