import {
  Agent,
  createServer,
  request,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

import { wallNow } from './http';

/**
 * A pass-through proxy between the tool under test (kubectl, the dashboard) and the embedded
 * cluster, which notes the answer to every Eviction POST: which pod, its HTTP code, and when
 * the answer's head arrived (wall clock). The cluster's `/metrics` counts evictions by code
 * only; the per-pod first refusal that blocked time starts from is seen here. Bodies are
 * streamed both ways untouched, watches included; it adds well under a millisecond.
 */

export interface EvictionAnswer {
  at: number;
  code: number;
}

const EVICTION = /^\/api\/v1\/namespaces\/[^/]+\/pods\/([^/?]+)\/eviction(?:\?|$)/;
/** Hop-by-hop headers, which belong to one connection and are not forwarded. */
const HOP = ['connection', 'keep-alive', 'proxy-connection', 'upgrade', 'te', 'trailer'];

function forwardable(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  const out = { ...headers };
  for (const h of HOP) delete out[h];
  return out;
}

export class EvictionProxy {
  /** Pod name → the answers to its Eviction POSTs, in order. */
  readonly answers = new Map<string, EvictionAnswer[]>();
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  private readonly server: Server;
  /** Where the tools are pointed; set by {@link start}. */
  url = '';

  private constructor(upstream: URL) {
    this.server = createServer((req, res) => this.forward(upstream, req, res));
  }

  /** Starts the proxy on a free port of 127.0.0.1, in front of `upstream`. */
  static async start(upstream: string): Promise<EvictionProxy> {
    const proxy = new EvictionProxy(new URL(upstream));
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(0, '127.0.0.1', resolve);
    });
    proxy.url = `http://127.0.0.1:${(proxy.server.address() as AddressInfo).port}`;
    return proxy;
  }

  /** Every answer noted, all pods together. */
  total(): number {
    return [...this.answers.values()].reduce((n, a) => n + a.length, 0);
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    this.agent.destroy();
  }

  private forward(upstream: URL, req: IncomingMessage, res: ServerResponse): void {
    const path = req.url ?? '/';
    const pod = req.method === 'POST' ? EVICTION.exec(path)?.[1] : undefined;
    const up = request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method: req.method,
        path,
        headers: forwardable(req.headers),
        agent: this.agent,
      },
      (answer) => {
        if (pod !== undefined) this.note(decodeURIComponent(pod), answer.statusCode ?? 0);
        res.writeHead(answer.statusCode ?? 502, forwardable(answer.headers));
        // Now, not with the first byte of the body: a watch's head comes before any event.
        res.flushHeaders();
        answer.pipe(res);
      },
    );
    // A client that goes away (a watch it stops) ends the request upstream too.
    res.on('close', () => {
      if (!res.writableFinished) up.destroy();
    });
    up.on('error', () => res.destroy());
    req.pipe(up);
  }

  private note(pod: string, code: number): void {
    const list = this.answers.get(pod) ?? [];
    list.push({ at: wallNow(), code });
    this.answers.set(pod, list);
  }
}
