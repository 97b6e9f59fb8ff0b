/**
 * Turns response bytes into validated values. Every shape check failure becomes an
 * InvalidResponseError that names the field, so "the API changed" is diagnosable from the message.
 */
import type { z } from 'zod';
import { InvalidResponseError } from './errors';
import type { RawResponse } from './http';
import { JsonSliceError, jsonDataSlices, parseJsonBytes, sliceTopLevelValue, wholeJson } from './json-slices';
import type { Fetched, PlatformKey } from './types';

function invalid(platform: PlatformKey, res: RawResponse, problem: string): InvalidResponseError {
  return new InvalidResponseError({ platform, status: res.status }, problem);
}

function describeIssues(error: z.ZodError, where: string): string {
  const issue = error.issues[0];
  const path = issue?.path.length ? issue.path.join('.') : '(top level)';
  return `${where}: ${path} ${issue?.message ?? 'has the wrong shape'}`;
}

function guard<T>(platform: PlatformKey, res: RawResponse, run: () => T): T {
  try {
    return run();
  } catch (e) {
    if (e instanceof JsonSliceError) throw invalid(platform, res, e.message);
    throw e;
  }
}

/** The whole body, parsed and checked. */
export function parseBody<S extends z.ZodType>(platform: PlatformKey, res: RawResponse, schema: S, where: string): z.infer<S> {
  const value = guard(platform, res, () => parseJsonBytes(res.bytes));
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw invalid(platform, res, describeIssues(parsed.error, where));
  return parsed.data;
}

/** A single-object body: the object and the whole body as its raw bytes. */
export function parseWhole<S extends z.ZodType>(platform: PlatformKey, res: RawResponse, schema: S, where: string): Fetched<z.infer<S>> {
  const slice = guard(platform, res, () => wholeJson(res.bytes));
  const parsed = schema.safeParse(slice.value);
  if (!parsed.success) throw invalid(platform, res, describeIssues(parsed.error, where));
  return { value: parsed.data, raw: slice.raw };
}

/** `{"data": {...}}` (X single objects): the object and the exact bytes of `data`. */
export function parseDataObject<S extends z.ZodType>(platform: PlatformKey, res: RawResponse, schema: S, where: string): Fetched<z.infer<S>> | null {
  const slice = guard(platform, res, () => sliceTopLevelValue(res.bytes, 'data'));
  if (!slice) return null;
  const parsed = schema.safeParse(slice.value);
  if (!parsed.success) throw invalid(platform, res, describeIssues(parsed.error, where));
  return { value: parsed.data, raw: slice.raw };
}

/** Each element of top-level `data`, checked, with its exact bytes. */
export function parseDataItems<S extends z.ZodType>(platform: PlatformKey, res: RawResponse, schema: S, where: string): Array<Fetched<z.infer<S>>> {
  const slices = guard(platform, res, () => jsonDataSlices(res.bytes));
  return slices.map((slice, i) => {
    const parsed = schema.safeParse(slice.value);
    if (!parsed.success) throw invalid(platform, res, describeIssues(parsed.error, `${where} item ${i}`));
    return { value: parsed.data, raw: slice.raw };
  });
}
