import { z } from 'zod';

/** Building blocks every domain's contract uses, so inputs are validated the same way everywhere. */
export const id = z.number().int().positive();
export const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-04-20.');
export const text = (max: number) => z.string().max(max);
export const nothing = z.undefined().or(z.null()).or(z.object({}).strict()).optional();
export const email = z.string().trim().email('Enter an email address.').max(254);
export const url = z.string().trim().max(2000).nullable().optional();

/** A phantom that carries a result type without a runtime value. */
export const returns = <T>() => undefined as unknown as T;

/** One channel: the schema main validates its input with, and the type of its result. */
export interface ChannelSpec<I extends z.ZodType = z.ZodType, R = unknown> { input: I; result: R }
