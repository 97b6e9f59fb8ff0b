import type { PlatformKey } from '../archive/types';
import { PlatformError } from './errors';

/**
 * SEC-9: the city does not use instant messaging within social media sites. The clients refuse,
 * before anything is sent, every request to a messaging endpoint: Graph API conversations and
 * messages (Messenger), and X direct messages.
 */
const MESSAGING: Record<PlatformKey, RegExp> = {
  facebook: /\/(?:conversations|messages|message_attachments|messenger_profile|inbox_labels)(?:\/|$)/i,
  x: /\/(?:dm_conversations|dm_events)(?:\/|$)/i,
};

export class MessagingRefusedError extends PlatformError {
  readonly retryable = false;
  constructor(platform: PlatformKey, path: string) {
    super(`Civic Social Desk does not send or read instant messages on social media (SEC-9); the request to ${path} was not sent.`, { platform });
  }
}

export function refuseMessaging(platform: PlatformKey, url: URL): void {
  if (MESSAGING[platform].test(url.pathname)) throw new MessagingRefusedError(platform, url.pathname);
}
