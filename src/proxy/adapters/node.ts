// Node adapters built on @hono/node-server: a request listener for http/Express/Connect, and a small
// standalone server with the timeouts and host checks a server on the open internet needs.
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import { createAdaptorServer, getRequestListener, type HttpBindings } from '@hono/node-server';
import { ProxyError, errorReply } from '../errors.js';
import type { ChatProxyHandler } from '../handler.js';
import { pathOf } from '../path.js';
import { listen } from './listen.js';

/** A Node request listener; also usable as Express/Connect middleware (it always answers). */
export type NodeListener = (request: IncomingMessage, response: ServerResponse) => Promise<void>;

// The TCP peer of a Node request, which a Request cannot carry.
function peerAddress(env: unknown): string | undefined {
  return (env as Partial<HttpBindings> | undefined)?.incoming?.socket?.remoteAddress;
}

/**
 * `http.createServer(toNodeListener(handler))`, or `app.post(path, toNodeListener(handler))`
 * in Express (mount it before any body parser: it reads the raw body itself).
 */
export function toNodeListener(handler: ChatProxyHandler): NodeListener {
  return getRequestListener((request, env) => handler(request, { clientIp: peerAddress(env) }));
}

export interface ProxyServerOptions {
  handler: ChatProxyHandler;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default 8787; 0 picks a free port. */
  port?: number;
  /** Default /api/agent-chat. */
  chatPath?: string;
  /**
   * Answer requests for any host name even when bound to a loopback address; default false: a
   * loopback server answers only loopback names (a DNS-rebinding page reaches it under its own).
   * Set it when the handler checks the host itself (`publicOrigin`).
   */
  anyHostName?: boolean;
  /** How long a client may take to send its headers; default 10 s. Then 408 and the connection closed. */
  headersTimeoutMs?: number;
  /** How long a client may take to send its whole request; default 15 s. Then 408 and the connection closed. */
  requestTimeoutMs?: number;
}

export interface ProxyServer {
  /** The chat endpoint's URL, with the real port. */
  url: string;
  /** `http://host:port`. */
  origin: string;
  /** Stops accepting connections; resolves once open requests have finished. */
  close(): Promise<void>;
}

const LOOPBACK_ADDRESS = /^(127\.\d+\.\d+\.\d+|::1|::ffff:127\.\d+\.\d+\.\d+|localhost)$/i;

/** The host name of a Host header (no port, no brackets), lower-cased. */
function hostName(host: string): string {
  const bracketed = /^\[([^\]]*)\]/.exec(host);
  return (bracketed ? bracketed[1]! : host.replace(/:\d*$/, '')).toLowerCase();
}

const isLoopbackName = (name: string) => LOOPBACK_ADDRESS.test(name) || name.endsWith('.localhost');

function json(reply: { status: number; body: unknown; headers?: Record<string, string> | undefined }): Response {
  return Response.json(reply.body, { status: reply.status, headers: { 'Cache-Control': 'no-store', ...reply.headers } });
}

/**
 * Serves the handler at `chatPath` (every method: the handler answers 405 itself),
 * `GET /healthz` → 200 `{"ok":true}`, anything else → 404 JSON. Resolves once listening.
 */
export async function startProxyServer(options: ProxyServerOptions): Promise<ProxyServer> {
  const { handler, host = '127.0.0.1', port = 8787, chatPath = '/api/agent-chat' } = options;
  const loopbackNamesOnly = !options.anyHostName && isLoopbackName(hostName(host));
  const server = createAdaptorServer({
    hostname: host,
    serverOptions: {
      headersTimeout: options.headersTimeoutMs ?? 10_000,
      requestTimeout: options.requestTimeoutMs ?? 15_000,
      // How often Node looks for requests past those timeouts (its default, 30 s, would let them run long).
      connectionsCheckingInterval: Math.min(1000, options.headersTimeoutMs ?? 1000),
    },
    fetch: (request: Request, env: unknown) => {
      if (loopbackNamesOnly && !isLoopbackName(hostName(request.headers.get('host') ?? ''))) {
        return json(errorReply(new ProxyError('origin_not_allowed')));
      }
      const pathname = pathOf(request.url);
      if (pathname === chatPath) return handler(request, { clientIp: peerAddress(env) });
      if (pathname === '/healthz' && (request.method === 'GET' || request.method === 'HEAD')) {
        return json({ status: 200, body: { ok: true } });
      }
      return json({ status: 404, body: { error: { code: 'not_found', message: 'Not found.' } } });
    },
  }) as Server;

  const origin = await listen(server, port, host);
  return {
    url: `${origin}${chatPath}`,
    origin,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Open requests may finish; each keep-alive connection is closed as soon as it is idle.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        server.close((error) => {
          clearInterval(sweep);
          if (error) reject(error);
          else resolve();
        });
        server.closeIdleConnections();
      }),
  };
}

export {
  createProxyMetrics,
  startMetricsServer,
  type MetricsServer,
  type ProxyMetrics,
  type ProxyMetricsOptions,
} from './metrics.js';
