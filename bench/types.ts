/**
 * One row of `npm run bench`. Every measured figure stands beside a baseline measured in the same
 * run on the same data, so the ratio means something on any machine.
 */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  /** A sentence a reviewer can check the row against, e.g. ">= 50,000 records/s". */
  target?: string;
  /** Whether the target was met; undefined when the row has no target. */
  met?: boolean;
}

export interface BenchSuite {
  name: string;
  run(): Promise<BenchRow[]>;
}
