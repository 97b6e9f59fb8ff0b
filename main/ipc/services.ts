import type { z } from 'zod';
import type { DomainContext } from '../registry/context';
import type { Workspace } from '../workspace/workspace';

/** What handlers need besides the request: the open workspace and the clock. */
export interface Services {
  workspace: Workspace;
  now(): Date;
}

/** Handlers for one domain's slice of the contract, each typed by its schema and result. */
export type HandlersFor<S extends Record<string, { input: z.ZodType; result: unknown }>> = {
  [C in keyof S]: (ctx: DomainContext, input: z.output<S[C]['input']>, services: Services) => S[C]['result'] | Promise<S[C]['result']>;
};
