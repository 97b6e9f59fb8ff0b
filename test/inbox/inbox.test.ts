import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Archive } from '../../main/archive/archive';
import { apiTokenAccount, setConnection } from '../../main/capture/connections';
import { captureNow, openArchiveForWriting } from '../../main/capture/service';
import { openCredentialStore, type CredentialStore } from '../../main/credentials/store';
import { act, undoLast, type ActDeps } from '../../main/inbox/actions';
import { askColleague, consults, flagComment, referralText, savedReplies } from '../../main/inbox/collaboration';
import { activePolicy, amendPolicy, relearn, resetLearning } from '../../main/inbox/policy-store';
import { actionHistory, getInboxItem, inboxCounts, listInbox } from '../../main/inbox/queue';
import { consistencyReport, reportCsv } from '../../main/inbox/report';
import { reportPdf } from '../../main/inbox/report-pdf';
import { screenNewComments } from '../../main/inbox/screening';
import { startSimulator, type Simulator } from '../../main/simulator';
import { ATTORNEY, CM, demoWorkspace, EMPLOYEE, PW_DIRECTOR, type TestWorkspace } from '../helpers/workspace';

let t: TestWorkspace;
let sim: Simulator;
let store: CredentialStore;
let archive: Archive;
let deps: ActDeps;
const http = { backoffBaseMs: 1, backoffMaxMs: 5, maxRetries: 1 };

beforeEach(async () => {
  t = demoWorkspace(new Date());
  sim = await startSimulator({ seed: 3 });
  store = await openCredentialStore(t.ws.id);
  setConnection(t.as(CM), { siteId: 1, baseUrl: sim.facebookBaseUrl, accountId: sim.facebookPageId });
  setConnection(t.as(CM), { siteId: 2, baseUrl: sim.xBaseUrl, accountId: sim.xUserId });
  await store.set(apiTokenAccount(1), sim.tokens.facebookPage);
  await store.set(apiTokenAccount(2), sim.tokens.xUser);
  await captureNow(t.ws, { store, http });
  screenNewComments(t.ws.db);
  archive = (await openArchiveForWriting(t.ws, store)).archive;
  deps = { archive, store, http };
});

afterEach(async () => {
  for (const a of await store.accounts()) await store.delete(a);
  await sim.close();
  t.cleanup();
});

const named = (key: string): string => {
  const id = sim.control.snapshot().named[key];
  if (!id) throw new Error(`simulator has no ${key}`);
  return id;
};
const item = (externalId: string) => {
  const found = listInbox(t.as(CM), { limit: 1000 }).find((i) => i.externalId === externalId);
  if (!found) throw new Error(`no inbox item for ${externalId}`);
  return found;
};
const simComment = (id: string) => sim.control.snapshot().facebook.comments.find((c: { id: string }) => c.id === id) as { id: string; message: string; hidden: boolean; deleted: boolean } | undefined;

