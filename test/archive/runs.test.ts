import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { obj, tempArchive, type TestArchive } from './helpers';

let t: TestArchive;
beforeEach(() => {
  t = tempArchive();
});
afterEach(() => t.cleanup());

describe('capture runs', () => {
  it('[REC-1] logs each run with its counts, and the counts move with the batches', () => {
    const started = t.archive.startRun({ siteId: t.fbSite, scope: 'comments', source: 'api' });
    expect(started).toMatchObject({ resumeCursor: null, resumedFrom: null, interrupted: [] });
    t.archive.ingest(t.fbSite, [obj({ id: 'c1' }), obj({ id: 'c2' })], 'api', { runId: started.runId, cursor: 'page-1' });
    t.archive.ingest(t.fbSite, [obj({ id: 'c1' }), obj({ id: 'c2', text: 'edited' })], 'api', { runId: started.runId, cursor: 'page-2' });
    t.archive.reconcile({ siteId: t.fbSite, kind: 'comment', parentExternalId: 'post-1', seenExternalIds: ['c2'], capturedAt: '2026-06-01T16:00:00Z', runId: started.runId });
    t.setNow('2026-06-01T16:05:00.000Z');
    const run = t.archive.finishRun(started.runId);
    expect(run).toMatchObject({
      siteId: t.fbSite, scope: 'comments', source: 'api', status: 'succeeded', batches: 3, newCount: 2, versionCount: 1,
      unchangedCount: 1, deletionCount: 1, cursor: 'page-2', startedAt: '2026-06-01T15:00:00.000Z', finishedAt: '2026-06-01T16:05:00.000Z', error: null,
    });
    expect(() => t.archive.finishRun(started.runId)).toThrow(/not running/);
    expect(() => t.archive.ingest(t.fbSite, [obj({ id: 'c3' })], 'api', { runId: started.runId })).toThrow(/not running/);
    // That failed batch changed nothing.
    expect(t.archive.getRecord(t.fbSite, 'facebook', 'c3')).toBeNull();
    expect(t.archive.listRuns({ siteId: t.fbSite })).toHaveLength(1);
    expect(t.archive.stats().runs).toEqual({ running: 0, interrupted: 0, failed: 0, succeeded: 1 });
  });

  it('[REC-4] a run left running is marked interrupted at the next start, which resumes from its cursor', () => {
    const first = t.archive.startRun({ siteId: t.fbSite, scope: 'posts', source: 'api' });
    t.archive.ingest(t.fbSite, [obj({ id: 'p1', kind: 'post', parent: null })], 'api', { runId: first.runId, cursor: 'after-p1' });
    // The process dies here. Another one (another connection) starts the same capture.
    const next = t.reopen().startRun({ siteId: t.fbSite, scope: 'posts', source: 'api' });
    expect(next).toMatchObject({ resumeCursor: 'after-p1', resumedFrom: first.runId, interrupted: [first.runId] });
    expect(t.archive.getRun(first.runId)).toMatchObject({ status: 'interrupted', newCount: 1, cursor: 'after-p1' });
    // A run of another scope is not disturbed by it.
    const other = t.archive.startRun({ siteId: t.fbSite, scope: 'comments', source: 'api' });
    expect(t.archive.getRun(next.runId)?.status).toBe('running');
    const failed = t.archive.finishRun(other.runId, { error: 'HTTP 500 from the Graph API' });
    expect(failed).toMatchObject({ status: 'failed', error: 'HTTP 500 from the Graph API' });
    expect(t.archive.markInterruptedRuns()).toEqual([next.runId]);
    expect(t.archive.stats().runs).toEqual({ running: 0, interrupted: 2, failed: 1, succeeded: 0 });
  });
});
