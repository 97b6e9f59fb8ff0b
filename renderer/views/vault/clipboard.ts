/**
 * "Copying a password or code clears the clipboard after 30 s" in the renderer, mirroring
 * main/vault/clipboard-policy.ts: the clear happens only if the clipboard still holds what was
 * copied; anything the person copied since is theirs and stays.
 */
export const CLEAR_AFTER_MS = 30_000;

let pending: { value: string; timer: number } | null = null;

async function write(text: string): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
  } catch {
    // The async clipboard can be refused (no permission, window not focused); the legacy copy
    // command works inside the click that asked for it.
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.className = 'sr-only';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    if (!ok) throw new Error('The clipboard refused the copy.');
  }
}

async function clearIfUnchanged(value: string): Promise<void> {
  let current: string | null;
  try {
    current = await navigator.clipboard.readText();
  } catch {
    // Reading is often not permitted. Not knowing counts as unchanged: a secret left on the
    // clipboard is the risk the rule exists for, a lost clipboard item is a nuisance.
    current = null;
  }
  if (current !== null && current !== value) return;
  try {
    await navigator.clipboard.writeText('');
  } catch {
    // A window in the background may not write the clipboard; clear when it comes back.
    window.addEventListener('focus', () => void clearIfUnchanged(value), { once: true });
  }
}

/** Copies a secret and schedules its clear; a newer copy replaces the older schedule. */
export async function copySecret(value: string, ms: number = CLEAR_AFTER_MS): Promise<void> {
  await write(value);
  if (pending) window.clearTimeout(pending.timer);
  const timer = window.setTimeout(() => {
    if (pending?.timer === timer) pending = null;
    void clearIfUnchanged(value);
  }, ms);
  pending = { value, timer };
}
