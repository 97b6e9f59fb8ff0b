import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoPlatforms } from '../../main/capture/demo-platforms';
import { CaptureCoordinator } from '../../main/capture/scheduler';
import { openCredentialStore, type CredentialStore } from '../../main/credentials/store';
import type { Simulator } from '../../main/simulator';
import { indentJson, lineDiff, newer, older, wordDiff, words } from '../../renderer/views/archive/diff';
import { startBridge, type Bridge } from '../bridge/server';
import { demoWorkspace, type TestWorkspace } from '../helpers/workspace';
import { axeViolations, describeViolations, launch } from './browser';

let t: TestWorkspace;
let store: CredentialStore;
let demo: { simulator: Simulator; close(): Promise<void> };
let coordinator: CaptureCoordinator;
let bridge: Bridge;
let browser: Browser;
let page: Page;
const errors: string[] = [];
const shots = join(import.meta.dirname, '..', '..', 'test-results');

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  t = demoWorkspace(new Date());
  store = await openCredentialStore(t.ws.id);
  // The demo workspace as the app runs it: its sites connected to the simulator, captured by the coordinator.
  demo = await startDemoPlatforms(t.ws, store);
  coordinator = new CaptureCoordinator({ workspace: t.ws, openStore: async () => store });
  coordinator.startSchedule();
  bridge = await startBridge({ services: { workspace: t.ws, now: () => new Date(), capture: coordinator } });
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1440, height: 1000 } });
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(bridge.url);
  await page.getByText('Acting as').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  await coordinator?.dispose();
  await demo?.close();
  if (store) for (const a of await store.accounts()) await store.delete(a);
  t?.cleanup();
});

const sim = () => demo.simulator.control;
const hits = () => page.locator('.hits .hit');

async function captureNow() {
  await page.getByRole('button', { name: 'Capture now' }).click();
  // The progress bar shows while it runs, then the panel says it finished.
  await page.locator('.capture-progress progress').waitFor({ state: 'attached', timeout: 5000 }).catch(() => undefined);
  await page.getByText('Capture finished').waitFor({ timeout: 60_000 });
  expect(coordinator.status().sites.filter((s) => s.connected).every((s) => s.last?.ok)).toBe(true);
}

async function search(words: string) {
  const box = page.getByRole('searchbox', { name: 'Search the archive' });
  await box.fill(words);
  await box.press('Enter');
  await expect.poll(() => page.locator('.results [role=status]').innerText()).not.toMatch(/Searching/);
}

