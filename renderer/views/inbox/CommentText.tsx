import { Fragment, useState, type ReactNode } from 'react';
import type { InboxItem } from '../../../preload/contract';
import { CLAUSE_NAME, cut, hasInvisible, INVISIBLE } from './labels';

type Evidence = InboxItem['evidence'][number];

export interface Segment { text: string; evidence: Evidence[] }

/**
 * Splits the comment into plain and evidence segments from the screener's UTF-16 offsets.
 * Overlapping spans merge into one mark that names every clause; offsets outside the text
 * (a stale verdict, an edited comment) are clamped rather than trusted.
 */
export function segments(text: string, evidence: Evidence[]): Segment[] {
  const spans = evidence
    .map((e) => ({ e, start: Math.max(0, Math.min(e.start, text.length)), end: Math.max(0, Math.min(e.end, text.length)) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const out: Segment[] = [];
  let at = 0;
  for (let i = 0; i < spans.length;) {
    const first = spans[i];
    if (!first) break;
    let end = first.end;
    const group: Evidence[] = [first.e];
    let j = i + 1;
    for (; j < spans.length && (spans[j]?.start ?? Infinity) < end; j++) {
      const s = spans[j];
      if (!s) break;
      group.push(s.e);
      end = Math.max(end, s.end);
    }
    const start = Math.max(first.start, at);
    if (start > at) out.push({ text: text.slice(at, start), evidence: [] });
    if (end > start) out.push({ text: text.slice(start, end), evidence: group });
    at = Math.max(at, end);
    i = j;
  }
  if (at < text.length) out.push({ text: text.slice(at), evidence: [] });
  return out;
}

const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'g');

/** Shows each invisible or direction-changing character as its code point, so a moderator sees the trick. */
function revealed(text: string): ReactNode {
  const parts: ReactNode[] = [];
  let at = 0;
  for (const m of text.matchAll(INVISIBLE_ALL)) {
    if (m.index > at) parts.push(text.slice(at, m.index));
    const code = `U+${(m[0].codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
    parts.push(<span key={m.index} className="invisible-char">⟨{code}⟩</span>);
    at = m.index + m[0].length;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

/** React text nodes and <mark>s only: the comment can never become markup, whatever it contains. */
export function Highlighted({ text, evidence, reveal = false }: { text: string; evidence: Evidence[]; reveal?: boolean }): ReactNode {
  const show = (t: string) => (reveal ? revealed(t) : t);
  return segments(text, evidence).map((s, i) => s.evidence.length === 0 ? <Fragment key={i}>{show(s.text)}</Fragment> : (
    <mark key={i} title={s.evidence.map((e) => `${CLAUSE_NAME[e.label]}: ${e.why}`).join('\n')}>{show(s.text)}</mark>
  ));
}

const CLAMP = 1500;

/**
 * A public comment as the moderator reads it: text only, direction isolated so a right-to-left
 * override cannot spill into the app, long text clamped behind "Show more".
 */
export function CommentText({ text, evidence, clamp = CLAMP, id }: { text: string; evidence: Evidence[]; clamp?: number; id?: string }) {
  const [full, setFull] = useState(false);
  const [reveal, setReveal] = useState(false);
  const long = text.length > clamp;
  const shown = long && !full ? cut(text, clamp) : text;
  return (
    <div className="comment-body">
      {hasInvisible(text) ? (
        <p className="invisible-note">
          Contains invisible or direction-changing characters.{' '}
          <button type="button" className="link" aria-pressed={reveal} onClick={() => setReveal(!reveal)}>{reveal ? 'Hide them' : 'Show them'}</button>
        </p>
      ) : null}
      <p className="comment-text" dir="auto" id={id}>
        <Highlighted text={shown} evidence={evidence} reveal={reveal} />
        {long && !full ? '…' : null}
      </p>
      {long ? (
        <button type="button" className="link" aria-expanded={full} aria-controls={id} onClick={() => setFull(!full)}>
          {full ? 'Show less' : `Show more (${Math.round(text.length / 1000)}K characters)`}
        </button>
      ) : null}
    </div>
  );
}
