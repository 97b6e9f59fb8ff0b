/**
 * Streaming JSON-lines screener for scripts (the IT Director's `civicdesk screen`): one comment a
 * line in, `{"id","post","text"}` (other fields ignored), one verdict a line out, in order. A bad
 * line yields `{"id":null,"error":"line N: ..."}` and the stream goes on. Input is read line by
 * line and output honours backpressure, so a large export never sits in memory.
 *
 * Also runnable directly: `npx tsx main/moderation/screen-cli.ts [--policy policy.json] < in.jsonl`.
 */
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { pathToFileURL } from 'node:url';
import { z } from 'zod';
import type { LearnedAdjustments } from './learn';
import { parsePolicy, type ModerationPolicy } from './policy';
import { screen } from './screen';
import { KALISPELL_POLICY } from './seed-policy';

const lineSchema = z.object({
  id: z.union([z.string().min(1), z.number().finite()], { error: 'id must be a non-empty string or a number' }),
  text: z.string(),
  post: z.string().optional(),
  platform: z.enum(['facebook', 'x']).optional(),
});

export interface ScreenRunResult {
  /** Non-blank input lines, each answered by one output line. */
  lines: number;
  /** Of those, lines answered with an error. */
  errors: number;
}

export async function runScreen(
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  policy: ModerationPolicy = KALISPELL_POLICY,
  learned?: LearnedAdjustments,
): Promise<ScreenRunResult> {
  const rl = createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let lines = 0;
  let errors = 0;
  for await (const raw of rl) {
    lineNo++;
    if (raw.trim() === '') continue;
    lines++;
    let out: string;
    try {
      out = JSON.stringify(screenLine(raw, policy, learned));
    } catch (err) {
      errors++;
      out = JSON.stringify({ id: null, error: `line ${lineNo}: ${(err as Error).message}` });
    }
    if (!output.write(`${out}\n`)) await once(output, 'drain');
  }
  return { lines, errors };
}

function screenLine(raw: string, policy: ModerationPolicy, learned: LearnedAdjustments | undefined): object {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (err) {
    throw new Error(`invalid JSON (${(err as Error).message})`);
  }
  const parsed = lineSchema.safeParse(value);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.length > 0 ? i.path.join('.') : 'line'}: ${i.message}`).join('; '));
  }
  const { id, text, post, platform } = parsed.data;
  const v = screen({ id: String(id), text, post: post ?? '', ...(platform !== undefined ? { platform } : {}) }, policy, learned);
  return {
    id: v.id,
    action: v.action,
    labels: v.labels,
    evidence: v.evidence.map(({ label, start, end, text: span, why }) => ({ label, start, end, text: span, why })),
    confidence: v.confidence,
    policyVersion: v.policyVersion,
    ...(v.referral !== undefined ? { referral: v.referral } : {}),
  };
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const at = args.indexOf('--policy');
  const policyPath = at >= 0 ? args[at + 1] : undefined;
  const policy = policyPath !== undefined ? parsePolicy(readFileSync(policyPath, 'utf8')) : KALISPELL_POLICY;
  const { lines, errors } = await runScreen(process.stdin, process.stdout, policy);
  process.stderr.write(`screened ${lines} line(s), ${errors} error(s)\n`);
  if (errors > 0) process.exitCode = 2;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((err: unknown) => {
    process.stderr.write(`${(err as Error).message}\n`);
    process.exitCode = 1;
  });
}
