/** Media type from a file name; exports carry no Content-Type, only the extension. */
const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  bmp: 'image/bmp',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  mov: 'video/quicktime',
  webm: 'video/webm',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  pdf: 'application/pdf',
};

export function mediaTypeFor(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  const ext = dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
  return Object.hasOwn(BY_EXTENSION, ext) ? (BY_EXTENSION[ext] as string) : 'application/octet-stream';
}

export function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}
