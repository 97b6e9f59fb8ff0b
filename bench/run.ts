import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchRow, BenchSuite } from './types';

// `npm run bench [NAME...]`: runs every bench/<name>.ts that exports `suite`, one after another so
// they do not compete for the two cores, and prints one table with ratios against each baseline.
const only = process.argv.slice(2);
const files = readdirSync(import.meta.dirname)
  .filter((f) => f.endsWith('.ts') && !['run.ts', 'types.ts'].includes(f))
  .filter((f) => only.length === 0 || only.includes(f.replace(/\.ts$/, '')))
  .sort();

function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 1000) return Math.round(n).toLocaleString('en-US');
  return n.toPrecision(3);
}

const rows: (BenchRow & { suite: string })[] = [];
for (const file of files) {
  const mod = (await import(join(import.meta.dirname, file))) as { suite?: BenchSuite };
  if (!mod.suite) continue;
  process.stderr.write(`running ${mod.suite.name}…\n`);
  for (const row of await mod.suite.run()) rows.push({ ...row, suite: mod.suite.name });
}

const table = [['suite', 'measure', 'value', 'unit', 'baseline', 'baseline value', 'ratio', 'target', 'met']];
for (const r of rows) {
  table.push([
    r.suite, r.name, fmt(r.value), r.unit, r.baseline?.name ?? '', r.baseline ? fmt(r.baseline.value) : '',
    r.baseline && r.baseline.value !== 0 ? `${(r.value / r.baseline.value).toFixed(2)}x` : '', r.target ?? '',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ]);
}
const widths = table[0]?.map((_, i) => Math.max(...table.map((r) => (r[i] ?? '').length))) ?? [];
for (const [i, r] of table.entries()) {
  console.log(r.map((c, j) => c.padEnd(widths[j] ?? 0)).join(' | '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
}
if (rows.some((r) => r.met === false)) process.exitCode = 1;
