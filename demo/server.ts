// The `npm start` server side, as a Vite plugin: the proxy at CHAT_PATH and, when simulating,
// the vendor's log at /demo/vendor-log, on the same origin as the demo page.
import type { Plugin } from 'vite';
import { setUpProxy } from '../src/cli/setup.js';
import { toNodeListener } from '../src/proxy/adapters/node.js';
import { settingsFromEnv } from '../src/proxy/index.js';

export function demoServer(): Plugin {
  return {
    name: 'agent-chat-demo',
    configureServer(server) {
      const simulate = !process.env.WHIPPY_API_KEY;
      const settings = settingsFromEnv(process.env, { simulate });
      const { handler, simulator } = setUpProxy(settings, simulate);
      const proxy = toNodeListener(handler);
      server.middlewares.use((req, res, next) => {
        const [path, query] = (req.url ?? '').split('?');
        if (path === settings.server.chatPath) return void proxy(req, res);
        if (path === '/') return void res.writeHead(302, { Location: `/demo/${query ? '?' + query : ''}` }).end();
        if (path === '/demo/vendor-log') {
          res.setHeader('Content-Type', 'application/json');
          return void res.end(JSON.stringify(simulator?.receivedMasked() ?? []));
        }
        next();
      });
      server.httpServer?.once('listening', () => {
        const vendor = simulate ? 'the built-in simulator (set WHIPPY_API_KEY for the real vendor)' : settings.proxy.baseUrl;
        server.config.logger.info(`  agent-chat proxy at ${settings.server.chatPath}, vendor: ${vendor}`);
      });
    },
  };
}
