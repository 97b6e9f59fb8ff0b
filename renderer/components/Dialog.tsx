import { useEffect, useRef, type ReactNode } from 'react';

/** A native modal dialog: the browser traps focus, Esc closes it, and focus returns on close. */
export function Dialog({ title, open, onClose, children }: { title: string; open: boolean; onClose(): void; children: ReactNode }) {
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) d.showModal();
    if (!open && d.open) d.close();
  }, [open]);
  return (
    <dialog ref={ref} aria-labelledby="dialog-title" onClose={onClose} onCancel={onClose}>
      {open ? (
        <>
          <header className="dialog-head">
            <h2 id="dialog-title">{title}</h2>
            <button type="button" className="ghost" aria-label="Close" onClick={onClose}>×</button>
          </header>
          {children}
        </>
      ) : null}
    </dialog>
  );
}