describe('word and line diff (what the record page shows)', () => {
  it('splits text into tokens that join back to it exactly, and diffs words and lines', () => {
    const text = 'October 31? Last time you said “August”.\n  Über 20 émojis 🚧!';
    expect(words(text).join('')).toBe(text);
    const parts = wordDiff('October 31? Last time you said August.', 'October 31? Last spring you said August. Please publish the penalty terms.');
    expect(parts.filter((p) => p.kind === 'del').map((p) => p.text)).toEqual(['time']);
    expect(parts.filter((p) => p.kind === 'add').map((p) => p.text.trim())).toEqual(['spring', 'Please publish the penalty terms.']);
    expect(older(parts)).toBe('October 31? Last time you said August.');
    expect(newer(parts)).toBe('October 31? Last spring you said August. Please publish the penalty terms.');
    const lines = lineDiff('a\nb\nc\n', 'a\nB\nc\nd');
    expect(lines).toEqual([{ kind: 'same', text: 'a\n' }, { kind: 'del', text: 'b\n' }, { kind: 'add', text: 'B\n' }, { kind: 'same', text: 'c\n' }, { kind: 'add', text: 'd' }]);
  });

  it('lays JSON out one member per line without changing a single value', () => {
    const raw = '{"id":"1_2","n":12345678901234567890,"s":"a, b: {c}","e":{},"l":[1,[]],"q":"\\"x\\""}';
    const shown = indentJson(raw) ?? '';
    expect(shown).toContain('"n": 12345678901234567890');
    expect(shown).toContain('"s": "a, b: {c}"');
    expect(shown).toContain('"e": {}');
    expect(shown.replace(/\s+(?=(?:[^"\\]|\\.|"(?:[^"\\]|\\.)*")*$)/g, '')).toBe(raw);
    expect(indentJson('not json {')).toBeNull();
  });
});

describe('archive end to end in Chromium', () => {
  it('[REC-1] [CIV-1] captures now with a progress bar, then finds a word with the match highlighted', async () => {
    await page.keyboard.press('Alt+5');
    await expect.poll(() => page.getByRole('heading', { name: 'Archive', level: 1 }).isVisible()).toBe(true);
    await page.getByText('Nothing archived yet').waitFor();
    expect(await page.getByText(/Press Capture now, or wait for the schedule/).isVisible()).toBe(true);
    await page.screenshot({ path: join(shots, 'archive-empty.png'), fullPage: true });

    // A slow network (each Facebook comment list answers after 250 ms) keeps the progress bar on screen.
    sim().failNext({ platform: 'facebook', pathIncludes: '/comments', delayMs: 250, times: 8 });
    await page.getByRole('button', { name: 'Capture now' }).click();
    const bar = page.locator('.capture-progress progress[value]');
    await expect.poll(() => bar.evaluate((p) => (p as HTMLProgressElement).value).catch(() => 0), { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
    expect(await page.locator('#capture-progress-label').innerText()).toMatch(/^City of Kalispell \(Facebook\): (Post \d of 8|Looking for deleted posts)$/);
    expect(await page.getByRole('button', { name: 'Stop' }).isVisible()).toBe(true);
    await page.screenshot({ path: join(shots, 'archive-capture-progress.png'), fullPage: true });
    await page.getByText('Capture finished').waitFor({ timeout: 60_000 });
    expect(coordinator.status().sites.every((s) => s.last?.ok)).toBe(true);
    await search('swim');
    await expect.poll(() => hits().count()).toBeGreaterThan(1);
    const marks = await page.locator('.hits mark').allInnerTexts();
    expect(marks.length).toBeGreaterThan(0);
    expect(marks.every((m) => /^swim/i.test(m))).toBe(true);
    // Keyboard: j moves down the results, k back up, Enter opens.
    await hits().first().focus();
    await page.keyboard.press('j');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('hit-1');
    await page.keyboard.press('k');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('hit-0');
    await page.screenshot({ path: join(shots, 'archive-search.png'), fullPage: true });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^(Post|Comment) by / }).waitFor();
    await page.keyboard.press('Escape');
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('hit-1');
  });

  it('[REC-4] an edit becomes a second version shown beside the first, and a deletion is marked, not erased', async () => {
    sim().advance(); // new comments, among them Marcus's and Dana's
    await captureNow();
    sim().advance(); // Marcus edits his comment
    sim().advance(); // Dana deletes hers
    await captureNow();

    await search('penalty');
    const edited = hits().filter({ hasText: 'Marcus Olsen' });
    await expect.poll(() => edited.count()).toBe(1);
    expect(await edited.innerText()).toMatch(/Version 2 of 2/);
    await edited.click();
    const columns = page.locator('.versions .version');
    await expect.poll(() => columns.count()).toBe(2);
    expect(await columns.nth(0).locator('.version-text').innerText()).toBe('October 31? Last time you said August.');
    const changed = (tag: string) => columns.nth(1).locator(`.version-text ${tag}`).evaluateAll((els) => els.map((e) => e.textContent?.replace(/^\[(added|removed): |\]$/g, '')));
    expect(await changed('ins')).toEqual(['spring', ' Please publish the contractor\u2019s penalty terms.']);
    expect(await changed('del')).toEqual(['time']);
    // The payload diff names the changed line of the platform's own JSON.
    await columns.nth(1).locator('summary').click();
    expect(await columns.nth(1).locator('.payload-text ins').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/"message": "October 31\? Last spring/)]));
    await page.screenshot({ path: join(shots, 'archive-record-versions.png'), fullPage: true });
    await page.getByRole('button', { name: 'Back to results' }).click();

    await page.getByLabel('Deleted').selectOption({ label: 'Gone from the platform' });
    await search('zoning');
    const gone = hits().filter({ hasText: 'Dana Whitfield' });
    await expect.poll(() => gone.count()).toBe(1);
    expect(await gone.innerText()).toMatch(/Deleted/);
    await gone.click();
    await page.locator('.mark-deleted').waitFor();
    expect(await page.locator('.mark-deleted').innerText()).toMatch(/^Deleted\s+\w{3} \d+, \d{4}, .+: Found gone from the platform\. Last seen .+ \(version 1\)\.$/);
    expect(await page.locator('.versions .version-text').innerText()).toBe('Will public comment be allowed on the zoning item?');
    await page.screenshot({ path: join(shots, 'archive-record-deleted.png'), fullPage: true });
    await page.getByRole('button', { name: 'Back to results' }).click();
    await page.getByLabel('Deleted').selectOption({ label: 'Either' });
  });

  it('[REC-3] verifies the archive on demand and says it is intact, with when it was last verified', async () => {
    await page.getByRole('button', { name: 'Verify now' }).click();
    await page.getByText('Intact.').waitFor();
    expect(await page.locator('.integrity-ok').innerText()).toMatch(/^Intact\. [\d,]+ entries, \d+ signed checkpoints and \d+ media files checked/);
    await expect.poll(() => page.getByText(/^Last verified .+ by Jordan Avery: intact/).isVisible()).toBe(true);
    await search('');
    await page.screenshot({ path: join(shots, 'archive-verify.png'), fullPage: true });
  });

  it('sets a site\u2019s capture interval and shows the capture log', async () => {
    await page.getByRole('tab', { name: 'Capture schedule and log' }).click();
    const log = page.locator('.capture-log tbody tr');
    await expect.poll(() => log.count()).toBe(6);
    expect(await log.first().innerText()).toMatch(/Finished/);
    await page.getByRole('button', { name: 'Change capture of City of Kalispell (X)' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Capture', { exact: true }).selectOption({ label: 'Every hour' });
    await dialog.getByRole('button', { name: 'Save' }).click();
    await expect.poll(() => page.locator('tr', { hasText: 'City of Kalispell (X)' }).first().innerText()).toMatch(/Every hour/);
    expect(coordinator.status().sites.find((s) => s.platform === 'x')?.captureMinutes).toBe(60);
    await page.screenshot({ path: join(shots, 'archive-capture-log.png'), fullPage: true });
  });

  it('has no axe-core violations (WCAG 2.1 A and AA) in search, results, a record, the capture tab and its dialog', async () => {
    const all: string[] = [];
    const check = async (where: string) => {
      const v = await axeViolations(page);
      if (v.length) all.push(`${where}:\n${describeViolations(v)}`);
    };
    await check('capture tab');
    await page.getByRole('button', { name: 'Change capture of City of Kalispell (Facebook)' }).click();
    await check('connection dialog');
    await page.keyboard.press('Escape');
    await page.getByRole('tab', { name: 'Search' }).click();
    await search('plow*');
    await check('results');
    await hits().first().click();
    await page.locator('.versions').waitFor();
    await page.locator('.versions summary').first().click();
    await check('record');
    await page.getByRole('button', { name: 'Back to results' }).click();
    expect(all.join('\n\n')).toBe('');
    expect(errors).toEqual([]);
  });

  it('[REC-1] an Employee reads and searches the archive but cannot capture, in the UI or by a forged call', async () => {
    await page.keyboard.press('Alt+8');
    await page.getByLabel('Act as').selectOption({ label: 'Drew Patel (Employee)' });
    await page.getByRole('button', { name: 'Switch' }).click();
    await expect.poll(() => page.locator('.acting').innerText()).toMatch(/Drew Patel/);
    await page.keyboard.press('Alt+5');
    await search('swim');
    await expect.poll(() => hits().count()).toBeGreaterThan(0);
    expect(await page.getByRole('button', { name: 'Capture now' }).count()).toBe(0);
    const forged = await page.evaluate(() => (window as unknown as { civicdesk: Record<string, (i: unknown) => Promise<unknown>> }).civicdesk['capture.start']?.({}));
    expect(forged).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(coordinator.status().running).toBe(false);
  });
});
