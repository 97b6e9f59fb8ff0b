/** One run of a diff: text both versions share, or text only the older (del) or newer (add) has. */
export interface DiffPart { kind: 'same' | 'add' | 'del'; text: string }

/** Above this many table cells the comparison is given up as "all removed, all added": still true, just coarse. */
const MAX_CELLS = 4_000_000;

/** Words, runs of whitespace, and single other characters: joined, the tokens are the text again. */
export function words(text: string): string[] {
  return text.match(/\s+|[\p{L}\p{N}\p{M}_'’]+|[^\s\p{L}\p{N}\p{M}_'’]/gu) ?? [];
}

/** Lines with their line breaks kept, so the parts join back to the exact text. */
export function lines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function push(out: DiffPart[], kind: DiffPart['kind'], text: string): void {
  if (text === '') return;
  const last = out[out.length - 1];
  if (last && last.kind === kind) last.text += text;
  else out.push({ kind, text });
}

/**
 * A longest-common-subsequence diff of two token lists. The shared head is taken off first, so the
 * table starts where the texts part. The shared tail is left in: trimming it would pair a closing
 * full stop with the new last sentence's, and show ". Added words" instead of " Added words.".
 */
export function diffTokens(a: readonly string[], b: readonly string[]): DiffPart[] {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  const endA = a.length;
  const endB = b.length;
  const out: DiffPart[] = [];
  push(out, 'same', a.slice(0, start).join(''));
  const midA = a.slice(start, endA);
  const midB = b.slice(start, endB);
  const n = midA.length;
  const m = midB.length;
  if (n * m > MAX_CELLS) {
    push(out, 'del', midA.join(''));
    push(out, 'add', midB.join(''));
  } else {
    // lcs[i][j]: length of the longest common subsequence of midA[i..] and midB[j..].
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] = midA[i] === midB[j]
          ? (lcs[(i + 1) * width + j + 1] ?? 0) + 1
          : Math.max(lcs[(i + 1) * width + j] ?? 0, lcs[i * width + j + 1] ?? 0);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (midA[i] === midB[j]) {
        push(out, 'same', midA[i++] ?? '');
        j++;
      } else if ((lcs[(i + 1) * width + j] ?? 0) >= (lcs[i * width + j + 1] ?? 0)) {
        push(out, 'del', midA[i++] ?? '');
      } else {
        push(out, 'add', midB[j++] ?? '');
      }
    }
    push(out, 'del', midA.slice(i).join(''));
    push(out, 'add', midB.slice(j).join(''));
  }
  return out;
}

export const wordDiff = (before: string, after: string) => diffTokens(words(before), words(after));
export const lineDiff = (before: string, after: string) => diffTokens(lines(before), lines(after));

/** What each side of a diff shows: the older text is the same and del parts, the newer the same and add parts. */
export const older = (parts: DiffPart[]) => parts.filter((p) => p.kind !== 'add').map((p) => p.text).join('');
export const newer = (parts: DiffPart[]) => parts.filter((p) => p.kind !== 'del').map((p) => p.text).join('');

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * JSON laid out one member per line, for a line diff a person can read. The text is re-spaced,
 * never re-serialized: every number and string keeps its exact characters (JSON.parse would round
 * a 20-digit id). Returns null for anything that is not valid JSON.
 */
export function indentJson(text: string): string | null {
  if (!/^\s*[[{]/.test(text) || !isJson(text)) return null;
  let out = '';
  let depth = 0;
  const pad = () => `\n${'  '.repeat(depth)}`;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i] ?? '';
    if (ch === '"') {
      // Copy the whole string, escapes included.
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j;
    } else if (ch === '{' || ch === '[') {
      const close = ch === '{' ? '}' : ']';
      let k = i + 1;
      while (/\s/.test(text[k] ?? '')) k++;
      if (text[k] === close) {
        out += ch + close;
        i = k;
      } else {
        depth++;
        out += ch + pad();
      }
    } else if (ch === '}' || ch === ']') {
      depth = Math.max(0, depth - 1);
      out += pad() + ch;
    } else if (ch === ',') {
      out += `,${pad()}`;
    } else if (ch === ':') {
      out += ': ';
    } else if (!/\s/.test(ch)) {
      out += ch;
    }
  }
  return out;
}
