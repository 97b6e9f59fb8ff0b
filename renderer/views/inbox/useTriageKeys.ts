import { useEffect, useRef } from 'react';

export type TriageKey = 'next' | 'previous' | 'open' | 'allow' | 'hide' | 'delete' | 'reply' | 'refer_attorney' | 'undo' | 'flag';

const KEYS: Record<string, TriageKey> = {
  j: 'next', k: 'previous', a: 'allow', h: 'hide', d: 'delete', r: 'reply', e: 'refer_attorney', u: 'undo', f: 'flag',
};

export function isTyping(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  return Boolean(el && (el.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName)));
}

/**
 * Mail-client keys for the inbox, listened for on the whole window so they work wherever focus is,
 * except while typing, with a modifier held (Alt+1 is the Shell's), or under an open dialog.
 * Enter opens only from the list itself, so Enter on a focused button still presses the button.
 */
export function useTriageKeys(onKey: (key: TriageKey) => void, listbox: () => HTMLElement | null) {
  const handler = useRef(onKey);
  useEffect(() => { handler.current = onKey; });
  useEffect(() => {
    const listener = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      if (document.querySelector('dialog[open]')) return;
      const list = listbox();
      const key = e.key === 'Enter' ? (e.target === list || e.target === document.body ? 'open' : undefined) : KEYS[e.key];
      if (!key) return;
      e.preventDefault();
      handler.current(key);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [listbox]);
}

/** The keys this person can use: a role that may not moderate sees only moving, reading and reporting. */
export function legend(can: { moderate: boolean; reply: boolean }): [string, string][] {
  return [
    ['j / k', 'next / previous'], ['Enter', 'read'],
    ...(can.moderate ? [['a', 'allow'], ['h', 'hide'], ['d', 'remove']] as [string, string][] : []),
    ...(can.reply ? [['r', 'reply']] as [string, string][] : []),
    ...(can.moderate ? [['e', 'to the City Attorney'], ['u', 'undo']] as [string, string][] : [['f', 'report to the Communications Manager']] as [string, string][]),
  ];
}
