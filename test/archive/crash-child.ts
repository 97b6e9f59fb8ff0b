/**
 * A capture process for the crash test: resumes the 'crash' run of a site, then ingests batch after
 * batch (new comments, edits of the previous batch, now and then a reconcile) and prints one JSON
 * line per committed batch. The test kills it with SIGKILL at random moments.
 *
 * Usage: node --import tsx test/archive/crash-child.ts <db file> <site id> [max batches]
 * The signing key comes in CRASH_SIGNER_PEM.
 */
import { createArchive, signerFromPrivateKey } from '../../main/archive';
import type { CapturedObject } from '../../main/archive/types';
import { openDatabase } from '../../main/db/connection';

const [file, site, max] = process.argv.slice(2);
if (!file || !site) throw new Error('usage: crash-child <db file> <site id> [max batches]');
const siteId = Number(site);
const maxBatches = max === undefined ? Infinity : Number(max);
const pem = process.env.CRASH_SIGNER_PEM;
if (!pem) throw new Error('CRASH_SIGNER_PEM is required');

const PER_BATCH = 40;
const enc = new TextEncoder();

function comment(batch: number, i: number, revision = 0): CapturedObject {
  const id = `b${batch}-c${i}`;
  const text = `Comment ${i} of batch ${batch} about the snow plow route${revision ? ` (edit ${revision})` : ''}`;
  return {
    platform: 'facebook',
    kind: 'comment',
    externalId: id,
    parentExternalId: `post-${batch % 3}`,
    author: `Resident ${i}`,
    createdAt: new Date(Date.UTC(2026, 0, 1) + batch * 60_000 + i * 1000).toISOString(),
    text,
    payload: enc.encode(JSON.stringify({ id, message: text, from: { name: `Resident ${i}` }, revision })),
    contentType: 'application/json',
  };
}

const db = openDatabase(file);
const archive = createArchive(db, { signer: signerFromPrivateKey(pem) });
const run = archive.startRun({ siteId, scope: 'crash', source: 'api' });
const first = run.resumeCursor === null ? 0 : Number(run.resumeCursor) + 1;
process.stdout.write(`${JSON.stringify({ ready: true, runId: run.runId, resumedFrom: run.resumedFrom, first })}\n`);

for (let batch = first; batch < first + maxBatches; batch++) {
  const objects: CapturedObject[] = [];
  for (let i = 0; i < PER_BATCH; i++) objects.push(comment(batch, i));
  if (batch > 0) for (let i = 0; i < 5; i++) objects.push(comment(batch - 1, i, batch));
  const result = archive.ingest(siteId, objects, 'api', { runId: run.runId, cursor: String(batch) });
  if (batch % 7 === 6) {
    // Everything under this post except this batch's comments is gone from the platform.
    archive.reconcile({
      siteId,
      kind: 'comment',
      parentExternalId: `post-${batch % 3}`,
      seenExternalIds: objects.filter((o) => o.parentExternalId === `post-${batch % 3}`).map((o) => o.externalId),
      capturedAt: new Date().toISOString(),
      runId: run.runId,
    });
  }
  process.stdout.write(`${JSON.stringify({ batch, externalIds: objects.map((o) => o.externalId), entryIds: result.entryIds })}\n`);
}
archive.finishRun(run.runId);
db.close();
process.stdout.write(`${JSON.stringify({ done: true })}\n`);
