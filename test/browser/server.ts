// The browser tests' server side: the real proxy handler with the simulator as vendor, mounted
// as @web/test-runner middleware, plus two test-only routes to drive the simulator.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { toNodeListener } from '../../src/proxy/adapters/node.js';
import { createChatProxy } from '../../src/proxy/index.js';
import { createSimulator, SIMULATOR_DEFAULTS, type SimulatorFault } from '../../src/simulator/index.js';

interface KoaContext {
  path: string;
  method: string;
  req: IncomingMessage;
  res: ServerResponse;
  respond: boolean;
  body: unknown;
  status: number;
}

export function testServerMiddleware() {
  const simulator = createSimulator(SIMULATOR_DEFAULTS);
  // Every browser test submits from 127.0.0.1: limits high enough never to be what a test meets.
  const limits = { perIp: 10_000, perContact: 10_000, daily: 10_000 };
  const proxy = toNodeListener(createChatProxy({ ...SIMULATOR_DEFAULTS, limits, fetch: simulator.fetch, log: () => {} }));

  return async (ctx: KoaContext, next: () => Promise<void>) => {
    if (ctx.path === '/api/agent-chat') {
      ctx.respond = false;
      await proxy(ctx.req, ctx.res);
    } else if (ctx.path === '/test/simulator/fault' && ctx.method === 'POST') {
      let text = '';
      for await (const chunk of ctx.req) text += chunk;
      simulator.failNext((/^\d+$/.test(text) ? Number(text) : text) as SimulatorFault);
      ctx.status = 204;
    } else if (ctx.path === '/test/simulator/received') {
      ctx.body = simulator.received.map((r) => r.body);
    } else {
      await next();
    }
  };
}
