import { useCallback, useState, type ReactNode } from 'react';
import { messageOf } from '../api';
import { useUi } from '../store/ui';

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="empty" role="status">
      <h3>{title}</h3>
      {children ? <div>{children}</div> : null}
    </div>
  );
}

const STATUS_LABEL: Record<string, string> = {
  proposed: 'Proposed', approved: 'Approved', active: 'Active', suspended: 'Suspended', retired: 'Retired',
  open: 'Open', in_progress: 'In progress', closed: 'Closed', pending: 'Awaiting approval', cancelled: 'Cancelled',
};

export function Badge({ value }: { value: string }) {
  return <span className={`badge badge-${value}`}>{STATUS_LABEL[value] ?? value}</span>;
}

/** Runs a form's submit: tracks busy state, keeps main's error message for the form to show. */
export function useAction<A extends unknown[]>(fn: (...args: A) => Promise<string | void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toast = useUi((s) => s.toast);
  const run = useCallback(async (...args: A) => {
    setBusy(true);
    setError(null);
    try {
      const message = await fn(...args);
      if (message) toast(message);
      return true;
    } catch (err) {
      setError(messageOf(err));
      return false;
    } finally {
      setBusy(false);
    }
  }, [fn, toast]);
  return { run, busy, error, setError };
}

export function FormError({ error }: { error: string | null }) {
  return error ? <p className="form-error" role="alert">{error}</p> : null;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '—';
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' });
}

export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString('en-US', { year: 'numeric', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
}

export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}
