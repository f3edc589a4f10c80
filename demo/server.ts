// The `npm start` server side, as a Vite plugin: the proxy at CHAT_PATH and, when simulating,
// the vendor's log at /demo/vendor-log, and the latest consent receipts' ids at /demo/receipts,
// on the same origin as the demo page.
import type { Plugin } from 'vite';
import { setUpProxy, withSimulatorDefaults } from '../src/cli/setup.js';
import { toNodeListener } from '../src/proxy/adapters/node.js';
import { maskContact, settingsFromEnv } from '../src/proxy/index.js';
import type { ReceiptDatabase } from '../src/proxy/receipts/types.js';
import type { ReceivedChat } from '../src/simulator/index.js';

// Only what the side panel shows: which vendor session each receipt belongs to.
async function latestReceipts(database: Promise<ReceiptDatabase> | undefined) {
  const db = await database?.catch(() => undefined);
  const receipts = (await db?.list({ latest: 50 }).catch(() => [])) ?? [];
  return receipts.map((receipt) => ({ id: receipt.id, session: receipt.vendor_session_id }));
}

// What the demo page shows of a chat the simulated vendor received: the visitor's contact masked.
function vendorLogRow(chat: ReceivedChat) {
  const body = typeof chat.body === 'object' && chat.body !== null ? (chat.body as Record<string, unknown>) : {};
  return {
    at: chat.at,
    status: chat.status,
    id: chat.id,
    type: body.type,
    to: typeof body.to === 'string' ? maskContact(body.to) : undefined,
    schedule_at: body.schedule_at,
  };
}

export function demoServer(): Plugin {
  return {
    name: 'agent-chat-demo',
    configureServer(server) {
      const simulate = !process.env.WHIPPY_API_KEY;
      const settings = settingsFromEnv(simulate ? withSimulatorDefaults(process.env) : process.env);
      const setup = setUpProxy(settings, simulate);
      const { handler, simulator } = setup;
      setup.ready.catch((error: Error) => server.config.logger.error(`  ${error.message}`));
      // Releases the embedded receipt directory, so the next `npm start` (or `receipts`) can open it.
      server.httpServer?.once('close', () => void setup.close());
      const proxy = toNodeListener(handler);
      server.middlewares.use((req, res, next) => {
        const [path, query] = (req.url ?? '').split('?');
        if (path === settings.server.chatPath) return void proxy(req, res);
        if (path === '/') return void res.writeHead(302, { Location: `/demo/${query ? '?' + query : ''}` }).end();
        if (path === '/demo/receipts') {
          res.setHeader('Content-Type', 'application/json');
          return void latestReceipts(setup.receipts).then((rows) => res.end(JSON.stringify(rows)));
        }
        if (path === '/demo/vendor-log') {
          res.setHeader('Content-Type', 'application/json');
          return void res.end(JSON.stringify(simulator?.received.map(vendorLogRow) ?? []));
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
