// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useRef, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import type { InboxItem } from '../../preload/contract';
import { CommentText, segments } from '../../renderer/views/inbox/CommentText';
import { InboxList, ROW_HEIGHT } from '../../renderer/views/inbox/InboxList';
import { useTriageKeys, type TriageKey } from '../../renderer/views/inbox/useTriageKeys';

afterEach(cleanup);

type Evidence = InboxItem['evidence'][number];
const ev = (start: number, end: number, label: Evidence['label'] = 'commercial'): Evidence => ({ label, start, end, text: '', why: 'test', rule: 't' });

function item(i: number, text = `Comment number ${i}`): InboxItem {
  return {
    id: i + 1, siteId: 1, siteName: 'City of Kalispell (Facebook)', platform: 'facebook', externalId: `c${i}`, kind: 'comment', parentExternalId: null,
    postExternalId: 'p1', author: `Resident ${i}`, text, postText: 'A post', createdAt: '2026-05-01T12:00:00Z', capturedAt: '2026-05-01T12:05:00Z',
    verdict: 'allow', labels: [], evidence: [], confidence: 0.9, policyVersion: 'v1', referral: null, state: 'open', hidden: false, flags: 0,
  };
}

const HOSTILE = '<script>window.__pwned = 1</script><img src=x onerror="window.__pwned = 2"> \u202Egnp.exe\u202C z\u200Bw\u200Bj';

