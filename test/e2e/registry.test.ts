import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBridge, type Bridge } from '../bridge/server';
import { demoWorkspace, type TestWorkspace } from '../helpers/workspace';
import { axeViolations, describeViolations, launch } from './browser';

let t: TestWorkspace;
let bridge: Bridge;
let browser: Browser;
let page: Page;
const shots = join(import.meta.dirname, '..', '..', 'test-results');

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  t = demoWorkspace(new Date());
  bridge = await startBridge({ services: { workspace: t.ws, now: () => new Date() } });
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(bridge.url);
  await page.getByText('Acting as').waitFor();
  expect(errors).toEqual([]);
});

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  t?.cleanup();
});

const siteFindings = () => page.getByRole('list', { name: 'Findings for this site' }).getByRole('listitem');
const findingsFor = (site: string) => page.locator('.panel .findings li').filter({ hasText: site });

describe('registry end to end in Chromium', () => {
  it('[REG-2] [REG-6] adds a site, records its approval, adds the IT Director as admin and sees the REG-6 finding disappear', async () => {
    // Keyboard: Alt+4 opens the Registry from anywhere.
    await page.keyboard.press('Alt+4');
    await expect.poll(() => page.getByRole('heading', { name: 'Registry', level: 1 }).isVisible()).toBe(true);

    await page.getByRole('button', { name: 'Propose a site' }).click();
    const dialog = page.getByRole('dialog');
    // Inline validation: submitting empty shows what is missing and sends nothing.
    await dialog.getByRole('button', { name: 'Propose site' }).click();
    await expect.poll(() => dialog.getByText('A handle is required.').isVisible()).toBe(true);
    await dialog.getByLabel('Platform').selectOption('instagram');
    await dialog.getByLabel('Handle').fill('KalispellParks');
    await dialog.getByLabel('Name').fill('Kalispell Parks on Instagram');
    await dialog.getByLabel('Address').fill('https://www.instagram.com/kalispellparks');
    await dialog.getByRole('button', { name: 'Propose site' }).click();
    // A proposed site opens at once, with REG-2 as its only finding.
    await expect.poll(() => siteFindings().allInnerTexts()).toEqual([expect.stringMatching(/^REG-2/)]);
    await page.getByRole('button', { name: 'Back to all sites' }).click();
    await expect.poll(() => findingsFor('Kalispell Parks on Instagram').allInnerTexts()).toEqual([expect.stringMatching(/^REG-2/)]);

    await page.getByRole('button', { name: 'Kalispell Parks on Instagram' }).first().click();
    await page.getByRole('button', { name: "Record City Manager's approval" }).click();
    const approval = page.getByRole('dialog');
    await approval.getByLabel('Approved by').selectOption({ label: 'Morgan Ellis (City Manager)' });
    await approval.getByLabel('Evidence (memo or email)').setInputFiles({ name: 'parks-approval.eml', mimeType: 'message/rfc822', buffer: Buffer.from('From: City Manager\nSubject: Approved\n\nApproved.') });
    await approval.getByRole('button', { name: 'Record approval' }).click();
    await expect.poll(() => page.getByText(/Approved by Morgan Ellis/).isVisible()).toBe(true);
    await expect.poll(() => siteFindings().allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^REG-6/)]));

    await page.getByLabel('Add an administrator').selectOption({ label: 'Sam Okafor (IT Director)' });
    await page.getByRole('button', { name: 'Request', exact: true }).click();
    await page.getByRole('button', { name: 'Record approval' }).click();
    const adminApproval = page.getByRole('dialog');
    await adminApproval.getByLabel('Approved by').selectOption({ label: 'Morgan Ellis (City Manager)' });
    await adminApproval.getByLabel('Evidence (memo or email)').setInputFiles({ name: 'admin-memo.txt', mimeType: 'text/plain', buffer: Buffer.from('Add Sam Okafor as administrator.') });
    await adminApproval.getByRole('button', { name: 'Record approval' }).click();

    await expect.poll(() => siteFindings().allInnerTexts()).not.toEqual(expect.arrayContaining([expect.stringMatching(/^REG-6/)]));
    expect(await siteFindings().allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/^SEC-2/)]));
    await page.screenshot({ path: join(shots, 'registry-site-detail.png'), fullPage: true });

    await page.getByRole('button', { name: 'Back to all sites' }).click();
    const left = await findingsFor('Kalispell Parks on Instagram').allInnerTexts();
    expect(left.some((f) => f.startsWith('REG-6'))).toBe(false);
    expect(left.some((f) => f.startsWith('SEC-2'))).toBe(true);
    await page.screenshot({ path: join(shots, 'registry-sites.png'), fullPage: true });
  });

  it('has no axe-core violations (WCAG 2.1 A and AA) in the registry, its dialogs and the other areas', async () => {
    const all: string[] = [];
    const check = async (where: string) => {
      const v = await axeViolations(page);
      if (v.length) all.push(`${where}:\n${describeViolations(v)}`);
    };
    await page.keyboard.press('Alt+4');
    const back = page.getByRole('button', { name: 'Back to all sites' });
    if (await back.count()) await back.click();
    await check('sites');
    await page.getByRole('button', { name: 'Propose a site' }).click();
    await check('propose dialog');
    await page.keyboard.press('Escape');
    for (const tab of ['People', 'Violation reports', 'Audit log']) {
      await page.getByRole('tab', { name: tab }).click();
      await page.waitForTimeout(150);
      await check(tab);
    }
    for (const key of ['1', '2', '5', '8']) {
      await page.keyboard.press(`Alt+${key}`);
      await page.waitForTimeout(150);
      await check(`area ${key}`);
    }
    expect(all.join('\n\n')).toBe('');
  });

  it('[REG-1] another role cannot manage the registry: the UI hides it and main refuses a forged call', async () => {
    await page.keyboard.press('Alt+8');
    await page.getByLabel('Act as').selectOption({ label: 'Drew Patel (Employee)' });
    await page.getByRole('button', { name: 'Switch' }).click();
    await expect.poll(() => page.locator('.acting').innerText()).toMatch(/Drew Patel/);
    await page.keyboard.press('Alt+4');
    await expect.poll(() => page.getByRole('tab', { name: 'Sites' }).isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Propose a site' }).count()).toBe(0);
    const forged = await page.evaluate(() => (window as unknown as { civicdesk: Record<string, (i: unknown) => Promise<unknown>> })
      .civicdesk['registry.sites.create']?.({ platform: 'x', handle: 'forged', name: 'Forged' }));
    expect(forged).toEqual({ ok: false, error: { code: 'forbidden', message: 'Employees may not propose new sites.' } });
  });

  it('the bridge refuses requests without its session cookie or from another origin', async () => {
    const res = await fetch(`${bridge.origin}/__bridge/invoke/registry.sites.list`, { method: 'POST', headers: { 'content-type': 'application/json', origin: bridge.origin }, body: 'null' });
    expect(res.status).toBe(403);
    const page2 = await browser.newPage();
    const res2 = await page2.goto(`${bridge.origin}/`);
    expect(res2?.status()).toBe(403);
    await page2.close();
  });
});
