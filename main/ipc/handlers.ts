import type { Channel, Contract } from '../../preload/contract';
import { registryHandlers } from './registry-handlers';
import type { HandlersFor } from './services';

export type { Services } from './services';
export type Handlers = HandlersFor<Contract>;

/** Every channel's handler, one object per domain, checked against the whole contract. */
export const handlers: Handlers = {
  ...registryHandlers,
} satisfies Record<Channel, unknown>;
