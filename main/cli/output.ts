/** Where the CLI writes; tests pass their own to read what a command printed. */
export interface Io {
  out(text: string): void;
  err(text: string): void;
  stdin?: NodeJS.ReadableStream;
  /** For commands that stream their output (screen); defaults to process.stdout. */
  stdout?: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
}

export const processIo: Io = {
  out: (t) => process.stdout.write(t.endsWith('\n') ? t : `${t}\n`),
  err: (t) => process.stderr.write(t.endsWith('\n') ? t : `${t}\n`),
  stdin: process.stdin,
  env: process.env,
};

export function printJson(io: Io, value: unknown): void {
  io.out(JSON.stringify(value, null, 2));
}

/** A plain aligned table for people reading a terminal. */
export function printTable(io: Io, headers: string[], rows: (string | number | null)[][]): void {
  const cells = [headers, ...rows.map((r) => r.map((c) => (c === null ? '' : String(c))))];
  const widths = headers.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  for (const row of cells) io.out(row.map((c, i) => (c ?? '').padEnd(widths[i] ?? 0)).join('  ').trimEnd());
}
