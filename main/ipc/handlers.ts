import type { Channel, Contract } from '../../preload/contract';
import { archiveHandlers } from './archive-handlers';
import { inboxHandlers } from './inbox-handlers';
import { lockHandlers } from './lock-handlers';
import { monitorHandlers } from './monitor-handlers';
import { registryHandlers } from './registry-handlers';
import type { HandlersFor } from './services';
import { vaultHandlers } from './vault-handlers';

export type { Services } from './services';
export type Handlers = HandlersFor<Contract>;

/** Every channel's handler, one object per domain, checked against the whole contract. */
export const handlers: Handlers = {
  ...registryHandlers,
  ...archiveHandlers,
  ...inboxHandlers,
  ...lockHandlers,
  ...monitorHandlers,
  ...vaultHandlers,
} satisfies Record<Channel, unknown>;