describe('comment text', () => {
  it('splits evidence spans into marks, merging overlaps and clamping offsets outside the text', () => {
    const text = 'Earn $500/day from home';
    expect(segments(text, [ev(0, 4), ev(2, 13, 'sexual'), ev(30, 40)]).map((s) => [s.text, s.evidence.length])).toEqual([
      ['Earn $500/day', 2], [' from home', 0],
    ]);
    expect(segments(text, [ev(14, 18)]).map((s) => s.text)).toEqual(['Earn $500/day ', 'from', ' home']);
    expect(segments(text, [ev(-5, 0), ev(10, 5)]).map((s) => s.text)).toEqual([text]);
  });

  it('[CIV-4] renders hostile text inert: markup stays text, direction is isolated, nothing runs, the text is not altered', () => {
    const { container } = render(<CommentText text={HOSTILE} evidence={[ev(8, 14, 'safety_security')]} id="t1" />);
    const p = container.querySelector('.comment-text');
    expect(p?.textContent).toBe(HOSTILE);
    expect(p?.getAttribute('dir')).toBe('auto');
    expect(container.querySelector('script, img')).toBeNull();
    expect((window as unknown as { __pwned?: number }).__pwned).toBeUndefined();
    expect(container.querySelector('mark')?.textContent).toBe(HOSTILE.slice(8, 14));
    expect(screen.getByText(/Contains invisible or direction-changing characters/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Show them' }));
    expect(p?.textContent).toContain('⟨U+202E⟩');
    expect(p?.textContent).toContain('⟨U+200B⟩');
    expect(p?.textContent).not.toContain('\u202E');
  });

  it('clamps a 100 KB comment behind "Show more" and shows all of it on request', () => {
    const big = 'x\u200B'.repeat(50_000);
    const { container } = render(<CommentText text={big} evidence={[ev(99_990, 100_000)]} id="big" />);
    const p = container.querySelector('.comment-text');
    expect(p?.textContent?.length).toBeLessThan(1600);
    const more = screen.getByRole('button', { name: /Show more/ });
    expect(more.getAttribute('aria-controls')).toBe('big');
    fireEvent.click(more);
    expect(p?.textContent).toBe(big);
    expect(container.querySelector('mark')?.textContent?.length).toBe(10);
  });
});

describe('the virtualized inbox list', () => {
  const items = Array.from({ length: 100_000 }, (_, i) => item(i));
  const noop = () => undefined;

  it('renders only the rows in view out of 100,000, and the rows further down once scrolled', () => {
    const { container } = render(<InboxList items={items} selected={0} hasMore={false} label="Comments" onSelect={noop} onOpen={noop} onNearEnd={noop} />);
    const options = () => [...container.querySelectorAll('[role="option"]')];
    expect(options().length).toBeGreaterThan(5);
    expect(options().length).toBeLessThan(40);
    expect(options()[0]?.getAttribute('aria-setsize')).toBe('100000');
    const listbox = screen.getByRole('listbox', { name: 'Comments' });
    expect((listbox.firstElementChild as HTMLElement).style.height).toBe(`${100_000 * ROW_HEIGHT}px`);
    fireEvent.scroll(listbox, { target: { scrollTop: 70_000 * ROW_HEIGHT } });
    const positions = options().map((o) => Number(o.getAttribute('aria-posinset')));
    expect(positions).toContain(70_001);
    expect(Math.min(...positions)).toBeGreaterThan(69_000);
    expect(options().length).toBeLessThan(40);
  });

  it('asks for the next page as the reader nears the end of what is loaded', () => {
    let asked = 0;
    const page = items.slice(0, 500);
    const { container } = render(<InboxList items={page} selected={0} hasMore label="Comments" onSelect={noop} onOpen={noop} onNearEnd={() => { asked++; }} />);
    expect(asked).toBe(0);
    expect(container.querySelector('[role="option"]')?.getAttribute('aria-setsize')).toBe('-1');
    fireEvent.scroll(screen.getByRole('listbox'), { target: { scrollTop: 450 * ROW_HEIGHT } });
    expect(asked).toBeGreaterThan(0);
  });

  it('moves the selection with the arrow keys and keeps aria-activedescendant on the selected row', () => {
    function Harness() {
      const [selected, setSelected] = useState(0);
      return <InboxList items={items.slice(0, 50)} selected={selected} hasMore={false} label="Comments" onSelect={setSelected} onOpen={noop} onNearEnd={noop} />;
    }
    render(<Harness />);
    const listbox = screen.getByRole('listbox');
    fireEvent.keyDown(listbox, { key: 'ArrowDown' });
    fireEvent.keyDown(listbox, { key: 'ArrowDown' });
    expect(listbox.getAttribute('aria-activedescendant')).toBe('inbox-row-3');
    expect(screen.getByRole('option', { selected: true }).textContent).toContain('Comment number 2');
    fireEvent.keyDown(listbox, { key: 'End' });
    expect(listbox.getAttribute('aria-activedescendant')).toBe('inbox-row-50');
  });
});

describe('triage keys', () => {
  function Harness({ onKey }: { onKey(k: TriageKey): void }) {
    const list = useRef<HTMLDivElement>(null);
    useTriageKeys(onKey, () => list.current);
    return (
      <div>
        <div ref={list} tabIndex={0} role="listbox" aria-label="Comments" />
        <label>Search <input /></label>
        <button type="button">Some button</button>
      </div>
    );
  }

  it('fire from the list and the page, never while typing, with a modifier, or under an open dialog; Enter opens only from the list', () => {
    const keys: TriageKey[] = [];
    render(<Harness onKey={(k) => keys.push(k)} />);
    const list = screen.getByRole('listbox');
    act(() => { fireEvent.keyDown(list, { key: 'j' }); });
    fireEvent.keyDown(document.body, { key: 'h' });
    fireEvent.keyDown(list, { key: 'Enter' });
    expect(keys).toEqual(['next', 'hide', 'open']);

    fireEvent.keyDown(screen.getByLabelText('Search'), { key: 'h' });
    fireEvent.keyDown(list, { key: 'a', ctrlKey: true });
    fireEvent.keyDown(list, { key: '1', altKey: true });
    fireEvent.keyDown(screen.getByRole('button'), { key: 'Enter' });
    expect(keys).toEqual(['next', 'hide', 'open']);

    const dialog = document.createElement('dialog');
    dialog.setAttribute('open', '');
    document.body.append(dialog);
    fireEvent.keyDown(list, { key: 'd' });
    dialog.remove();
    fireEvent.keyDown(list, { key: 'u' });
    expect(keys).toEqual(['next', 'hide', 'open', 'undo']);
  });
});
