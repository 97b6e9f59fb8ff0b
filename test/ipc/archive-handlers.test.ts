import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openArchiveForWriting } from '../../main/capture/service';
import { apiTokenAccount, setConnection } from '../../main/capture/connections';
import { CaptureCoordinator } from '../../main/capture/scheduler';
import type { CapturedObject } from '../../main/archive/types';
import { openCredentialStore, type CredentialStore } from '../../main/credentials/store';
import { dispatch } from '../../main/ipc/dispatch';
import type { Services } from '../../main/ipc/handlers';
import { startSimulator, type Simulator } from '../../main/simulator';
import { chooseOwner } from '../../main/workspace/workspace';
import type { CaptureStatus, ConnectionView, MediaView, RecordView, SearchResult, VerifyView } from '../../preload/contract';
import { CM, countRows, demoWorkspace, EMPLOYEE, IT_DIRECTOR, type TestWorkspace } from '../helpers/workspace';

const FB = 1;
const X = 2;
const HOSTILE = '<img src=x onerror="alert(1)"><script>alert(2)</script> Council agenda \u202e\u0000 & "quotes"';
/** 1x1 transparent PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(3)</script></svg>');

let t: TestWorkspace;
let sim: Simulator;
let store: CredentialStore;
let services: Services;
let capture: CaptureCoordinator;

beforeEach(async () => {
  t = demoWorkspace(new Date());
  sim = await startSimulator({ seed: 5 });
  store = await openCredentialStore(t.ws.id);
  capture = new CaptureCoordinator({ workspace: t.ws, openStore: async () => store, http: { backoffBaseMs: 1, backoffMaxMs: 5, maxRetries: 1 } });
  services = { workspace: t.ws, now: () => new Date(), capture };
});

afterEach(async () => {
  await capture.dispose();
  for (const a of await store.accounts()) await store.delete(a);
  await sim.close();
  t.cleanup();
});

async function ok<T>(channel: string, input?: unknown): Promise<T> {
  const r = await dispatch(services, channel, input);
  if (!r.ok) throw new Error(`${channel} failed: ${r.error.code} ${r.error.message}`);
  // Every answer must survive JSON unchanged: it crosses IPC and the HTTP bridge.
  expect(JSON.parse(JSON.stringify(r.value))).toEqual(r.value);
  return r.value as T;
}

async function seedHostile() {
  const { archive } = await openArchiveForWriting(t.ws, store);
  const payload = Buffer.from(JSON.stringify({ id: 'c1', message: HOSTILE }), 'utf8');
  const objects: CapturedObject[] = [
    { platform: 'facebook', kind: 'comment', externalId: 'c1', parentExternalId: 'p1', author: 'Mallory <b>', text: HOSTILE, payload, contentType: 'application/json' },
    // Not UTF-8: a lone 0xff byte.
    { platform: 'facebook', kind: 'comment', externalId: 'c2', parentExternalId: 'p1', author: 'Bin', text: 'binary payload council', payload: Buffer.from([0x7b, 0xff, 0x00, 0x7d]), contentType: 'application/octet-stream' },
    {
      platform: 'facebook', kind: 'post', externalId: 'p1', author: 'City', text: 'A post with pictures', payload: Buffer.from('{"id":"p1"}'), contentType: 'application/json',
      media: [{ bytes: PNG, mediaType: 'image/png' }, { bytes: SVG, mediaType: 'image/svg+xml' }],
    },
  ];
  archive.ingest(FB, objects, 'api');
}

describe('archive channels', () => {
  it('[REC-1] hostile text in payloads comes back as text: exact characters, never markup to trust', async () => {
    await seedHostile();
    const found = await ok<SearchResult>('archive.search', { query: 'alert' });
    expect(found.hits.map((h) => h.externalId)).toEqual(['c1']);
    const snippet = found.hits[0]?.snippet ?? [];
    expect(snippet.filter((p) => p.match).map((p) => p.text)).toEqual(['alert', 'alert']);
    expect(snippet.map((p) => p.text).join('')).toContain('<img src=x onerror="');

    const record = await ok<RecordView>('archive.record', { siteId: FB, platform: 'facebook', externalId: 'c1' });
    expect(record.versions[0]?.payload).toEqual({ encoding: 'utf8', data: JSON.stringify({ id: 'c1', message: HOSTILE }), size: expect.any(Number), truncated: false });
    expect(record.versions[0]?.author).toBe('Mallory <b>');
    const binary = await ok<RecordView>('archive.record', { siteId: FB, platform: 'facebook', externalId: 'c2' });
    expect(binary.versions[0]?.payload.encoding).toBe('base64');
    expect([...Buffer.from(binary.versions[0]?.payload.data ?? '', 'base64')]).toEqual([0x7b, 0xff, 0x00, 0x7d]);
  });

  it('gives pictures as data URLs of the exact bytes and refuses to inline SVG', async () => {
    await seedHostile();
    const post = await ok<RecordView>('archive.record', { siteId: FB, platform: 'facebook', externalId: 'p1' });
    const [png, svg] = post.versions[0]?.media ?? [];
    const shown = await ok<MediaView>('archive.media', { sha256: png?.sha256 });
    expect(shown.dataUrl?.startsWith('data:image/png;base64,')).toBe(true);
    expect(Buffer.from(shown.dataUrl?.split(',')[1] ?? '', 'base64').equals(PNG)).toBe(true);
    const refused = await ok<MediaView>('archive.media', { sha256: svg?.sha256 });
    expect(refused).toMatchObject({ dataUrl: null, mediaType: 'image/svg+xml', reason: expect.stringMatching(/kept in the archive/) });
    expect(await dispatch(services, 'archive.media', { sha256: 'f'.repeat(64) })).toMatchObject({ ok: false, error: { code: 'not_found' } });
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    const before = countRows(t.ws, 'audit_log');
    const bad: [string, unknown, RegExp][] = [
      ['archive.search', { query: 42 }, /query/],
      ['archive.search', { query: 'x', limit: 1000 }, /limit/],
      ['archive.search', { query: 'x', from: '2026-06-02', to: '2026-06-01' }, /"from" date/],
      ['archive.search', { query: 'x', from: 'yesterday' }, /from: Use a date/],
      ['archive.search', { query: 'x', kind: 'tweet' }, /kind/],
      ['archive.search', { query: 'x', siteId: 1, sql: 'DROP TABLE' }, /sql|Unrecognized/i],
      ['archive.record', { siteId: FB, platform: 'myspace', externalId: 'a' }, /platform/],
      ['archive.media', { sha256: '../../etc/passwd' }, /SHA-256/],
      ['capture.setConnection', { siteId: FB, baseUrl: 'http://evil.example', accountId: '1', captureMinutes: 5 }, /https/],
      ['capture.setConnection', { siteId: FB, baseUrl: 'https://graph.facebook.com', accountId: '1', captureMinutes: -1 }, /on demand/],
    ];
    for (const [channel, input, message] of bad) {
      const r = await dispatch(services, channel, input);
      expect(r, `${channel} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(message) } });
    }
    expect(await dispatch(services, 'archive.record', { siteId: FB, platform: 'facebook', externalId: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    // Search words are never FTS5 syntax: this is four literal words, not a query that fails.
    expect(await ok<SearchResult>('archive.search', { query: 'NEAR( "x" OR text: *' })).toEqual({ hits: [], hasMore: false });
    expect(countRows(t.ws, 'audit_log')).toBe(before);
  });

  it('[REC-3] verifies the archive on demand, audits it, and reports when it was last verified', async () => {
    await seedHostile();
    const v = await ok<VerifyView>('archive.verify');
    expect(v).toMatchObject({ ok: true, problems: [], trustedKey: true });
    expect(v.checked).toBeGreaterThan(0);
    const stats = await ok<{ objects: number; lastVerify: { ok: boolean; checked: number; by: string } }>('archive.stats');
    expect(stats.objects).toBe(3);
    expect(stats.lastVerify).toMatchObject({ ok: true, checked: v.checked, by: 'Jordan Avery' });
    // A byte changed behind the archive's back is found and named.
    t.ws.db.exec('DROP TRIGGER archive_entries_no_update');
    t.ws.db.prepare("UPDATE archive_entries SET text = 'tampered' WHERE external_id = 'c2'").run();
    const broken = await ok<VerifyView>('archive.verify');
    expect(broken.ok).toBe(false);
    expect(broken.problems[0]).toMatchObject({ kind: 'changed' });
    expect((await ok<{ lastVerify: { ok: boolean; problems: number } }>('archive.stats')).lastVerify).toMatchObject({ ok: false, problems: broken.problems.length });
  });
});

describe('capture channels', () => {
  const connectBoth = () => {
    setConnection(t.as(CM), { siteId: FB, baseUrl: sim.facebookBaseUrl, accountId: sim.facebookPageId, captureMinutes: 0 });
    setConnection(t.as(CM), { siteId: X, baseUrl: sim.xBaseUrl, accountId: sim.xUserId, captureMinutes: 0 });
  };

  it('[CIV-1] captures on demand through the coordinator and lists the run in the capture log', async () => {
    connectBoth();
    await store.set(apiTokenAccount(FB), sim.tokens.facebookPage);
    await store.set(apiTokenAccount(X), sim.tokens.xUser);
    const started = await ok<CaptureStatus>('capture.start', { siteId: FB });
    expect(started.running).toBe(true);
    expect(await dispatch(services, 'capture.start', {})).toMatchObject({ ok: false, error: { code: 'conflict' } });
    await capture.idle();
    const status = await ok<CaptureStatus>('capture.status');
    expect(status.running).toBe(false);
    expect(status.sites.find((s) => s.siteId === FB)?.last).toMatchObject({ ok: true });
    const runs = await ok<{ siteName: string; status: string; newCount: number }[]>('capture.runs', { siteId: FB });
    expect(runs).toEqual([expect.objectContaining({ siteName: 'City of Kalispell (Facebook)', status: 'succeeded' })]);
    const comments = await ok<SearchResult>('archive.search', { query: '', kind: 'comment', siteId: FB, limit: 100 });
    expect(comments.hits.length).toBeGreaterThan(5);
  });

  it('[REC-1] an Employee can search, read and verify the archive but not capture, stop or reconnect a site', async () => {
    connectBoth();
    chooseOwner(t.ws, t.personId(EMPLOYEE));
    expect((await dispatch(services, 'archive.search', { query: 'council' })).ok).toBe(true);
    expect((await dispatch(services, 'archive.verify', undefined)).ok).toBe(true);
    expect((await dispatch(services, 'capture.status', undefined)).ok).toBe(true);
    expect((await dispatch(services, 'capture.runs', undefined)).ok).toBe(true);
    for (const [channel, input] of [['capture.start', {}], ['capture.stop', undefined],
      ['capture.setConnection', { siteId: FB, baseUrl: sim.facebookBaseUrl, accountId: '1', captureMinutes: 5 }]] as const) {
      expect(await dispatch(services, channel, input)).toMatchObject({ ok: false, error: { code: 'forbidden', message: expect.stringMatching(/^Employees may not/) } });
    }
    expect(capture.status().running).toBe(false);
    expect(countRows(t.ws, 'capture_runs')).toBe(0);
    // The IT Director captures, but changing how a site is reached stays with the Communications Manager.
    chooseOwner(t.ws, t.personId(IT_DIRECTOR));
    expect(await dispatch(services, 'capture.setConnection', { siteId: FB, baseUrl: sim.facebookBaseUrl, accountId: '1', captureMinutes: 5 }))
      .toMatchObject({ ok: false, error: { code: 'forbidden' } });
  });

  it('sets a site\u2019s connection and interval, puts its token only in the keychain, and reschedules', async () => {
    capture.startSchedule();
    const view = await ok<ConnectionView>('capture.setConnection', {
      siteId: X, baseUrl: sim.xBaseUrl, accountId: sim.xUserId, captureMinutes: 30, token: sim.tokens.xUser,
    });
    expect(view).toMatchObject({ siteId: X, hasToken: true, connection: { captureMinutes: 30, accountId: sim.xUserId } });
    expect(JSON.stringify(view)).not.toContain(sim.tokens.xUser);
    expect(await store.get(apiTokenAccount(X))).toBe(sim.tokens.xUser);
    const rows = t.ws.db.prepare("SELECT before, after FROM audit_log WHERE entity = 'site' AND entity_id = ?").all(String(X)) as { before: string | null; after: string | null }[];
    expect(JSON.stringify(rows)).not.toContain(sim.tokens.xUser);
    const all = await ok<ConnectionView[]>('capture.connections');
    expect(all.map((c) => [c.siteId, c.connection?.captureMinutes ?? null, c.hasToken])).toEqual([[FB, null, false], [X, 30, true]]);
    expect(capture.status().sites.find((s) => s.siteId === X)?.nextDueAt).not.toBeNull();
  });

  it('says plainly when this window has no capture service', async () => {
    const bare: Services = { workspace: t.ws, now: () => new Date() };
    expect(await dispatch(bare, 'capture.start', {})).toMatchObject({ ok: false, error: { message: expect.stringMatching(/not available in this window/) } });
    expect(await dispatch(bare, 'capture.status', undefined)).toMatchObject({ ok: true, value: { running: false, paused: expect.any(String) } });
  });
});
