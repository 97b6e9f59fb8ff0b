import { memo, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent } from 'react';
import type { InboxItem } from '../../../preload/contract';
import { Highlighted } from './CommentText';
import { CLAUSE_NAME, STATE_LABEL, VERDICT_LABEL, cut, platformName } from './labels';

/** Every row is this tall: the window is then plain arithmetic on scrollTop, for 100 or 100,000 rows. */
export const ROW_HEIGHT = 76;
/** Rows rendered above and below the visible ones, so a fast wheel never shows a blank strip. */
const OVERSCAN = 6;
/** Ask for the next page while this many loaded rows are still below the window. */
const PAGE_AHEAD = 100;
/** A row shows the start of the comment; the reading pane shows all of it. */
const ROW_TEXT = 280;
/** Where no layout exists (jsdom), assume a window this tall. */
const FALLBACK_HEIGHT = 600;

/** One formatter for every row: toLocaleString would build a new one per row, per scroll step. */
const WHEN = new Intl.DateTimeFormat('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
function when(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : WHEN.format(d);
}

export interface InboxListProps {
  items: InboxItem[];
  selected: number;
  hasMore: boolean;
  label: string;
  onSelect(index: number): void;
  onOpen(index: number): void;
  onNearEnd(): void;
  /** Called after each commit with the rendered window; the render benchmark times it. */
  onWindowRendered?(first: number, last: number): void;
}

export function rowId(item: InboxItem): string {
  return `inbox-row-${item.id}`;
}

const Row = memo(function Row({ item, index, selected, total, onSelect, onOpen }: {
  item: InboxItem; index: number; selected: boolean; total: number; onSelect(i: number): void; onOpen(i: number): void;
}) {
  return (
    <div role="option" id={rowId(item)} aria-selected={selected} aria-posinset={index + 1} aria-setsize={total}
      className={`inbox-row verdict-${item.verdict} state-${item.state}${selected ? ' selected' : ''}`}
      style={{ top: index * ROW_HEIGHT, height: ROW_HEIGHT }}
      onClick={() => onSelect(index)} onDoubleClick={() => onOpen(index)}>
      <div className="row-meta">
        <span className={`verdict verdict-${item.verdict}`}>{VERDICT_LABEL[item.verdict]}</span>
        {item.labels.map((l) => <span key={l} className="clause-chip">{CLAUSE_NAME[l]}</span>)}
        {item.state !== 'open' ? <span className={`state-chip state-${item.state}`}>{STATE_LABEL[item.state]}</span> : null}
        {item.flags > 0 ? <span className="flag-chip">Reported {item.flags}×</span> : null}
        <span className="row-where">
          <bdi className="row-author">{item.author ?? 'Unknown author'}</bdi> · {platformName(item)} · {when(item.createdAt ?? item.capturedAt)}
        </span>
      </div>
      <p className="row-text" dir="auto"><Highlighted text={cut(item.text, ROW_TEXT)} evidence={item.evidence} /></p>
    </div>
  );
});

/**
 * The inbox as a virtualized listbox: only the rows in view (plus a few) are in the DOM, each at
 * index × ROW_HEIGHT inside a spacer as tall as the whole list. The listbox keeps focus and
 * points at the selected row with aria-activedescendant, as a mail client's message list does.
 */
export function InboxList({ items, selected, hasMore, label, onSelect, onOpen, onNearEnd, onWindowRendered }: InboxListProps) {
  const ref = useRef<HTMLDivElement>(null);
  const [scrollTop, setScrollTop] = useState(0);
  const [height, setHeight] = useState(FALLBACK_HEIGHT);

  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setHeight(el.clientHeight || FALLBACK_HEIGHT));
    observer.observe(el);
    return () => observer.disconnect();
  }, []);

  // A new list (other filters) starts at the top.
  const firstId = items[0]?.id;
  useEffect(() => {
    if (ref.current) ref.current.scrollTop = 0;
  }, [firstId]);

  // Keep the selected row in view when j/k move past the window's edge.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const top = selected * ROW_HEIGHT;
    const viewHeight = el.clientHeight || FALLBACK_HEIGHT;
    if (top < el.scrollTop) el.scrollTop = top;
    else if (top + ROW_HEIGHT > el.scrollTop + viewHeight) el.scrollTop = top + ROW_HEIGHT - viewHeight;
  }, [selected]);

  const first = Math.max(0, Math.floor(scrollTop / ROW_HEIGHT) - OVERSCAN);
  const last = Math.min(items.length - 1, Math.ceil((scrollTop + height) / ROW_HEIGHT) + OVERSCAN);

  useEffect(() => {
    if (hasMore && last >= items.length - PAGE_AHEAD) onNearEnd();
  }, [hasMore, last, items.length, onNearEnd]);

  useLayoutEffect(() => {
    onWindowRendered?.(first, last);
  });

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.altKey || e.ctrlKey || e.metaKey) return;
    const page = Math.max(1, Math.floor(height / ROW_HEIGHT) - 1);
    const to = e.key === 'ArrowDown' ? selected + 1 : e.key === 'ArrowUp' ? selected - 1 : e.key === 'PageDown' ? selected + page
      : e.key === 'PageUp' ? selected - page : e.key === 'Home' ? 0 : e.key === 'End' ? items.length - 1 : null;
    if (to === null) return;
    e.preventDefault();
    onSelect(Math.max(0, Math.min(items.length - 1, to)));
  };

  const current = items[selected];
  const total = hasMore ? -1 : items.length;
  const rows = [];
  for (let i = first; i <= last; i++) {
    const item = items[i];
    if (item) rows.push(<Row key={item.id} item={item} index={i} selected={i === selected} total={total} onSelect={onSelect} onOpen={onOpen} />);
  }
  return (
    <div ref={ref} className="inbox-scroller" role="listbox" tabIndex={0} aria-label={label}
      aria-activedescendant={current ? rowId(current) : undefined} aria-keyshortcuts="j k ArrowDown ArrowUp Enter"
      onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)} onKeyDown={onKeyDown}>
      <div role="presentation" className="inbox-spacer" style={{ height: items.length * ROW_HEIGHT }}>{rows}</div>
    </div>
  );
}
