import { PassThrough, Readable, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runScreen } from '../../main/moderation/screen-cli';
import { KALISPELL_POLICY } from '../../main/moderation/seed-policy';

function collect(): { stream: Writable; lines: () => Array<Record<string, unknown>> } {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  return { stream, lines: () => chunks.join('').split('\n').filter((l) => l !== '').map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('screen CLI over streams', () => {
  it('[CIV-6] writes one verdict line per input line and reports malformed lines without stopping', async () => {
    const input = Readable.from([
      '{"id":"a","post":"Pool opens Saturday.","text":"Vote NO on Prop 9!","author":"ignored"}\n',
      'this is not json\n',
      '\n',
      '{"id":7,"post":"Pool opens Saturday.","text":"Thanks, see you there!"}\r\n',
      '{"post":"x","text":"no id"}\n',
      '{"id":"b","post":"Trash pickup delayed a day.","text":"Our trash was skipped again on Elm St. Who do I call?"}',
    ]);
    const out = collect();
    const result = await runScreen(input, out.stream, KALISPELL_POLICY);
    expect(result).toEqual({ lines: 5, errors: 2 });
    const rows = out.lines();
    expect(rows).toHaveLength(5);
    expect(rows[0]).toMatchObject({ id: 'a', action: 'remove', labels: ['campaign'], policyVersion: KALISPELL_POLICY.version });
    expect(Object.keys(rows[0] ?? {})).toEqual(expect.arrayContaining(['id', 'action', 'labels', 'evidence', 'confidence']));
    expect(rows[1]).toEqual({ id: null, error: expect.stringMatching(/^line 2: invalid JSON/) });
    expect(rows[2]).toMatchObject({ id: '7', action: 'allow', labels: [] });
    expect(rows[3]).toEqual({ id: null, error: expect.stringMatching(/^line 5: id/) });
    expect(rows[4]).toMatchObject({ id: 'b', action: 'redirect', referral: { departmentId: 'public-works' } });
  });

  it('[CIV-6] streams: answers each line before the input ends', async () => {
    const input = new PassThrough();
    const output = new PassThrough();
    const seen: string[] = [];
    output.on('data', (d: Buffer) => seen.push(d.toString('utf8')));
    const done = runScreen(input, output);
    input.write('{"id":"1","post":"p","text":"you absolute moron"}\n');
    await new Promise((r) => setTimeout(r, 50));
    expect(seen.join('')).toContain('"id":"1"');
    input.write('{"id":"2","post":"p","text":"fine"}\n');
    input.end();
    await expect(done).resolves.toEqual({ lines: 2, errors: 0 });
  });

  it('[CIV-6] honours backpressure from a slow consumer', async () => {
    const lines = Array.from({ length: 300 }, (_, i) => `{"id":"${i}","post":"Road closed.","text":"comment number ${i} about the detour"}\n`);
    let written = 0;
    const slow = new Writable({
      highWaterMark: 64,
      write(_chunk, _enc, done) {
        written++;
        setImmediate(done);
      },
    });
    await expect(runScreen(Readable.from(lines), slow)).resolves.toEqual({ lines: 300, errors: 0 });
    expect(written).toBe(300);
  });
});
