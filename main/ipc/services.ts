import type { z } from 'zod';
import type { CaptureCoordinator } from '../capture/scheduler';
import type { AppLock } from '../lock/app-lock';
import type { DomainContext } from '../registry/context';
import type { Workspace } from '../workspace/workspace';

/** What handlers need besides the request: the open workspace and the clock. */
export interface Services {
  workspace: Workspace;
  now(): Date;
  /** Runs captures one at a time; absent where nothing captures (the CLI, some tests). */
  capture?: CaptureCoordinator;
  /** The app lock (SEC-3, SEC-5); absent in the CLI and the browser preview. */
  lock?: AppLock;
}

/** Handlers for one domain's slice of the contract, each typed by its schema and result. */
export type HandlersFor<S extends Record<string, { input: z.ZodType; result: unknown }>> = {
  [C in keyof S]: (ctx: DomainContext, input: z.output<S[C]['input']>, services: Services) => S[C]['result'] | Promise<S[C]['result']>;
};
