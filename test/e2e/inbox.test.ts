import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoPlatforms } from '../../main/capture/demo-platforms';
import { captureNow, openArchiveForReading } from '../../main/capture/service';
import { openCredentialStore, type CredentialStore } from '../../main/credentials/store';
import { actionHistory, getInboxItem, listInbox } from '../../main/inbox/queue';
import type { Simulator } from '../../main/simulator';
import { startBridge, type Bridge } from '../bridge/server';
import { CM, demoWorkspace, type TestWorkspace } from '../helpers/workspace';
import { axeViolations, describeViolations, launch } from './browser';

// Run inside scripts/with-keyring.mjs: platform tokens and the archive's signing key live in a real gnome-keyring.
let t: TestWorkspace;
let store: CredentialStore;
let demo: Awaited<ReturnType<typeof startDemoPlatforms>>;
let sim: Simulator;
let bridge: Bridge;
let browser: Browser;
let page: Page;
const shots = join(import.meta.dirname, '..', '..', 'test-results');
const errors: string[] = [];
const alerts: string[] = [];

/** Hostile text a member of the public could post: markup, a right-to-left override, zero-width characters. */
const HOSTILE = '<script>window.__xss = 1</script><img src=x onerror="window.__xss = 2"> Refund \u202Egnp.exe\u202C f\u200Bu\u200Bn\u200Bd';
const BIG_UNIT = 'Budget \u202Eesrever\u202C z\u200Bw\u200Bj <b>bold</b> ';
const BIG = `HUGE ${BIG_UNIT.repeat(Math.ceil(100_000 / BIG_UNIT.length))}`.slice(0, 100_000);

const named = (key: string): string => {
  const id = sim.control.snapshot().named[key];
  if (!id) throw new Error(`simulator has no ${key}`);
  return id;
};
const simComment = (id: string) => sim.control.snapshot().facebook.comments.find((c) => c.id === id);
const fbSiteId = () => (t.ws.db.prepare("SELECT id FROM sites WHERE platform = 'facebook' AND handle = 'CityofKalispell'").get() as { id: number }).id;
const inboxItem = (externalId: string) => {
  const found = listInbox(t.as(CM), { limit: 1000 }).find((i) => i.externalId === externalId);
  if (!found) throw new Error(`no inbox item for ${externalId}`);
  return found;
};

/** A member of the public comments on a Page post (the city's own replies are not moderated). */
async function postOnPage(postKey: string, message: string): Promise<void> {
  sim.control.addFacebookComment({ postId: named(postKey), authorName: 'Pat Visitor', message });
}

beforeAll(async () => {
  mkdirSync(shots, { recursive: true });
  t = demoWorkspace(new Date());
  store = await openCredentialStore(t.ws.id);
  demo = await startDemoPlatforms(t.ws, store);
  sim = demo.simulator;
  await postOnPage('fb.post.parks', HOSTILE);
  await postOnPage('fb.post.budget', BIG);
  const captured = await captureNow(t.ws, { store });
  expect(captured.map((c) => c.error)).toEqual([null, null]);
  bridge = await startBridge({ services: { workspace: t.ws, now: () => new Date() } });
  browser = await launch();
  page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('dialog', (d) => { alerts.push(d.message()); void d.dismiss(); });
  await page.goto(bridge.url);
  await page.getByText('Acting as').waitFor();
});

afterAll(async () => {
  await browser?.close();
  await bridge?.close();
  await demo?.close();
  if (store) for (const a of await store.accounts()) await store.delete(a);
  t?.cleanup();
});

const list = (): Locator => page.getByRole('listbox', { name: /^Comments/ });
const selectedRow = (): Locator => list().locator('[role="option"][aria-selected="true"]');
const dialog = (): Locator => page.getByRole('dialog');

/** Moves through the list with j from the top until the selected row shows `text`, as a user reading down would. */
async function selectRow(text: string): Promise<void> {
  await list().focus();
  await page.keyboard.press('Home');
  for (let i = 0; i < 60; i++) {
    if ((await selectedRow().innerText()).includes(text)) return;
    await page.keyboard.press('j');
  }
  throw new Error(`no row shows "${text}"`);
}

