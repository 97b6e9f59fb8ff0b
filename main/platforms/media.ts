/**
 * Downloads the bytes behind a picture URL (profile picture, cover, post photo) so the archive can
 * store them by content hash. CDN URLs are signed and public: no token is ever sent with them.
 */
import type { CapturedMedia } from '../archive/types';
import { InvalidRequestError, InvalidResponseError, NotFoundError, type PlatformError, TransientError } from './errors';
import { type Dialect, PlatformHttp } from './http';
import type { HttpOptions, PlatformKey } from './types';

const DEFAULT_MAX_BYTES = 25 * 1024 * 1024;
const ALLOWED_TYPES = /^(image|video)\/[a-z0-9.+-]+$/i;

function cdnDialect(platform: PlatformKey): Dialect {
  return {
    platform,
    authorize: () => undefined,
    rateInfo: () => ({}),
    classify: (status, headers): PlatformError => {
      const info = { platform, status, detail: `media download answered HTTP ${status}`, traceId: headers.get('x-fb-trace-id') ?? undefined };
      if (status === 404 || status === 410 || status === 403) return new NotFoundError(info, 'The picture');
      if (status >= 500 || status === 429) return new TransientError(info, `Media server error ${status}`);
      return new InvalidRequestError(info);
    },
    gateKey: (_m, url) => `cdn ${url.host}`,
  };
}

export class MediaDownloader {
  private readonly http: PlatformHttp;
  constructor(
    private readonly platform: PlatformKey,
    http: HttpOptions = {},
    private readonly maxBytes = DEFAULT_MAX_BYTES,
  ) {
    this.http = new PlatformHttp(cdnDialect(platform), null, http);
  }

  async download(sourceUrl: string): Promise<CapturedMedia> {
    let url: URL;
    try {
      url = new URL(sourceUrl);
    } catch {
      throw new InvalidResponseError({ platform: this.platform }, `a picture URL that is not a URL ("${sourceUrl.slice(0, 80)}")`);
    }
    // Pictures travel over TLS; plain http only to this machine (a local mirror or the simulator).
    const loopback = /^(127\.\d+\.\d+\.\d+|localhost|\[::1\])$/.test(url.hostname);
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
      throw new InvalidResponseError({ platform: this.platform }, `a picture URL that is not https (${url.protocol}//${url.host})`);
    }
    const res = await this.http.send({
      method: 'GET',
      url,
      auth: false,
      action: 'download a picture',
      maxBytes: this.maxBytes,
      headers: { accept: 'image/*,video/*' },
    });
    const mediaType = (res.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    if (!ALLOWED_TYPES.test(mediaType)) {
      throw new InvalidResponseError({ platform: this.platform, status: res.status }, `a picture served as "${mediaType || 'no type'}"`);
    }
    if (res.bytes.length === 0) throw new InvalidResponseError({ platform: this.platform, status: res.status }, 'an empty picture');
    return { bytes: res.bytes, mediaType, sourceUrl };
  }
}
