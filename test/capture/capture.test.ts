import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { apiTokenAccount, setConnection } from '../../main/capture/connections';
import { captureNow, openArchiveForReading } from '../../main/capture/service';
import { openCredentialStore, type CredentialStore } from '../../main/credentials/store';
import { startSimulator, type Simulator } from '../../main/simulator';
import { CM, demoWorkspace, EMPLOYEE, type TestWorkspace } from '../helpers/workspace';

let t: TestWorkspace;
let sim: Simulator;
let store: CredentialStore;
const FB = 1;
const X = 2;
const noWait = { backoffBaseMs: 1, backoffMaxMs: 5, maxRetries: 2 };

beforeEach(async () => {
  t = demoWorkspace(new Date());
  sim = await startSimulator({ seed: 7 });
  store = await openCredentialStore(t.ws.id);
  setConnection(t.as(CM), { siteId: FB, baseUrl: sim.facebookBaseUrl, accountId: sim.facebookPageId });
  setConnection(t.as(CM), { siteId: X, baseUrl: sim.xBaseUrl, accountId: sim.xUserId });
  await store.set(apiTokenAccount(FB), sim.tokens.facebookPage);
  await store.set(apiTokenAccount(X), sim.tokens.xUser);
});

afterEach(async () => {
  for (const a of await store.accounts()) await store.delete(a);
  await sim.close();
  t.cleanup();
});

const capture = (extra: Parameters<typeof captureNow>[1] = {}) => captureNow(t.ws, { store, http: noWait, ...extra });
const archive = () => openArchiveForReading(t.ws).archive;

describe('capture from the platforms into the archive', () => {
  it('[REC-1] [REC-2] [CIV-1] archives every post, comment, reply and the profile with its pictures, byte for byte', async () => {
    const results = await capture();
    expect(results.map((r) => [r.siteName, r.ok, r.error])).toEqual([
      ['City of Kalispell (Facebook)', true, null], ['City of Kalispell (X)', true, null]]);
    const fb = results[0]?.counts;
    expect(fb?.new).toBeGreaterThan(10);
    const snap = sim.control.snapshot();
    const spamId = snap.named['fb.comment.spam'];
    if (!spamId) throw new Error('simulator has no spam comment');
    const record = archive().getRecord(FB, 'facebook', spamId);
    expect(record?.versions[0]?.kind).toBe('comment');
    // The payload is the platform's own JSON for that comment, exactly as it was sent.
    const payload = JSON.parse(Buffer.from(record?.versions[0]?.payload ?? []).toString('utf8')) as { id: string };
    expect(payload.id).toBe(spamId);
    const profile = archive().getRecord(FB, 'facebook', 'profile');
    expect(profile?.versions[0]?.media.length).toBeGreaterThan(0);
    expect(openArchiveForReading(t.ws).archive.verify({ trustedPublicKeys: openArchiveForReading(t.ws).trustedPublicKeys })).toMatchObject({ ok: true });
  });

  it('capturing again adds nothing when nothing changed', async () => {
    await capture();
    const captures = () => (t.ws.db.prepare("SELECT count(*) AS n FROM archive_entries WHERE type IN ('capture', 'deletion')").get() as { n: number }).n;
    const before = captures();
    const again = await capture();
    expect(again.every((r) => r.ok && r.counts?.new === 0 && r.counts.versions === 0 && r.counts.deletions === 0)).toBe(true);
    // Only the second run's reconcile records (the evidence of what it saw) are added, never a copy.
    expect(captures()).toBe(before);
    expect(archive().stats().versions).toBe(archive().stats().objects);
  });

  it('[REC-4] an edit becomes a new version, a deletion becomes a deletion record, and nothing is overwritten', async () => {
    await capture();
    const before = archive().stats();
    while (sim.control.advance()) { /* play the whole timeline */ }
    const results = await capture();
    expect(results.every((r) => r.ok)).toBe(true);
    const after = archive().stats();
    expect(after.versions).toBeGreaterThan(before.versions);
    expect(after.deletions).toBeGreaterThan(0);
    expect(after.entries).toBeGreaterThan(before.entries);
    const gone = t.ws.db.prepare("SELECT site_id AS siteId, platform, external_id AS externalId FROM archive_entries WHERE type = 'deletion'").all() as
      { siteId: number; platform: 'facebook' | 'x'; externalId: string }[];
    expect(gone.length).toBeGreaterThan(0);
    for (const h of gone) {
      const r = archive().getRecord(h.siteId, h.platform, h.externalId);
      expect(r?.deleted).toBe(true);
      expect(r?.versions.length).toBeGreaterThan(0);
    }
    // The cover photo changed: the profile has a second version whose picture bytes differ.
    const profile = archive().getRecord(FB, 'facebook', 'profile');
    expect(profile?.versions.length).toBeGreaterThanOrEqual(2);
    const shas = new Set(profile?.versions.flatMap((v) => v.media.map((m) => m.sha256)));
    expect(shas.size).toBeGreaterThan(1);
  });

  it('one site failing (expired token) is reported with a clear reason while the other is captured', async () => {
    sim.control.expireToken(sim.tokens.facebookPage);
    const results = await capture();
    expect(results[0]).toMatchObject({ ok: false, error: expect.stringMatching(/expired|log in|token/i) });
    expect(results[1]).toMatchObject({ ok: true });
    expect(archive().listRuns({ siteId: FB })[0]).toMatchObject({ status: 'failed' });
  });

  it('an interrupted capture leaves whole batches and the next run resumes where it stopped', async () => {
    const controller = new AbortController();
    let batches = 0;
    await expect(capture({ siteId: FB, signal: controller.signal, onProgress: (p) => {
      if (p.phase === 'comments' && ++batches === 3) controller.abort();
    } })).rejects.toThrow();
    const interrupted = archive().listRuns({ siteId: FB })[0];
    expect(interrupted?.status).toBe('failed');
    expect(interrupted?.cursor).not.toBeNull();
    const results = await capture({ siteId: FB });
    expect(results[0]?.ok).toBe(true);
    const resumed = archive().listRuns({ siteId: FB })[0];
    expect(resumed?.resumedFrom).toBe(interrupted?.id);
    expect(archive().verify().ok).toBe(true);
  });

  it('capturing is refused for a role that may not, and a site without a connection says so', async () => {
    const { chooseOwner } = await import('../../main/workspace/workspace');
    chooseOwner(t.ws, t.personId(EMPLOYEE));
    await expect(capture()).rejects.toThrow(/may not capture sites/);
    chooseOwner(t.ws, t.personId(CM));
    t.ws.db.prepare('DELETE FROM site_connections WHERE site_id = ?').run(X);
    const results = await capture({ siteId: X });
    expect(results[0]).toMatchObject({ ok: false, error: expect.stringMatching(/no platform connection/) });
  });
});