/** Each test that reads the whole queue starts without a search left over from another. */
async function clearSearch(): Promise<void> {
  const search = page.getByRole('searchbox', { name: 'Search' });
  if ((await search.inputValue()) !== '') await search.fill('');
  await expect.poll(() => list().locator('[role="option"]').count(), { timeout: 15_000 }).toBeGreaterThan(5);
}

describe('moderation inbox end to end in Chromium', () => {
  it('[CIV-6] [CIV-4] triages by keyboard: j/k move, h hides with the clause, the simulator reports it hidden and the archive holds the pre-action version', async () => {
    await expect.poll(() => list().locator('[role="option"]').count(), { timeout: 15_000 }).toBeGreaterThan(10);
    await expect.poll(() => page.locator('.counts').innerText()).toMatch(/\d+ waiting/);
    // j/k move the selection; the reading pane follows.
    await list().focus();
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    expect(await selectedRow().getAttribute('aria-posinset')).toBe('3');
    await page.keyboard.press('k');
    expect(await selectedRow().getAttribute('aria-posinset')).toBe('2');

    const spamId = named('fb.comment.spam');
    const before = simComment(spamId)?.message;
    await selectRow('Earn $500/day');
    await expect.poll(() => page.locator('.reading-pane').innerText()).toContain('Cash4U Deals');
    // The screener's evidence is highlighted inside the comment text.
    expect(await page.locator('.reading-pane .comment-text mark').count()).toBeGreaterThan(0);
    await page.keyboard.press('h');
    await expect.poll(() => dialog().isVisible()).toBe(true);
    expect(await dialog().getByRole('checkbox', { name: /Commercial/ }).isChecked()).toBe(true);
    await page.screenshot({ path: join(shots, 'inbox-hide-dialog.png') });
    await dialog().getByRole('button', { name: 'Hide comment' }).click();
    await expect.poll(() => simComment(spamId)?.hidden, { timeout: 15_000 }).toBe(true);
    expect(simComment(spamId)?.message).toBe(before);
    await expect.poll(() => list().locator('[role="option"]', { hasText: 'Earn $500/day' }).innerText()).toContain('Hidden');

    const record = openArchiveForReading(t.ws).archive.getRecord(fbSiteId(), 'facebook', spamId);
    expect(record?.actions.map((a) => a.action)).toEqual(['hide']);
    const acted = record?.versions.find((v) => v.entryId === record.actions[0]?.versionEntryId);
    expect(acted?.hidden).toBe(false);
    const [action] = actionHistory(t.as(CM), inboxItem(spamId).id);
    expect(action).toMatchObject({ action: 'hide', labels: ['commercial'], actorName: 'Jordan Avery' });
    expect(action?.archiveEntryId).toBe(record?.actions[0]?.entryId);
    // The selection moved on to the next comment, like a mail client's.
    expect(await selectedRow().innerText()).not.toContain('Earn $500/day');
  });

  it('[CIV-4] a allows civil criticism; h without a clause shows main\u2019s refusal and records nothing', async () => {
    const criticism = inboxItem(named('fb.comment.criticism'));
    await selectRow('This construction has dragged on');
    await page.keyboard.press('h');
    await expect.poll(() => dialog().isVisible()).toBe(true);
    // Criticism carries no clause, so nothing is pre-filled; main refuses and says why.
    expect(await dialog().getByRole('checkbox', { checked: true }).count()).toBe(0);
    await dialog().getByRole('button', { name: 'Hide comment' }).click();
    await expect.poll(() => dialog().getByRole('alert').innerText()).toMatch(/Name the clause of the Civility and Acceptable Use Policy/);
    await dialog().getByRole('button', { name: 'Cancel' }).click();
    expect(actionHistory(t.as(CM), criticism.id)).toEqual([]);
    expect(simComment(criticism.externalId)?.hidden).toBe(false);

    await list().focus();
    await page.keyboard.press('a');
    await expect.poll(() => getInboxItem(t.ws.db, criticism.id).state).toBe('allowed');
    await expect.poll(() => list().locator('[role="option"]', { hasText: 'This construction has dragged on' }).innerText()).toContain('Allowed');
    expect(simComment(criticism.externalId)?.hidden).toBe(false);
  });

  it('[CIV-4] a failed platform call shows the error and a Retry, records nothing; Retry hides; u undoes by unhiding', async () => {
    const profaneId = named('fb.comment.profane');
    const profane = inboxItem(profaneId);
    sim.control.failNext({ status: 400, body: { error: { message: '(#100) Simulated refusal', type: 'OAuthException', code: 100 } }, platform: 'facebook', pathIncludes: profaneId, times: 1 });
    await selectRow('This budget is total');
    await page.keyboard.press('h');
    await dialog().getByRole('button', { name: 'Hide comment' }).click();
    const banner = page.locator('.failure');
    await expect.poll(() => banner.isVisible(), { timeout: 15_000 }).toBe(true);
    expect(await banner.innerText()).toMatch(/Facebook did not hide the comment/);
    expect(actionHistory(t.as(CM), profane.id)).toEqual([]);
    expect(simComment(profaneId)?.hidden).toBe(false);
    await page.screenshot({ path: join(shots, 'inbox-retry.png') });
    await banner.getByRole('button', { name: 'Retry' }).click();
    await expect.poll(() => simComment(profaneId)?.hidden, { timeout: 15_000 }).toBe(true);
    expect(await banner.count()).toBe(0);
    expect(actionHistory(t.as(CM), profane.id).map((a) => [a.action, a.labels])).toEqual([['hide', ['profane_threat_harass', 'personal_attack']]]);

    await page.keyboard.press('u');
    await expect.poll(() => simComment(profaneId)?.hidden, { timeout: 15_000 }).toBe(false);
    // main records the undo as an unhide (state "allowed" today); whatever it calls it, the comment is no longer hidden.
    await expect.poll(() => getInboxItem(t.ws.db, profane.id).state).not.toBe('hidden');
    expect(actionHistory(t.as(CM), profane.id).map((a) => a.action)).toEqual(['hide', 'unhide']);
  });

  it('[CIV-2] [CMT-2] r replies with the saved referral naming the department; [CMT-3] the CM asks a colleague from the reading pane', async () => {
    const complaint = listInbox(t.as(CM), { limit: 1000 }).find((i) => i.referral !== null && i.state === 'open');
    if (!complaint?.referral) throw new Error('the screener referred no service complaint');
    // The search box narrows the list to it.
    await page.getByRole('searchbox', { name: 'Search' }).fill(complaint.text.slice(20, 45));
    await expect.poll(() => list().locator('[role="option"]').count()).toBe(1);
    await list().focus();
    await page.keyboard.press('r');
    await expect.poll(() => dialog().isVisible()).toBe(true);
    const reply = dialog().getByRole('textbox', { name: 'Reply' });
    await expect.poll(() => reply.inputValue()).toContain(complaint.referral.department);
    expect(await reply.inputValue()).toContain(complaint.referral.contact);
    await page.screenshot({ path: join(shots, 'inbox-reply-dialog.png') });
    const sent = await reply.inputValue();
    await dialog().getByRole('button', { name: 'Send reply' }).click();
    await expect.poll(() => getInboxItem(t.ws.db, complaint.id).state, { timeout: 15_000 }).toBe('replied');
    const snap = sim.control.snapshot();
    const posted = [...snap.facebook.comments.map((c) => c.message), ...snap.x.tweets.map((tw) => tw.text)];
    expect(posted.some((m) => m.includes(sent))).toBe(true);

    const pane = page.locator('.reading-pane');
    await pane.getByLabel('Ask a colleague').selectOption({ label: 'Casey Lindqvist (Department Director)' });
    await pane.getByLabel('Question').fill('Which crew covers this street?');
    await pane.getByRole('button', { name: 'Ask' }).click();
    await expect.poll(() => pane.locator('.consults').innerText()).toContain('Which crew covers this street?');
    await clearSearch();
  });

  it('hostile comment text renders inert: no markup runs, direction is isolated, 100 KB is clamped behind Show more', async () => {
    await clearSearch();
    await selectRow('Refund');
    const pane = page.locator('.reading-pane');
    const text = pane.locator('.comment-text').first();
    expect(await text.textContent()).toBe(HOSTILE);
    expect(await text.getAttribute('dir')).toBe('auto');
    expect(await text.evaluate((el) => getComputedStyle(el).unicodeBidi)).toBe('isolate');
    expect(await pane.getByText('Contains invisible or direction-changing characters.').isVisible()).toBe(true);
    // The moderator can see the trick: each hidden character shown as its code point.
    await pane.getByRole('button', { name: 'Show them' }).click();
    expect(await text.textContent()).toContain('Refund ⟨U+202E⟩gnp.exe⟨U+202C⟩ f⟨U+200B⟩u');
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('main img, main script, main b').count()).toBe(0);
    await page.screenshot({ path: join(shots, 'inbox-hostile.png') });

    await selectRow('HUGE Budget');
    const big = pane.locator('.comment-text').first();
    expect((await big.textContent())?.length).toBeLessThan(2000);
    await pane.getByRole('button', { name: /Show more/ }).click();
    await expect.poll(() => big.evaluate((el) => el.textContent?.length)).toBe(100_000);
    expect(alerts).toEqual([]);
    expect(errors).toEqual([]);
  });

  it('a comment captured while the inbox is open is screened by "Check for new comments" and arrives at the top, newest capture first', async () => {
    await clearSearch();
    const before = await page.locator('.counts strong').innerText();
    await postOnPage('fb.post.fire', 'Will the ladder truck be at the open house all day?');
    const captured = await captureNow(t.ws, { store });
    expect(captured.map((c) => c.error)).toEqual([null, null]);
    await page.getByRole('button', { name: 'Check for new comments' }).click();
    // This capture is the newest, so its comments lead the list (the X site, captured after Facebook, may come first).
    const firstRows = async () => (await list().locator('[role="option"]').allInnerTexts()).slice(0, 3).join('\n');
    await expect.poll(firstRows).toContain('Will the ladder truck be at the open house');
    expect(Number(await page.locator('.counts strong').innerText())).toBeGreaterThan(Number(before));
  });

  it('[CIV-7] the Moderation area shows the policy in force, what the screener learned, and the consistency report with CSV and PDF downloads', async () => {
    await page.keyboard.press('Alt+3');
    await expect.poll(() => page.getByRole('heading', { name: 'Moderation', level: 1 }).isVisible()).toBe(true);
    await expect.poll(() => page.locator('.policy-card').innerText()).toMatch(/Version\s+\S+/);
    expect(await page.locator('.policy-card').innerText()).toContain('6b');

    await page.getByRole('button', { name: 'Relearn from decisions' }).click();
    await expect.poll(() => page.locator('.toast').allInnerTexts()).toEqual(expect.arrayContaining([expect.stringMatching(/relearned from the city/)]));
    expect(await page.locator('.learned li').count()).toBeGreaterThan(0);
    await page.getByRole('button', { name: 'Reset learning…' }).click();
    await dialog().getByRole('button', { name: 'Reset learning' }).click();
    await expect.poll(() => page.locator('.learned').innerText()).toMatch(/No learned adjustments/);

    await page.getByRole('button', { name: 'Run report' }).click();
    await expect.poll(() => page.locator('.report').isVisible()).toBe(true);
    const byClause = page.getByRole('table', { name: 'By clause' });
    expect(await byClause.innerText()).toMatch(/Commercial\s+1\s+0/);
    expect(await page.getByRole('table', { name: 'By site' }).innerText()).toContain('City of Kalispell (Facebook)');
    await page.screenshot({ path: join(shots, 'inbox-moderation.png'), fullPage: true });

    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^moderation-report-.*\.csv$/);
    expect(readFileSync(await csv.path(), 'utf8')).toMatch(/^Moderation consistency report/);
    const [pdf] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download PDF' }).click()]);
    expect(pdf.suggestedFilename()).toMatch(/\.pdf$/);
    expect(readFileSync(await pdf.path()).subarray(0, 5).toString()).toBe('%PDF-');
    expect(errors).toEqual([]);
  });

  it('has no axe-core violations (WCAG 2.1 A and AA) in the inbox, its dialogs and the Moderation area', async () => {
    const all: string[] = [];
    const check = async (where: string) => {
      const v = await axeViolations(page);
      if (v.length) all.push(`${where}:\n${describeViolations(v)}`);
    };
    await page.keyboard.press('Alt+1');
    await clearSearch();
    await check('inbox');
    await page.screenshot({ path: join(shots, 'inbox.png') });
    await selectRow('Vote YES');
    await page.keyboard.press('d');
    await expect.poll(() => dialog().isVisible()).toBe(true);
    await check('remove dialog');
    await page.keyboard.press('Escape');
    await page.keyboard.press('Alt+3');
    await expect.poll(() => page.locator('.policy-card').isVisible()).toBe(true);
    await page.getByRole('button', { name: 'Run report' }).click();
    await expect.poll(() => page.locator('.report').isVisible()).toBe(true);
    await check('moderation');
    expect(all.join('\n\n')).toBe('');
  });

  it('[CMT-4] [CMT-2] an Employee sees no reply or hide, only a report to the CM; a forged reply is refused in main', async () => {
    await page.keyboard.press('Alt+8');
    await page.getByLabel('Act as').selectOption({ label: 'Drew Patel (Employee)' });
    await page.getByRole('button', { name: 'Switch' }).click();
    await expect.poll(() => page.locator('.acting').innerText()).toMatch(/Drew Patel/);
    await page.keyboard.press('Alt+1');
    await clearSearch();
    await selectRow('Vote YES');
    const bar = page.getByRole('toolbar', { name: 'Act on this comment' });
    expect(await bar.getByRole('button').allInnerTexts()).toEqual([expect.stringMatching(/^Report to the Communications Manager/)]);
    // The moderators' keys do nothing for this role.
    await page.keyboard.press('h');
    await page.keyboard.press('r');
    await page.keyboard.press('u');
    expect(await dialog().count()).toBe(0);
    expect(await page.locator('.failure').count()).toBe(0);

    const campaign = inboxItem(named('fb.comment.campaign'));
    const forged = await page.evaluate((inboxId) => (window as unknown as { civicdesk: Record<string, (i: unknown) => Promise<unknown>> })
      .civicdesk['inbox.act']?.({ inboxId, action: 'reply', replyText: 'Forged reply for the city' }), campaign.id);
    expect(forged).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/may not reply to the public/) } });
    const hideForged = await page.evaluate((inboxId) => (window as unknown as { civicdesk: Record<string, (i: unknown) => Promise<unknown>> })
      .civicdesk['inbox.act']?.({ inboxId, action: 'hide', labels: ['campaign'] }), campaign.id);
    expect(hideForged).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(sim.control.snapshot().facebook.comments.some((c) => c.message === 'Forged reply for the city')).toBe(false);

    await page.keyboard.press('f');
    await dialog().getByLabel('What is wrong with it?').fill('Campaigning for the levy on the budget post');
    await dialog().getByRole('button', { name: 'Send report' }).click();
    await expect.poll(() => selectedRow().innerText()).toContain('Reported 1×');
    expect(getInboxItem(t.ws.db, campaign.id).flags).toBe(1);
    expect(actionHistory(t.as(CM), campaign.id)).toEqual([]);
    await page.screenshot({ path: join(shots, 'inbox-employee.png') });

    await page.keyboard.press('Alt+3');
    await expect.poll(() => page.locator('.policy-card').isVisible()).toBe(true);
    expect(await page.getByRole('button', { name: 'Run report' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Reset learning…' }).count()).toBe(0);
    expect(errors).toEqual([]);
  });
});