describe('the moderation inbox', () => {
  it('[CIV-6] screens every captured comment: the spam and campaign comments are flagged for removal, civil criticism is allowed', () => {
    expect(item(named('fb.comment.spam'))).toMatchObject({ verdict: 'remove', labels: expect.arrayContaining(['commercial']), state: 'open' });
    expect(item(named('fb.comment.campaign'))).toMatchObject({ verdict: 'remove', labels: expect.arrayContaining(['campaign']) });
    expect(item(named('fb.comment.criticism'))).toMatchObject({ verdict: 'allow', labels: [] });
    const counts = inboxCounts(t.as(CM));
    expect(counts.total).toBeGreaterThan(5);
    expect(counts.byState.open).toBe(counts.total - (counts.byState.hidden ?? 0));
  });

  it('[CIV-2] a service complaint is to be redirected, with the department to refer it to', () => {
    const complaint = item(named('fb.comment.complaint'));
    // A trash complaint under a water post is also off the post's topic, which the corpus counts
    // as removable; either way the city refers it to the department.
    expect(complaint.labels).toContain('service_complaint');
    expect(['redirect', 'remove']).toContain(complaint.verdict);
    expect(complaint.referral?.department).toBeTruthy();
    const template = savedReplies(t.as(CM)).find((r) => r.kind === 'service_referral');
    expect(referralText(complaint, template?.body ?? '')).toContain(complaint.referral?.department ?? '?');
  });

  it('[CIV-4] hiding archives the comment first, hides it on the platform without touching its text, and records clause, evidence, policy version, actor and time', async () => {
    const spamId = named('fb.comment.spam');
    const before = simComment(spamId)?.message;
    const hidden = await act(t.as(CM), deps, { inboxId: item(spamId).id, action: 'hide' });
    expect(hidden.state).toBe('hidden');
    expect(simComment(spamId)).toMatchObject({ hidden: true, message: before });
    const [action] = actionHistory(t.as(CM), hidden.id);
    expect(action).toMatchObject({ action: 'hide', labels: ['commercial'], actorName: 'Jordan Avery', policyVersion: activePolicy(t.ws.db).version });
    const record = archive.getRecord(1, 'facebook', spamId);
    expect(record?.actions.map((a) => a.action)).toEqual(['hide']);
    expect(record?.actions[0]?.entryId).toBe(action?.archiveEntryId);
    // The archived state is the one before the hide.
    const acted = record?.versions.find((v) => v.entryId === record.actions[0]?.versionEntryId);
    expect(acted?.hidden).toBe(false);
  });

  it('[CIV-6] refuses to hide or remove without a clause of the policy: criticism is not a reason', async () => {
    const criticism = item(named('fb.comment.criticism'));
    await expect(act(t.as(CM), deps, { inboxId: criticism.id, action: 'hide' })).rejects.toThrow(/Name the clause/);
    await expect(act(t.as(CM), deps, { inboxId: criticism.id, action: 'delete', labels: [] })).rejects.toThrow(/Name the clause/);
    expect(actionHistory(t.as(CM), criticism.id)).toEqual([]);
    expect(simComment(criticism.externalId)?.hidden).toBe(false);
  });

  it('[CMT-2] only the CM, City Manager or City Attorney reply for the city; others are refused in main', async () => {
    const question = item(named('fb.comment.complaint'));
    await expect(act(t.as(PW_DIRECTOR), deps, { inboxId: question.id, action: 'reply', replyText: 'Call Public Works' })).rejects.toThrow(/may not reply to the public/);
    await expect(act(t.as(EMPLOYEE), deps, { inboxId: question.id, action: 'reply', replyText: 'x' })).rejects.toThrow(/may not reply/);
    const replied = await act(t.as(ATTORNEY), deps, { inboxId: question.id, action: 'reply', replyText: 'Please call Public Works at 406-758-7720.' });
    expect(replied.state).toBe('replied');
    const pageReplies = sim.control.snapshot().facebook.comments.filter((c: { fromId: string; message: string }) => c.message === 'Please call Public Works at 406-758-7720.');
    expect(pageReplies).toHaveLength(1);
  });

  it('[SEC-6] a reply carrying a Social Security number, card number or date of birth is refused before it reaches the platform', async () => {
    const complaint = item(named('fb.comment.complaint'));
    const before = sim.control.requests().length;
    for (const text of ['Your account 123-45-6789 is flagged', 'Card 4111 1111 1111 1111 was charged', 'Records show DOB: 04/12/1961']) {
      await expect(act(t.as(CM), deps, { inboxId: complaint.id, action: 'reply', replyText: text })).rejects.toThrow(/SEC-6/);
    }
    expect(sim.control.requests().length).toBe(before);
    expect(actionHistory(t.as(CM), complaint.id)).toEqual([]);
    // A department's public number and a street address are fine.
    await act(t.as(CM), deps, { inboxId: complaint.id, action: 'reply', replyText: 'Please call Public Works at 406-758-7720, 1st Ave E, Kalispell.' });
  });

  it('[CMT-4] other employees cannot hide or remove; they report the comment to the CM', async () => {
    const profane = item(named('fb.comment.profane'));
    await expect(act(t.as(EMPLOYEE), deps, { inboxId: profane.id, action: 'hide' })).rejects.toThrow(/report it to the Communications Manager/);
    await expect(act(t.as(PW_DIRECTOR), deps, { inboxId: profane.id, action: 'delete' })).rejects.toThrow(/may not/);
    const flagged = flagComment(t.as(EMPLOYEE), { inboxId: profane.id, reason: 'Profanity and name-calling' });
    expect(flagged.flags).toBe(1);
    expect(simComment(profane.externalId)?.deleted).toBe(false);
  });

  it('[CMT-3] the CM can ask a colleague for information before replying, and the exchange is kept', () => {
    const complaint = item(named('fb.comment.complaint'));
    const list = askColleague(t.as(CM), { inboxId: complaint.id, personId: t.personId(PW_DIRECTOR), question: 'Was 4th Ave W missed on the route?' });
    expect(list).toMatchObject([{ personName: 'Casey Lindqvist', question: 'Was 4th Ave W missed on the route?', answer: null }]);
    expect(consults(t.as(CM), complaint.id)).toHaveLength(1);
    expect(() => askColleague(t.as(EMPLOYEE), { inboxId: complaint.id, personId: t.personId(CM), question: 'x' })).toThrow(/may not/);
  });

  it('a failed platform call leaves a clear error and records nothing as done; undo unhides', async () => {
    const spam = item(named('fb.comment.spam'));
    sim.control.failNext({ status: 500, body: '{"error":{"message":"An unexpected error has occurred.","type":"OAuthException","code":2,"is_transient":true}}', times: 10, platform: 'facebook', pathIncludes: spam.externalId });
    await expect(act(t.as(CM), deps, { inboxId: spam.id, action: 'hide' })).rejects.toThrow(/Facebook did not hide the comment/);
    expect(actionHistory(t.as(CM), spam.id)).toEqual([]);
    expect(getInboxItem(t.ws.db, spam.id).state).toBe('open');
    sim.control.clearFaults();
    await act(t.as(CM), deps, { inboxId: spam.id, action: 'hide' });
    const undone = await undoLast(t.as(CM), deps, spam.id);
    expect(undone.state).toBe('open');
    expect(simComment(spam.externalId)?.hidden).toBe(false);
  });

  it('X replies can be hidden but not deleted, and the message says why', async () => {
    const xItems = listInbox(t.as(CM), { siteId: 2, limit: 100 });
    const target = xItems.find((i) => i.verdict === 'remove') ?? xItems[0];
    if (!target) throw new Error('no X replies captured');
    await expect(act(t.as(CM), deps, { inboxId: target.id, action: 'delete', labels: ['commercial'] })).rejects.toThrow(/X lets the city hide replies/);
    const hidden = await act(t.as(CM), deps, { inboxId: target.id, action: 'hide', labels: target.labels.length ? target.labels : ['commercial'] });
    expect(hidden.state).toBe('hidden');
  });

  it('[CIV-7] every decision records the policy version it applied; an amendment is a new version', async () => {
    const spam = item(named('fb.comment.spam'));
    await act(t.as(CM), deps, { inboxId: spam.id, action: 'allow' });
    const amended = amendPolicy(t.as(CM), { ...activePolicy(t.ws.db), version: 'kalispell-2026-amendment-1' }, 'Adds new ballot issues');
    expect(activePolicy(t.ws.db).version).toBe(amended.version);
    const campaign = item(named('fb.comment.campaign'));
    await act(t.as(CM), deps, { inboxId: campaign.id, action: 'allow' });
    expect(actionHistory(t.as(CM), spam.id)[0]?.policyVersion).not.toBe(amended.version);
    expect(actionHistory(t.as(CM), campaign.id)[0]?.policyVersion).toBe(amended.version);
    expect(() => amendPolicy(t.as(CM), { version: 'broken' }, 'x')).toThrow();
  });

  it('learns from the city\u2019s decisions, explains it, and can be reset', async () => {
    await act(t.as(CM), deps, { inboxId: item(named('fb.comment.spam')).id, action: 'allow' });
    const lines = relearn(t.as(CM));
    expect(lines.decisions).toBe(1);
    resetLearning(t.as(CM));
    expect(t.ws.db.prepare('SELECT count(*) AS n FROM moderation_learning').get()).toEqual({ n: 0 });
  });

  it('the consistency report counts actions by clause, site and month and exports CSV and PDF', async () => {
    await act(t.as(CM), deps, { inboxId: item(named('fb.comment.spam')).id, action: 'hide' });
    await act(t.as(CM), deps, { inboxId: item(named('fb.comment.criticism')).id, action: 'allow' });
    const report = consistencyReport(t.as(CM), { from: '2000-01-01T00:00:00Z', to: '2100-01-01T00:00:00Z' });
    expect(report.byClause).toEqual([{ label: 'commercial', hide: 1, delete: 0 }]);
    expect(report.bySite).toEqual([expect.objectContaining({ siteName: 'City of Kalispell (Facebook)', allow: 1, hide: 1 })]);
    expect(report.sampleAllowed).toHaveLength(1);
    expect(report.sampleRemoved).toHaveLength(1);
    const csv = reportCsv(report);
    expect(csv).toMatch(/^Moderation consistency report/);
    expect(csv).toContain('commercial,1,0');
    const pdf = await reportPdf(report);
    expect(Buffer.from(pdf.subarray(0, 5)).toString()).toBe('%PDF-');
    expect(() => consistencyReport(t.as(EMPLOYEE), { from: '2000-01-01', to: '2100-01-01' })).toThrow(/may not/);
  });

  it('screening again adds nothing; a comment deleted by its author is marked gone', async () => {
    const before = listInbox(t.as(CM), { limit: 1000 }).length;
    expect(screenNewComments(t.ws.db)).toEqual({ screened: 0, gone: 0 });
    while (sim.control.advance()) { /* whole timeline */ }
    // A capture screens what it brought in, so the inbox is current when it finishes.
    await captureNow(t.ws, { store, http });
    expect(screenNewComments(t.ws.db)).toEqual({ screened: 0, gone: 0 });
    expect(listInbox(t.as(CM), { state: 'gone', limit: 100 }).length).toBeGreaterThan(0);
    expect(listInbox(t.as(CM), { limit: 1000 }).length).toBeGreaterThan(before);
  });
});
