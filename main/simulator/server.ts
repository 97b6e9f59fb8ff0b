/**
 * The platform simulator: one local HTTP server speaking the Graph API under /graph/<version>/ and
 * X API v2 under /x/2/, serving pictures under /cdn/ and control endpoints under /__sim/. It is a
 * peer of the real APIs: clients reach it only through a different base URL.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createControl, handleControl, type RequestLogEntry, type SimulatorControl } from './control';
import { type FailSpec, Faults } from './faults';
import { graphJson } from './graph-fields';
import { GraphRoutes } from './graph-routes';
import { json, readBody, type SimRequest, type SimResponse } from './http-util';
import { seedKalispell } from './seed-kalispell';
import { World } from './state';
import { Timeline } from './timeline';
import { SIM_TOKENS, TokenBook } from './tokens';
import { XRoutes } from './x-routes';

export interface SimulatorOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Same seed, same ids. */
  seed?: number;
  /** The simulator's clock (default Date.now); seeded content is dated relative to it. */
  now?: () => number;
  /** The Facebook Page's two admins by name (communications manager, then IT), e.g. the registry's. */
  pageAdmins?: readonly [string, string];
}

export interface Simulator {
  url: string;
  /** Use as FacebookClient baseUrl. */
  facebookBaseUrl: string;
  /** Use as XClient baseUrl. */
  xBaseUrl: string;
  facebookPageId: string;
  xUserId: string;
  tokens: typeof SIM_TOKENS;
  control: SimulatorControl;
  close(): Promise<void>;
}

const GRAPH_VERSION = 'v21.0';

export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const world = new World(opts.seed ?? 1, opts.now ?? Date.now);
  const cast = seedKalispell(world, opts.pageAdmins);
  const timeline = new Timeline(world, cast);
  const faults = new Faults();
  const tokens = new TokenBook();
  const log: RequestLogEntry[] = [];
  const control = createControl(world, cast, timeline, faults, tokens, log);
  const graph = new GraphRoutes({ world, tokens, faults, actingAdminId: cast.cmAdminId });
  const x = new XRoutes({ world, tokens, faults });

  const server = createServer((req, res) => {
    void dispatch(req, res).catch((e: unknown) => {
      if (!res.headersSent) write(res, json(500, JSON.stringify({ error: String(e) })));
      else res.destroy();
    });
  });

  async function dispatch(raw: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(raw.url ?? '/', world.origin);
    const req: SimRequest = { method: raw.method ?? 'GET', url, headers: raw.headers, body: await readBody(raw) };
    const segments = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
    const head = segments.shift();
    if (head === '__sim') {
      // Only local tools may steer it: a foreign Host (DNS rebinding) or a form post from a web page is refused.
      const host = String(raw.headers.host ?? '');
      const jsonPost = req.method !== 'POST' || String(raw.headers['content-type'] ?? '').startsWith('application/json');
      const port = new URL(world.origin).port;
      if (![`127.0.0.1:${port}`, `localhost:${port}`].includes(host) || !jsonPost) {
        return write(res, json(403, JSON.stringify({ error: 'control requests must come from this machine with a JSON body' })));
      }
      return write(res, handleControl(control, req, segments.join('/')));
    }

    const platform = head === 'graph' ? 'facebook' : head === 'x' && segments.shift() === '2' ? 'x' : head === 'cdn' ? 'cdn' : null;
    if (!platform) return write(res, json(404, JSON.stringify({ error: 'not found' })));
    const entry: RequestLogEntry = { platform, method: req.method, path: url.pathname, status: 0 };
    log.push(entry);

    const fault = faults.take(platform, url.pathname);
    if (fault?.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault?.network === 'reset') {
      entry.status = 'reset';
      raw.socket.destroy();
      return;
    }
    if (fault?.network === 'hang') {
      entry.status = 'hang';
      return; // never answered; close() tears the socket down
    }
    let out: SimResponse;
    if (fault && fault.status !== undefined) out = faultResponse(fault, platform);
    else if (platform === 'facebook') out = await graph.handle(req, segments);
    else if (platform === 'x') out = await x.handle(req, segments);
    else out = serveAsset(segments.join('/'));
    entry.status = out.status;
    write(res, out);
  }

  function serveAsset(name: string): SimResponse {
    const asset = world.assets.get(name);
    if (!asset) return { status: 404, headers: { 'content-type': 'text/plain' }, body: 'URL signature expired' };
    return { status: 200, headers: { 'content-type': asset.mediaType, 'cache-control': 'max-age=1209600' }, body: asset.bytes };
  }

  function faultResponse(f: FailSpec, platform: 'facebook' | 'x' | 'cdn'): SimResponse {
    const status = f.status ?? 500;
    let body: string;
    if (typeof f.body === 'string') body = f.body;
    else if (f.body !== undefined) body = JSON.stringify(f.body);
    else if (platform === 'facebook') {
      body = graphJson({ error: { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', is_transient: true, code: 2, fbtrace_id: world.traceId() } });
    } else body = JSON.stringify({ title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank', status });
    return { status, headers: { 'content-type': 'application/json; charset=UTF-8', ...f.headers }, body };
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  world.origin = `http://127.0.0.1:${port}`;

  return {
    url: world.origin,
    facebookBaseUrl: `${world.origin}/graph/${GRAPH_VERSION}`,
    xBaseUrl: `${world.origin}/x/2`,
    facebookPageId: world.fbPage.id,
    xUserId: world.xAccountId,
    tokens: SIM_TOKENS,
    control,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function write(res: ServerResponse, out: SimResponse): void {
  const body = typeof out.body === 'string' ? Buffer.from(out.body, 'utf8') : Buffer.from(out.body);
  res.writeHead(out.status, { ...out.headers, 'content-length': String(body.length) });
  res.end(body);
}
