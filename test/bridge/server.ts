import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { build } from 'esbuild';
import { dispatch } from '../../main/ipc/dispatch';
import type { Services } from '../../main/ipc/handlers';

/**
 * The test bridge: serves the built renderer and answers the contract over HTTP on 127.0.0.1 with
 * the real main-process modules. It exists for end-to-end tests and `npm run web`; it is never
 * part of the packaged app (electron-builder packs only out/).
 */
export interface Bridge { url: string; origin: string; token: string; close(): Promise<void> }

const TYPES: Record<string, string> = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8', '.svg': 'image/svg+xml', '.png': 'image/png' };
const MAX_BODY = 40 * 1024 * 1024;
const COOKIE = 'civicdesk_bridge';

async function clientBundle(): Promise<string> {
  const result = await build({ entryPoints: [join(import.meta.dirname, 'client.ts')], bundle: true, write: false, format: 'esm', platform: 'browser', target: 'chrome120', logLevel: 'silent' });
  return result.outputFiles[0]?.text ?? '';
}

function sameToken(a: string | undefined, b: string): boolean {
  if (!a || a.length !== b.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

function cookieToken(req: IncomingMessage): string | undefined {
  return (req.headers.cookie ?? '').split(';').map((c) => c.trim().split('=')).find(([k]) => k === COOKIE)?.[1];
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new Error('Request too large.');
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(res: ServerResponse, status: number, type: string, body: string | Buffer, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store', ...headers });
  res.end(body);
}

export async function startBridge(options: { services: Services; rendererDir?: string; port?: number }): Promise<Bridge> {
  const rendererDir = resolve(options.rendererDir ?? 'out/renderer');
  const token = randomBytes(24).toString('hex');
  const client = await clientBundle();
  let origin = '';

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', origin || 'http://127.0.0.1');
      if (url.pathname.startsWith('/__bridge/invoke/')) {
        // Same-origin JSON only, with the session cookie: another local page cannot drive the workspace.
        if (req.method !== 'POST' || req.headers.origin !== origin || !sameToken(cookieToken(req), token)
          || !(req.headers['content-type'] ?? '').startsWith('application/json')) {
          send(res, 403, 'application/json', JSON.stringify({ ok: false, error: { code: 'forbidden', message: 'Refused by the test bridge.' } }));
          return;
        }
        let input: unknown;
        try {
          input = JSON.parse(await readBody(req));
        } catch (err) {
          send(res, 400, 'application/json', JSON.stringify({ ok: false, error: { code: 'invalid_input', message: `Bad request body: ${err instanceof Error ? err.message : String(err)}` } }));
          return;
        }
        const channel = decodeURIComponent(url.pathname.slice('/__bridge/invoke/'.length));
        send(res, 200, 'application/json', JSON.stringify(await dispatch(options.services, channel, input)));
        return;
      }
      if (url.pathname === '/__bridge/client.js') {
        send(res, 200, TYPES['.js'] as string, client);
        return;
      }
      if (url.pathname === '/' || url.pathname === '/index.html') {
        const given = url.searchParams.get('token') ?? cookieToken(req);
        if (!sameToken(given ?? undefined, token)) {
          send(res, 403, 'text/plain', 'Open the address printed by the bridge (it carries the session token).');
          return;
        }
        const html = (await readFile(join(rendererDir, 'index.html'), 'utf8'))
          .replace('<head>', '<head>\n    <script type="module" src="/__bridge/client.js"></script>');
        send(res, 200, TYPES['.html'] as string, html, { 'set-cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/` });
        return;
      }
      const file = normalize(join(rendererDir, decodeURIComponent(url.pathname)));
      if (!file.startsWith(rendererDir + sep)) {
        send(res, 403, 'text/plain', 'Forbidden');
        return;
      }
      try {
        send(res, 200, TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file));
      } catch {
        send(res, 404, 'text/plain', 'Not found');
      }
    })().catch((err: unknown) => {
      if (!res.headersSent) send(res, 500, 'text/plain', `Bridge error: ${err instanceof Error ? err.message : String(err)}`);
    });
  });

  await new Promise<void>((ok) => server.listen(options.port ?? 0, '127.0.0.1', ok));
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `${origin}/?token=${token}`,
    origin,
    token,
    close: () => new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}
