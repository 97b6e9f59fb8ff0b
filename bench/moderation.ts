/**
 * Moderation screener throughput on one core: the labelled dev corpus repeated, screened one
 * comment at a time, beside a baseline measured in the same run on the same texts (one plain
 * case-insensitive regex scan per comment), so the ratio means something on any machine.
 * Rates are per second of this process's CPU time, not wall time: the build machine is shared,
 * and CPU time is what "one core" means when other jobs take turns on it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { screen } from '../main/moderation/screen';
import type { CommentInput } from '../main/moderation/types';
import type { BenchRow, BenchSuite } from './types';

const TARGET_PER_SECOND = 20_000;
const COMMENTS = 40_000;
const CORPUS = resolve(dirname(fileURLToPath(import.meta.url)), '../../shared/corpus/moderation-dev.jsonl');

/** Used only when the shared corpus is not checked out next to the project. */
const FALLBACK: CommentInput[] = [
  { id: 'f1', post: 'Plow crews are working on residential streets today.', text: 'Still no plow on Elm Ct and my car is stuck. Can someone send a truck?' },
  { id: 'f2', post: 'The council will vote on the budget Tuesday.', text: 'This budget is a disgrace and every council member who votes yes should explain it.' },
  { id: 'f3', post: 'The pool opens Saturday.', text: 'Private swim lessons, $40 per half hour, message me for openings!' },
  { id: 'f4', post: 'Library closes early Thursday.', text: 'Thanks for letting us know, see you Friday!' },
];

function loadComments(): CommentInput[] {
  if (!existsSync(CORPUS)) return FALLBACK;
  return readFileSync(CORPUS, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as { id: string; post: string; text: string })
    .map(({ id, post, text }) => ({ id, post, text }));
}

function perCpuSecond(count: number, start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return count / Math.max((used.user + used.system) / 1e6, 1e-9);
}

export const suite: BenchSuite = {
  name: 'moderation',
  async run(): Promise<BenchRow[]> {
    const comments = loadComments();
    const pick = (i: number): CommentInput => comments[i % comments.length] as CommentInput;
    for (let i = 0; i < 5_000; i++) screen(pick(i)); // warm the JIT and the policy caches

    let cpu = process.cpuUsage();
    for (let i = 0; i < COMMENTS; i++) screen(pick(i));
    const screenRate = perCpuSecond(COMMENTS, cpu);

    const scan = /\b(?:fuck|shit|vote|elect|sell|idiot|moron|ssn|password|porn)\b|\d{3}-\d{4}/i;
    cpu = process.cpuUsage();
    for (let i = 0; i < COMMENTS; i++) scan.test(pick(i).text);
    const scanRate = perCpuSecond(COMMENTS, cpu);

    // Hostile input: a 100 KB comment of script tags, bidi overrides and zero-width joiners.
    const unit = 'ok <script>alert(1)</script> \u202Ereversed\u202C f\u200Bu\u200Bc\u200Bk 406-555-0101 vote yes on measure 4 ';
    const big = unit.repeat(Math.ceil(100_000 / unit.length)).slice(0, 100_000);
    let start = process.hrtime.bigint();
    screen({ id: 'big', post: 'Road closure on Main Street.', text: big });
    const bigMs = Number(process.hrtime.bigint() - start) / 1e6;
    start = process.hrtime.bigint();
    big.match(new RegExp(scan.source, 'gi')); // every match, so the whole comment is read
    const bigScanMs = Number(process.hrtime.bigint() - start) / 1e6;

    return [
      {
        name: 'moderation screen() throughput, one core (per CPU second)',
        value: Math.round(screenRate),
        unit: 'comments/s',
        baseline: { name: 'single regex scan of the same comments', value: Math.round(scanRate) },
        target: `>= ${TARGET_PER_SECOND.toLocaleString('en-US')} comments/s`,
        met: screenRate >= TARGET_PER_SECOND,
      },
      {
        name: 'moderation screen() of one 100 KB hostile comment',
        value: Math.round(bigMs * 10) / 10,
        unit: 'ms',
        baseline: { name: 'single regex scan of the same comment', value: Math.round(bigScanMs * 100) / 100 },
        target: '<= 1000 ms',
        met: bigMs <= 1000,
      },
    ];
  },
};
