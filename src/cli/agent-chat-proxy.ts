#!/usr/bin/env node
// The `agent-chat-proxy` command: reads its settings from the environment and serves the proxy over HTTP.
import { parseArgs } from 'node:util';
import { startProxyServer, type ProxyServer } from '../proxy/adapters/node.js';
import { envHelp } from '../proxy/env.js';
import { SettingsError, settingsFromEnv, type ProxySettings } from '../proxy/index.js';
import { setUpProxy, withSimulatorDefaults } from './setup.js';

const HELP = `Usage: agent-chat-proxy [--simulate]
       agent-chat-proxy receipts [--contact C] [--since ISO] [--until ISO] [--format csv|json]

Serves the agent-chat proxy: POST/OPTIONS $CHAT_PATH, GET /healthz.

  --simulate   use the built-in vendor simulator with demo settings (no environment needed)
  -h, --help   show this help

Settings come from the environment:
${envHelp()}

Without REDIS_URL, rate limits and idempotency records are kept in this process (bounded).
With it, every process on that Redis shares them; if Redis cannot be reached at start the
command exits, and while it is down later requests get 503 service_unavailable.

Consent receipts go to RECEIPTS: a directory (default ./.agent-chat/receipts, this process
only), a postgres:// URL (shared by every instance), or off. \`agent-chat-proxy receipts --help\`
tells how to read and erase them.
`;

// How long open requests may take to finish after SIGINT/SIGTERM.
const SHUTDOWN_GRACE_MS = 10_000;

function fail(message: string): never {
  process.stderr.write(`agent-chat-proxy: ${message}\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  let simulate = false;
  try {
    const { values } = parseArgs({ options: { simulate: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
    if (values.help) {
      process.stdout.write(HELP);
      return;
    }
    simulate = values.simulate ?? false;
  } catch (error) {
    fail(`${(error as Error).message} (see --help)`);
  }

  let settings: ProxySettings;
  try {
    settings = settingsFromEnv(simulate ? withSimulatorDefaults(process.env) : process.env);
  } catch (error) {
    if (error instanceof SettingsError) fail(error.message);
    throw error;
  }

  const setup = setUpProxy(settings, simulate);
  try {
    await setup.ready;
  } catch (error) {
    fail((error as Error).message);
  }
  const { handler } = setup;

  let server: ProxyServer;
  try {
    // Behind PUBLIC_ORIGIN the handler checks the host; otherwise a loopback server answers loopback names only.
    server = await startProxyServer({ handler, ...settings.server, anyHostName: settings.proxy.publicOrigin !== undefined });
  } catch (error) {
    fail(`cannot listen on ${settings.server.host}:${settings.server.port}: ${(error as Error).message}`);
  }
  process.stdout.write(`agent-chat-proxy listening on ${server.url}${simulate ? ' (simulated vendor)' : ''}\n`);

  const stop = () => {
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS).unref();
    server
      .close()
      .catch(() => {})
      .then(() => setup.close())
      .finally(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[2] === 'receipts') {
  const { runReceipts } = await import('./receipts.js');
  const output = { stdout: (text: string) => process.stdout.write(text), stderr: (text: string) => process.stderr.write(text) };
  process.exitCode = await runReceipts(process.argv.slice(3), process.env, output);
} else {
  main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
}
