import type { ObjectKind, SnippetPart } from '../../../preload/contract';

export const KIND_LABEL: Record<ObjectKind, string> = {
  post: 'Post', comment: 'Comment', reply: 'Reply', profile: 'Profile', followers: 'Followers', media: 'Media',
};

export const PLATFORM_LABEL: Record<string, string> = { facebook: 'Facebook', x: 'X' };

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} bytes`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export function minutesLabel(m: number): string {
  if (m === 0) return 'On demand only';
  if (m % 1440 === 0) return m === 1440 ? 'Every day' : `Every ${m / 1440} days`;
  if (m % 60 === 0) return m === 60 ? 'Every hour' : `Every ${m / 60} hours`;
  return `Every ${m} minutes`;
}

/** Snippet runs as React text, the matches inside <mark>: stored text is never markup. */
export function snippetText(parts: SnippetPart[]): string {
  return parts.map((p) => p.text).join('');
}
