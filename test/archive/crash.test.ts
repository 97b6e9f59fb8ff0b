import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempArchive, type TestArchive } from './helpers';

const CHILD = fileURLToPath(new URL('./crash-child.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const KILLS = 22;

interface Committed {
  batch: number;
  externalIds: string[];
  entryIds: number[];
}

interface ChildRun {
  lines: Record<string, unknown>[];
  committed: Committed[];
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** Runs the child; with killAfterMs, SIGKILLs it that long after it reports ready or its first batch. */
function runChild(t: TestArchive, options: { killAfterMs?: number; afterFirstBatch?: boolean; maxBatches?: number }): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const args = ['--import', 'tsx', CHILD, t.file, String(t.fbSite)];
    if (options.maxBatches !== undefined) args.push(String(options.maxBatches));
    const child = spawn(process.execPath, args, { cwd: ROOT, env: { ...process.env, CRASH_SIGNER_PEM: t.signer.privateKeyPem }, stdio: ['ignore', 'pipe', 'pipe'] });
    const out: ChildRun = { lines: [], committed: [], code: null, signal: null };
    let buffer = '';
    let stderr = '';
    let armed = false;
    const arm = () => {
      if (armed || options.killAfterMs === undefined) return;
      armed = true;
      setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    };
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      let nl: number;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = JSON.parse(buffer.slice(0, nl)) as Record<string, unknown>;
        buffer = buffer.slice(nl + 1);
        out.lines.push(line);
        if (typeof line.batch === 'number') out.committed.push(line as unknown as Committed);
        if (line.ready && !options.afterFirstBatch) arm();
        if (typeof line.batch === 'number' && options.afterFirstBatch) arm();
      }
    });
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      out.code = code;
      out.signal = signal;
      if (signal !== 'SIGKILL' && code !== 0) reject(new Error(`child failed (${code}): ${stderr}`));
      else resolve(out);
    });
  });
}

let t: TestArchive;
beforeAll(() => {
  t = tempArchive();
});
afterAll(() => t.cleanup());

describe('crash safety', () => {
  it(
    `[REC-4] survives ${KILLS} SIGKILLs mid-capture: file intact, chain verifies, every committed batch is there, the next run resumes`,
    async () => {
      const committed = new Map<string, number>();
      let lastBatch = -1;
      let expectedFirst = 0;
      let killedMidCapture = 0;
      for (let k = 0; k < KILLS; k++) {
        // Half the kills land within the first moments (start-up, startRun, the first batch), half later.
        const early = k % 2 === 0;
        const run = await runChild(t, { killAfterMs: Math.floor(Math.random() * (early ? 40 : 250)), afterFirstBatch: !early });
        expect(run.signal).toBe('SIGKILL');
        // Each start resumes right after the last batch the archive holds (which may be one more
        // than the parent heard of: a kill can land between the commit and the print).
        const ready = run.lines.find((l) => l.ready === true);
        if (ready) expect(ready.first).toBe(expectedFirst);
        for (const c of run.committed) {
          c.externalIds.forEach((id, i) => committed.set(id, c.entryIds[i] as number));
          lastBatch = c.batch;
        }
        if (run.committed.length > 0) killedMidCapture++;

        const raw = new Database(t.file, { readonly: true });
        expect(raw.pragma('integrity_check', { simple: true })).toBe('ok');
        raw.close();
        const archive = t.reopen();
        const cursor = archive.listRuns({ siteId: t.fbSite, limit: 1 })[0]?.cursor;
        expectedFirst = cursor === null || cursor === undefined ? 0 : Number(cursor) + 1;
        expect(expectedFirst).toBeGreaterThanOrEqual(lastBatch + 1);
        const verified = archive.verify();
        expect(verified.problems).toEqual([]);
        for (const [externalId, entryId] of committed) {
          const record = archive.getRecord(t.fbSite, 'facebook', externalId);
          expect(record?.versions.some((v) => v.entryId === entryId), `${externalId} (entry ${entryId})`).toBe(true);
        }
      }
      expect(killedMidCapture).toBeGreaterThan(KILLS / 3);

      // A last run goes to the end: it picks up after the last committed batch and finishes.
      const final = await runChild(t, { maxBatches: 2 });
      expect(final.lines.at(-1)).toEqual({ done: true });
      expect(final.lines[0]).toMatchObject({ ready: true, first: expectedFirst });
      const archive = t.reopen();
      const runs = archive.listRuns({ siteId: t.fbSite, limit: 1000 });
      expect(runs[0]?.status).toBe('succeeded');
      expect(runs.slice(1).every((r) => r.status === 'interrupted')).toBe(true);
      expect(archive.verify().ok).toBe(true);
      expect(archive.stats().deletions).toBeGreaterThan(0);
    },
    120_000,
  );
});
