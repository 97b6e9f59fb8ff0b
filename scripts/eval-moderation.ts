/**
 * npm run eval:moderation [-- path/to/corpus.jsonl] [--mistakes]
 *
 * Scores the moderation screener (seed Kalispell policy, no learned adjustments) on the labelled
 * corpus, prints a per-label table and the targets, and exits 1 if any target is missed.
 */
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatReport, loadCorpus, scoreCorpus } from '../main/moderation/evaluate';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const showMistakes = args.includes('--mistakes');
const pathArg = args.find((a) => !a.startsWith('--'));
const corpus = pathArg !== undefined ? resolve(process.cwd(), pathArg) : resolve(root, '../shared/corpus/moderation-dev.jsonl');

const report = scoreCorpus(loadCorpus(corpus));
console.log(`moderation screener on ${corpus}\n`);
console.log(formatReport(report));
if (showMistakes) {
  console.log('\nmistakes:');
  for (const m of report.mistakes) {
    console.log(`  ${m.id} expected ${m.expected.action} [${m.expected.labels.join(',')}] got ${m.got.action} [${m.got.labels.join(',')}]\n    ${m.text.slice(0, 160)}`);
  }
}
process.exitCode = report.met.all ? 0 : 1;
