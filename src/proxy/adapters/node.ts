// Node adapters built on @hono/node-server: a request listener for http/Express/Connect, a small standalone
// server, and the Redis connection for several instances (Node only, so not in the proxy's main entry).
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAdaptorServer, getRequestListener, type HttpBindings } from '@hono/node-server';
import type { ChatProxyHandler } from '../handler.js';
import { jsonResponse } from '../errors.js';
import { pathOf } from '../path.js';

export { connectRedis, type ConnectRedisOptions, type RedisConnection } from '../stores/redis-connection.js';

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
}

export interface ProxyServer {
  /** The chat endpoint's URL, with the real port. */
  url: string;
  /** `http://host:port`. */
  origin: string;
  /** Stops accepting connections; resolves once open requests have finished. */
  close(): Promise<void>;
}

/**
 * Serves the handler at `chatPath` (every method: the handler answers 405 itself),
 * `GET /healthz` → 200 `{"ok":true}`, anything else → 404 JSON. Resolves once listening.
 */
export async function startProxyServer(options: ProxyServerOptions): Promise<ProxyServer> {
  const { handler, host = '127.0.0.1', port = 8787, chatPath = '/api/agent-chat' } = options;
  const server = createAdaptorServer({
    hostname: host,
    fetch: (request: Request, env: unknown) => {
      const pathname = pathOf(request.url);
      if (pathname === chatPath) return handler(request, { clientIp: peerAddress(env) });
      if (pathname === '/healthz' && (request.method === 'GET' || request.method === 'HEAD')) {
        return jsonResponse(200, { ok: true });
      }
      return jsonResponse(404, { error: { code: 'not_found', message: 'Not found.' } });
    },
  }) as Server;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  const address = server.address() as AddressInfo;
  const origin = `http://${address.family === 'IPv6' ? `[${address.address}]` : address.address}:${address.port}`;
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
