import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchiveForReading } from '../../main/capture/service';
import { isPublishingBlocked, listAlerts, recordManualPost, type MonitorAlert } from '../../main/monitor';
import { CM } from '../helpers/workspace';
import { FB, monitorRig, parseEml, X, type MonitorRig } from './setup';

let rig: MonitorRig;
beforeEach(async () => {
  rig = await monitorRig();
});
afterEach(async () => {
  await rig.close();
});

const alertsOf = (siteId: number): MonitorAlert[] => listAlerts(rig.t.as(CM)).open.filter((a) => a.siteId === siteId);
const auditCount = (action: string): number =>
  (rig.t.ws.db.prepare('SELECT count(*) AS n FROM audit_log WHERE action = ?').get(action) as { n: number }).n;

/** Capture at the seeded start (the baseline) and once more through the quiet steps 1-4. */
async function baselineThroughStep4(): Promise<void> {
  const first = await rig.captureAndCheck();
  expect(first[FB]?.raised).toEqual([]);
  rig.advanceTo(4);
  const quiet = await rig.captureAndCheck();
  expect(quiet[FB]?.raised).toEqual([]);
  expect(quiet[X]?.raised).toEqual([]);
}

describe('vandalism watch: the checks after each capture', () => {
  it('[SEC-7] an unchanged site raises nothing: new comments, edits, deletions, hiding and a visitor post are not vandalism', async () => {
    const first = await rig.captureAndCheck();
    expect(first[FB]).toMatchObject({ baseline: true, raised: [], siteStatus: 'active', problems: [] });
    expect(first[X]?.skipped.join(' ')).toMatch(/X has no list of who may act/);
    rig.advanceTo(4);
    for (let i = 0; i < 2; i++) {
      const again = await rig.captureAndCheck();
      expect(again[FB]?.raised).toEqual([]);
      expect(again[X]?.raised).toEqual([]);
    }
    expect(rig.status(FB)).toBe('active');
    expect(rig.status(X)).toBe('active');
    expect(rig.notices).toEqual([]);
    expect(isPublishingBlocked(rig.t.ws.db, FB)).toBe(false);
    expect(auditCount('monitor.baseline')).toBe(2);
  });

  it('[SEC-7] a replaced cover photo and X banner are found by image content: alert with both hashes, site suspended, IT Director emailed', async () => {
    await baselineThroughStep4();
    rig.advanceTo(5);
    const reports = await rig.captureAndCheck();
    const fb = reports[FB];
    expect(fb?.raised.map((a) => [a.kind, a.evidence.item])).toEqual([['picture_changed', 'cover']]);
    expect(reports[X]?.raised.map((a) => [a.kind, a.evidence.item])).toEqual([['picture_changed', 'banner']]);

    // The hashes are those of the bytes archived with the two latest profile versions.
    const profile = openArchiveForReading(rig.t.ws).archive.getRecord(FB, 'facebook', 'profile');
    const [before, after] = (profile?.versions ?? []).slice(-2);
    const alert = fb?.raised[0] as MonitorAlert;
    const ev = alert.evidence as { before: { sha256: string; entryId: number }; after: { sha256: string; entryId: number } };
    expect(ev.before.sha256).not.toBe(ev.after.sha256);
    expect(before?.media.map((m) => m.sha256)).toContain(ev.before.sha256);
    expect(after?.media.map((m) => m.sha256)).toContain(ev.after.sha256);
    expect(after?.media.map((m) => m.sha256)).not.toContain(ev.before.sha256);
    expect([ev.before.entryId, ev.after.entryId]).toEqual([before?.entryId, after?.entryId]);

    expect(fb?.siteStatus).toBe('suspended');
    expect(rig.status(FB)).toBe('suspended');
    expect(rig.status(X)).toBe('suspended');
    expect(isPublishingBlocked(rig.t.ws.db, FB)).toBe(true);
    expect(alert.suspension).toBe('suspended');
    expect(auditCount('site.suspended')).toBe(2);
    expect(auditCount('monitor.alert')).toBe(2);
    expect(rig.notices.map((n) => n.title)).toEqual([
      'City of Kalispell (Facebook) suspended: possible vandalism', 'City of Kalispell (X) suspended: possible vandalism']);

    const email = fb?.emails[0];
    expect(email?.to).toEqual([{ name: 'Sam Okafor', email: 'sokafor@kalispell.example' }]);
    expect(email?.mailto.startsWith('mailto:sokafor%40kalispell.example?subject=')).toBe(true);
    const mailtoBody = decodeURIComponent(new URL(email?.mailto ?? '').searchParams.get('body') ?? '');
    expect(mailtoBody).toContain(ev.after.sha256);
    const eml = parseEml(email?.eml ?? '');
    expect(eml.headers.to).toBe('"Sam Okafor" <sokafor@kalispell.example>');
    expect(eml.headers.subject).toBe('[SEC-7] Possible vandalism of City of Kalispell (Facebook): altered graphics');
    expect(eml.headers['x-unsent']).toBe('1');
    expect(eml.body).toMatch(/^Dear Sam Okafor,/);
    expect(eml.body).toContain(ev.before.sha256);
    expect(eml.body).toContain(ev.after.sha256);
    expect(eml.body).toContain('has been suspended');
    expect((email?.eml ?? '').split('\r\n').every((l) => l.length <= 998)).toBe(true);

    // The same change, checked again and captured again, raises nothing new.
    expect((await rig.check(FB)).raised).toEqual([]);
    const again = await rig.captureAndCheck();
    expect(again[FB]?.raised).toEqual([]);
    expect(again[X]?.raised).toEqual([]);
    expect(alertsOf(FB)).toHaveLength(1);
    expect(rig.notices).toHaveLength(2);
  });

  it('[SEC-7] a changed Page name and about text raise alerts with the before and after texts', async () => {
    await baselineThroughStep4();
    rig.advanceTo(5);
    await rig.captureAndCheck();
    rig.advanceTo(6);
    const fb = (await rig.captureAndCheck())[FB];
    const byItem = new Map(fb?.raised.map((a) => [a.evidence.item, a]));
    expect([...byItem.keys()].sort()).toEqual(['about', 'name']);
    expect(byItem.get('name')?.evidence).toMatchObject({
      before: { text: 'City of Kalispell, Montana' }, after: { text: 'Kalispell Community Giveaways' } });
    expect(byItem.get('about')?.evidence).toMatchObject({ after: { text: expect.stringMatching(/Message us your login details/) } });
    expect(byItem.get('name')?.suspension).toBe('already_suspended');
    const body = parseEml(fb?.emails.find((e) => e.alertId === byItem.get('name')?.id)?.eml ?? '').body;
    expect(body).toContain('City of Kalispell, Montana');
    expect(body).toContain('Kalispell Community Giveaways');
    expect((await rig.captureAndCheck())[FB]?.raised).toEqual([]);
  });

  it('[SEC-7] a post that nothing explains raises an alert naming who made it; a visitor post does not', async () => {
    await baselineThroughStep4();
    rig.advanceTo(7);
    const fb = (await rig.captureAndCheck())[FB];
    const posts = fb?.raised.filter((a) => a.kind === 'unexplained_post') ?? [];
    const intruderPost = rig.sim.control.snapshot().facebook.posts.find((p) => p.message?.includes('FREE iPhone'));
    expect(posts.map((a) => a.evidence.externalId)).toEqual([intruderPost?.id]);
    expect(posts[0]?.evidence).toMatchObject({
      adminCreator: { name: 'Meta Page Support' }, text: expect.stringMatching(/FREE iPhone/), authorId: rig.sim.facebookPageId });
    expect(posts[0]?.summary).toMatch(/made by Meta Page Support/);
    expect(rig.status(FB)).toBe('suspended');
    const body = parseEml(fb?.emails.find((e) => e.alertId === posts[0]?.id)?.eml ?? '').body;
    expect(body).toContain(intruderPost?.id ?? '?');
    expect(body).toContain('FREE iPhone');
    expect((await rig.captureAndCheck())[FB]?.raised).toEqual([]);
  });

  it('[SEC-7] a recorded manual post explains a post the city made outside the app', async () => {
    await baselineThroughStep4();
    rig.advanceTo(7);
    const post = rig.sim.control.snapshot().facebook.posts.find((p) => p.message?.includes('FREE iPhone'));
    const number = post?.id.split('_')[1] ?? '';
    // The CM pastes the post number alone; the Page id completes it.
    const recorded = recordManualPost(rig.t.as(CM), { siteId: FB, externalId: number, note: 'Posted from the phone during the outage.' });
    expect(recorded.manualPost.externalId).toBe(post?.id);
    expect(recorded.openAlertIds).toEqual([]);
    const fb = (await rig.captureAndCheck())[FB];
    expect(fb?.raised.filter((a) => a.kind === 'unexplained_post')).toEqual([]);
    expect(fb?.raised.length).toBeGreaterThan(0); // steps 5 and 6 are still vandalism
    expect(auditCount('monitor.manual_post')).toBe(1);
  });

  it('[SEC-7] a manual post recorded after the alert leaves the alert for the IT Director', async () => {
    await baselineThroughStep4();
    rig.advanceTo(7);
    const alert = (await rig.captureAndCheck())[FB]?.raised.find((a) => a.kind === 'unexplained_post');
    const url = `https://www.facebook.com/${rig.sim.facebookPageId}/posts/${String(alert?.evidence.externalId).split('_')[1]}/`;
    const recorded = recordManualPost(rig.t.as(CM), { siteId: FB, externalId: url, note: 'That was me.' });
    expect(recorded.openAlertIds).toEqual([alert?.id]);
    expect(alertsOf(FB).map((a) => a.id)).toContain(alert?.id);
    expect(() => recordManualPost(rig.t.as(CM), { siteId: FB, externalId: url, note: 'again' })).toThrow(/already recorded/);
  });

  it('[SEC-7] an administrator the registry does not know raises an alert; the approved ones match whatever their case', async () => {
    await baselineThroughStep4();
    rig.advanceTo(8);
    const fb = (await rig.captureAndCheck())[FB];
    const admins = fb?.raised.filter((a) => a.kind === 'unknown_admin') ?? [];
    expect(admins.map((a) => a.evidence.name)).toEqual(['Meta Page Support']);
    expect(admins[0]?.evidence).toMatchObject({ registryAdmins: expect.arrayContaining(['JORDAN REYES', 'pat  lindqvist', 'Sam Okafor']) });
    const body = parseEml(fb?.emails.find((e) => e.alertId === admins[0]?.id)?.eml ?? '').body;
    expect(body).toMatch(/Platform user: Meta Page Support \(id \d+\)/);
    expect((await rig.captureAndCheck())[FB]?.raised).toEqual([]);
  });
});

describe('vandalism watch: admins by name', () => {
  it('[SEC-7] with the registry as seeded, Page admins whose Facebook names differ from their registry names are reported', async () => {
    await rig.close();
    rig = await monitorRig({ registerPageAdmins: false });
    const fb = (await rig.captureAndCheck())[FB];
    expect(fb?.raised.map((a) => a.evidence.name).sort()).toEqual(['Jordan Reyes', 'Pat Lindqvist']);
    expect(rig.status(FB)).toBe('suspended');
  });
});
