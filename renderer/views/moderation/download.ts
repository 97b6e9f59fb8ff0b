/**
 * Offers a file the renderer holds as a download. The page's CSP allows blob: only for images,
 * but a download link to an object URL is not a fetch or a navigation the CSP governs: the
 * browser (and Electron's will-download) saves it. The URL is revoked once the click is handled.
 */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  a.hidden = true;
  document.body.append(a);
  try {
    a.click();
  } finally {
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }
}
