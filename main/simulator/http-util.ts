/** Request and response plumbing shared by the simulator's Graph, X and control routes. */
import type { IncomingMessage } from 'node:http';

export interface SimRequest {
  method: string;
  url: URL;
  headers: IncomingMessage['headers'];
  body: Buffer;
}

export interface SimResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array;
}

export const MAX_BODY_BYTES = 10 * 1024 * 1024;

export async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buf = chunk as Buffer;
    size += buf.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

/** Form fields from a urlencoded or multipart body (undici's parser, as a real server would use one). */
export async function readForm(req: SimRequest): Promise<FormData | null> {
  const type = String(req.headers['content-type'] ?? '');
  if (!/^(multipart\/form-data|application\/x-www-form-urlencoded)/i.test(type) || req.body.length === 0) return null;
  try {
    return await new Request('http://sim.invalid/', { method: 'POST', body: new Uint8Array(req.body), headers: { 'content-type': type } }).formData();
  } catch {
    return null;
  }
}

export function readJson(req: SimRequest): unknown {
  try {
    return JSON.parse(req.body.toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

/** A parameter from the query string or a form body, as Graph accepts either. */
export async function param(req: SimRequest, name: string): Promise<string | null> {
  const q = req.url.searchParams.get(name);
  if (q !== null) return q;
  const form = await readForm(req);
  const v = form?.get(name);
  if (typeof v === 'string') return v;
  const json = readJson(req);
  if (json && typeof json === 'object' && name in json) {
    const jv = (json as Record<string, unknown>)[name];
    return typeof jv === 'string' || typeof jv === 'boolean' || typeof jv === 'number' ? String(jv) : null;
  }
  return null;
}

export function bearerToken(req: SimRequest): string | null {
  const auth = String(req.headers.authorization ?? '');
  const m = /^(?:Bearer|OAuth)\s+(\S+)$/i.exec(auth);
  return m?.[1] ?? null;
}

export function json(status: number, body: string, headers: Record<string, string> = {}): SimResponse {
  return { status, headers: { 'content-type': 'application/json; charset=UTF-8', ...headers }, body };
}
