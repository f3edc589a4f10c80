// A site for the e2e tests, as an owner would deploy it: pages and built files on one origin,
// the BUILT proxy (vendor = simulator) at /api/agent-chat.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { toNodeListener } from 'agent-chat-launcher/node';
import { createChatProxy } from 'agent-chat-launcher/proxy';
import { createSimulator, SIMULATOR_DEFAULTS } from 'agent-chat-launcher/simulator';

/** What a path serves: a file (its type from its extension) or page text, with any extra headers. */
export type Resource = { file: string | URL; headers?: Record<string, string> } | { html: string; headers?: Record<string, string> };

export interface Site {
  origin: string;
  close(): void;
}

/** Starts the site on a free loopback port; `resolve` maps each path to what it serves. */
export async function startSite(
  resolve: (path: string, origin: string) => Resource | undefined,
  options: { limits?: { perIp: number; perContact: number; daily: number } } = {},
): Promise<Site> {
  const simulator = createSimulator(SIMULATOR_DEFAULTS);
  const proxy = toNodeListener(createChatProxy({ ...SIMULATOR_DEFAULTS, ...options, fetch: simulator.fetch, log: () => {} }));
  const server = createServer(async (req, res) => {
    const path = new URL(req.url!, 'http://x').pathname;
    if (path === '/api/agent-chat') return void proxy(req, res);
    // Browsers ask for it on every page; a 404 would show up as a console error.
    if (path === '/favicon.ico') return void res.writeHead(204).end();
    const found = resolve(path, origin);
    try {
      if (!found) throw new Error('not found');
      const body = 'html' in found ? found.html : await readFile(found.file);
      const html = 'html' in found || String(found.file).endsWith('.html');
      res.writeHead(200, { 'Content-Type': html ? 'text/html' : 'text/javascript', ...found.headers });
      res.end(body);
    } catch {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { origin, close: () => server.close() };
}

/** The built file for a `/dist/…` path. */
export function distFile(path: string): URL {
  return new URL(`../..${path}`, import.meta.url);
}
